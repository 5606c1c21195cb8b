"""Rate limits (embedded memory storage): 429 shape, keys, API-only scope, proxy handling."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, jsonify
from flask.testing import FlaskClient

from flamingo.http import ratelimit
from flamingo.http.ratelimit import unlock_limit
from tests.conftest import problem
from tests.support import metrics
from tests.unit.accounts.test_accounts import PASSWORD, accounts_app, signup


def _login(client: FlaskClient, email: str = "alice@example.com", **kw: Any) -> Any:
    return client.post(
        "/api/v1/auth/login", json={"email": email, "password": "wrong password!"}, **kw
    )


def test_login_limit_per_ip_gives_problem_429_with_headers() -> None:
    client = accounts_app(
        RATELIMIT_LOGIN="3/minute", RATELIMIT_LOGIN_EMAIL="100/minute"
    ).test_client()
    statuses = [_login(client, f"u{i}@example.com").status_code for i in range(3)]
    assert statuses == [401, 401, 401]
    response = _login(client, "fresh@example.com")
    assert response.status_code == 429
    body = problem(response)
    assert body["type"].endswith("/rate-limited") and body["status"] == 429
    assert int(response.headers["Retry-After"]) >= 1
    assert response.headers["RateLimit-Limit"] == "3"
    assert response.headers["RateLimit-Remaining"] == "0"
    assert int(response.headers["RateLimit-Reset"]) >= 1
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_login_limit_per_email_across_ips() -> None:
    client = accounts_app(
        RATELIMIT_LOGIN="100/minute", RATELIMIT_LOGIN_EMAIL="2/minute"
    ).test_client()
    for i in range(2):
        assert _login(client, environ_base={"REMOTE_ADDR": f"198.51.100.{i}"}).status_code == 401
    blocked = _login(client, "ALICE@example.com ", environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert blocked.status_code == 429
    assert _login(client, "bob@example.com").status_code == 401


def test_forged_forwarded_for_is_ignored_without_trusted_proxies() -> None:
    client = accounts_app(RATELIMIT_LOGIN="2/minute").test_client()
    for i in range(2):
        _login(client, f"u{i}@example.com", headers={"X-Forwarded-For": f"203.0.113.{i}"})
    response = _login(client, "z@example.com", headers={"X-Forwarded-For": "203.0.113.77"})
    assert response.status_code == 429


def test_trusted_proxy_takes_the_address_our_proxy_appended() -> None:
    client = accounts_app(RATELIMIT_LOGIN="2/minute", TRUSTED_PROXY_COUNT="1").test_client()
    for i in range(2):  # the client forges the left part; our proxy appended 203.0.113.5
        _login(client, f"u{i}@example.com", headers={"X-Forwarded-For": f"10.0.0.{i}, 203.0.113.5"})
    forged = _login(client, "z@example.com", headers={"X-Forwarded-For": "1.1.1.1, 203.0.113.5"})
    assert forged.status_code == 429
    other = _login(client, "z@example.com", headers={"X-Forwarded-For": "203.0.113.6"})
    assert other.status_code == 401


def test_signup_limit() -> None:
    client = accounts_app(RATELIMIT_SIGNUP="1/hour").test_client()
    signup(client, "one@example.com")
    response = client.post(
        "/api/v1/auth/signup", json={"email": "two@example.com", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_anonymous_api_limit_per_ip_and_token_limit_per_token() -> None:
    app = accounts_app(RATELIMIT_ANONYMOUS="2/minute", RATELIMIT_API="3/minute")
    client = app.test_client()
    assert [client.get("/api/v1/version").status_code for _ in range(3)] == [200, 200, 429]
    user = app.test_client()
    signup(user)
    statuses = [user.get("/api/v1/me").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/api/v1/me").status_code == 429  # still anonymous, still limited


def test_disabled_limits() -> None:
    client = accounts_app(RATELIMIT_ENABLED="false", RATELIMIT_ANONYMOUS="1/minute").test_client()
    assert {client.get("/api/v1/version").status_code for _ in range(3)} == {200}


def test_non_api_paths_never_reach_the_limiter(monkeypatch: pytest.MonkeyPatch) -> None:
    app = accounts_app(RATELIMIT_ANONYMOUS="1/minute")
    calls: list[str] = []
    original = ratelimit.check_request

    def counting() -> None:
        from flask import request  # noqa: PLC0415

        calls.append(request.path)
        original()

    monkeypatch.setattr(ratelimit, "check_request", counting)
    client = app.test_client()
    for path in ["/healthz", "/readyz", "/metrics", "/some-code", "/healthz", "/metrics"]:
        response = client.get(path)
        assert response.status_code != 429
        assert "RateLimit-Limit" not in response.headers
        assert "X-Content-Type-Options" not in response.headers
    assert calls == []
    client.get("/api/v1/version")
    assert calls == ["/api/v1/version"]


def test_unlock_limit_per_ip_and_per_code() -> None:
    app = accounts_app(RATELIMIT_UNLOCK="2/minute")

    @app.post("/api/v1/_test/unlock/<code>")
    @unlock_limit
    def unlock(code: str) -> Any:
        return jsonify(code=code)

    client = app.test_client()
    url = "/api/v1/_test/unlock/"
    ip = {"REMOTE_ADDR": "192.0.2.1"}
    assert client.post(url + "abc", environ_base=ip).status_code == 200
    assert client.post(url + "abc", environ_base=ip).status_code == 200
    # Same code from elsewhere: the per-code limit holds.
    assert client.post(url + "abc", environ_base={"REMOTE_ADDR": "192.0.2.2"}).status_code == 429
    # Same IP, other code: the per-IP limit holds.
    assert client.post(url + "xyz", environ_base=ip).status_code == 429
    assert client.post(url + "xyz", environ_base={"REMOTE_ADDR": "192.0.2.3"}).status_code == 200


def test_api_answers_carry_security_headers(client: FlaskClient) -> None:
    response = client.get("/api/v1/version")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Cache-Control" not in response.headers  # not personal
    missing = client.get("/api/v1/does-not-exist")
    assert missing.status_code == 404 and missing.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def app() -> Flask:
    return accounts_app()


def _storage_errors() -> float:
    return float(metrics.counter(ratelimit.STORAGE_ERRORS))


def test_bad_login_bodies_are_not_storage_errors(client: FlaskClient) -> None:
    before = _storage_errors()
    assert client.post("/api/v1/auth/login", data="x=1").status_code == 415
    assert client.post("/api/v1/auth/login", json=["not", "an", "object"]).status_code == 422
    assert _storage_errors() == before
