"""Accounts on the real service: gunicorn (2 workers), redis-server and FerretDB."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pymongo
import pytest
import redis
import requests

from flamingo.accounts.tokens import hash_secret
from tests.support.processes import FerretDB, Gunicorn, RedisServer, backend_env

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery"
GENEROUS_LIMITS = {
    "RATELIMIT_SIGNUP": "1000/minute",
    "RATELIMIT_LOGIN": "1000/minute",
    "RATELIMIT_LOGIN_EMAIL": "1000/minute",
    "RATELIMIT_ANONYMOUS": "1000/minute",
}


def start_service(ferretdb: FerretDB, redis_url: str, metrics: Path, **settings: str) -> Gunicorn:
    server = Gunicorn(
        backend_env(
            MONGO_URI=ferretdb.uri,
            MONGO_DB="accounts_" + uuid.uuid4().hex[:12],
            REDIS_URL=redis_url,
            WEB_CONCURRENCY="2",
            PROMETHEUS_MULTIPROC_DIR=str(metrics),
            PASSWORD_HASH_MEMORY_KIB="1024",
            PASSWORD_HASH_TIME_COST="1",
            # redis_server is shared by the whole run: generous limits unless a test sets its own.
            **{**GENEROUS_LIMITS, **settings},
        )
    )
    server.start()
    return server


@pytest.fixture
def service(ferretdb: FerretDB, redis_server: RedisServer, tmp_path: Path) -> Iterator[Gunicorn]:
    server = start_service(ferretdb, redis_server.url, tmp_path / "metrics")
    yield server
    server.stop()


class Browser:
    """A cookie-keeping client that sends the CSRF header the way the SPA does."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()

    def csrf(self) -> dict[str, str]:
        token = self.http.cookies.get("flamingo_csrf")
        return {"X-CSRF-Token": token} if token else {}

    def call(self, method: str, path: str, csrf: bool = True, **kw: Any) -> requests.Response:
        headers = {**(self.csrf() if csrf else {}), **kw.pop("headers", {})}
        return self.http.request(method, self.base + path, headers=headers, timeout=10, **kw)

    def signup(self, email: str) -> dict[str, Any]:
        response = self.call(
            "POST", "/api/v1/auth/signup", json={"email": email, "password": PASSWORD}
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    def login(self, email: str, password: str = PASSWORD, **kw: Any) -> requests.Response:
        return self.call(
            "POST", "/api/v1/auth/login", json={"email": email, "password": password}, **kw
        )

    def token(self, scopes: list[str], **extra: Any) -> dict[str, Any]:
        response = self.call(
            "POST", "/api/v1/tokens", json={"name": "t", "scopes": scopes, **extra}
        )
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def _db(service: Gunicorn, ferretdb: FerretDB) -> Any:
    assert service.env is not None
    return pymongo.MongoClient(ferretdb.uri)[service.env["MONGO_DB"]]


def test_signup_login_me_logout_password(service: Gunicorn) -> None:
    alice = Browser(service.base)
    user = alice.signup("Alice@Example.com")
    assert user["email"] == "alice@example.com"
    me = alice.call("GET", "/api/v1/me")
    assert me.status_code == 200 and me.json() == user
    assert me.headers["Cache-Control"] == "no-store"
    assert me.headers["X-Content-Type-Options"] == "nosniff"
    assert alice.call("POST", "/api/v1/auth/logout").status_code == 204
    assert alice.call("GET", "/api/v1/me").status_code == 401
    assert alice.login("alice@example.com", "wrong password!").status_code == 401
    assert alice.login("ALICE@example.com").status_code == 200
    changed = alice.call(
        "POST",
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "an entirely new one"},
    )
    assert changed.status_code == 200
    assert alice.call("GET", "/api/v1/me").status_code == 200
    assert alice.login("alice@example.com").status_code == 401
    assert alice.login("alice@example.com", "an entirely new one").status_code == 200


def test_session_fixation_login_issues_a_new_id(
    service: Gunicorn, redis_server: RedisServer
) -> None:
    browser = Browser(service.base)
    browser.signup("fix@example.com")
    planted = browser.http.cookies.get("flamingo_session")
    response = browser.login("fix@example.com")
    fresh = response.cookies.get("flamingo_session")
    assert fresh and fresh != planted
    replay = requests.get(
        service.base + "/api/v1/me", cookies={"flamingo_session": planted}, timeout=10
    )
    assert replay.status_code == 401
    # An id an attacker makes up is never adopted: login ignores it and issues its own.
    attacker_id = "A" * 43
    victim = Browser(service.base)
    victim.http.cookies.set("flamingo_session", attacker_id)
    issued = victim.login("fix@example.com").cookies.get("flamingo_session")
    assert issued and issued != attacker_id
    keys = redis.Redis.from_url(redis_server.url, decode_responses=True).keys("flamingo:session:*")
    assert all(issued not in key and attacker_id not in key for key in keys)


def test_csrf_cookie_post_needs_the_header(service: Gunicorn) -> None:
    browser = Browser(service.base)
    browser.signup("csrf@example.com")
    body = {"name": "t", "scopes": ["links:read"]}
    refused = browser.call("POST", "/api/v1/tokens", csrf=False, json=body)
    assert refused.status_code == 403
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    assert refused.json()["type"].endswith("/csrf-failed")
    wrong = browser.call(
        "POST", "/api/v1/tokens", csrf=False, json=body, headers={"X-CSRF-Token": "x"}
    )
    assert wrong.status_code == 403
    assert browser.call("POST", "/api/v1/tokens", json=body).status_code == 201


def test_csrf_token_is_bound_to_its_session(service: Gunicorn) -> None:
    one, two = Browser(service.base), Browser(service.base)
    one.signup("one@example.com")
    two.signup("two@example.com")
    body = {"name": "t", "scopes": ["links:read"]}
    crossed = two.call("POST", "/api/v1/tokens", csrf=False, json=body, headers=one.csrf())
    assert crossed.status_code == 403


def test_tokens_scopes_revocation_expiry_and_storage(service: Gunicorn, ferretdb: FerretDB) -> None:
    owner = Browser(service.base)
    owner.signup("tok@example.com")
    reader = owner.token(["links:read"])
    writer = owner.token(["links:write"])
    api = service.base + "/api/v1/links"
    assert requests.get(api, headers=_bearer(reader["token"]), timeout=10).status_code == 200
    denied = requests.post(
        api, json={"target": "https://example.com/"}, headers=_bearer(reader["token"]), timeout=10
    )
    assert denied.status_code == 403 and denied.json()["type"].endswith("/insufficient-scope")
    created = requests.post(
        api, json={"target": "https://example.com/"}, headers=_bearer(writer["token"]), timeout=10
    )
    assert created.status_code == 201, created.text
    assert requests.get(api, headers=_bearer(writer["token"]), timeout=10).status_code == 403
    stats = f"{api}/{created.json()['id']}/stats"
    assert requests.get(stats, headers=_bearer(reader["token"]), timeout=10).status_code == 403
    # The secret is never returned again and only its hash is stored.
    listing = owner.call("GET", "/api/v1/tokens")
    assert reader["token"] not in listing.text and writer["token"] not in listing.text
    docs = list(_db(service, ferretdb)["api_tokens"].find({}))
    assert len(docs) == 2
    for doc in docs:
        assert reader["token"] not in repr(doc) and writer["token"] not in repr(doc)
    assert {d["token_hash"] for d in docs} == {
        hash_secret(reader["token"]),
        hash_secret(writer["token"]),
    }
    # Revoked: refused at once, by either worker.
    assert owner.call("DELETE", f"/api/v1/tokens/{reader['id']}").status_code == 204
    for _ in range(4):
        assert requests.get(api, headers=_bearer(reader["token"]), timeout=10).status_code == 401
    # Expired: refused.
    _db(service, ferretdb)["api_tokens"].update_one(
        {"token_hash": hash_secret(writer["token"])},
        {"$set": {"expires_at": datetime(2000, 1, 1, tzinfo=UTC)}},
    )
    body = {"target": "https://example.com/"}
    expired = requests.post(api, json=body, headers=_bearer(writer["token"]), timeout=10)
    assert expired.status_code == 401


def test_users_cannot_touch_each_others_links(service: Gunicorn) -> None:
    alice, bob = Browser(service.base), Browser(service.base)
    alice.signup("a@example.com")
    bob.signup("b@example.com")
    link = alice.call("POST", "/api/v1/links", json={"target": "https://example.com/a"})
    assert link.status_code == 201, link.text
    path = f"/api/v1/links/{link.json()['id']}"
    attempts = [
        ("GET", path, None),
        ("PATCH", path, {"title": "mine now"}),
        ("DELETE", path, None),
        ("GET", path + "/stats", None),
        ("GET", path + "/stats.csv", None),
        ("GET", path + "/qr.svg", None),
    ]
    bob_token = bob.token(["links:read", "links:write", "stats:read"])["token"]
    for method, target, body in attempts:
        by_session = bob.call(method, target, json=body)
        assert by_session.status_code == 404, (method, target, by_session.text)
        assert by_session.json()["type"].endswith("/not-found")
        by_token = requests.request(
            method, service.base + target, json=body, headers=_bearer(bob_token), timeout=10
        )
        assert by_token.status_code == 404, (method, target)
    missing = bob.call("GET", "/api/v1/links/0123456789abcdef01234567")
    assert missing.status_code == 404 and missing.json()["type"] == by_session.json()["type"]
    assert alice.call("GET", path).status_code == 200
    assert bob.call("GET", "/api/v1/links").json()["items"] == []


def test_cli_create_admin_and_token(service: Gunicorn, ferretdb: FerretDB) -> None:
    assert service.env is not None
    env = backend_env(
        MONGO_URI=ferretdb.uri, MONGO_DB=service.env["MONGO_DB"], REDIS_URL=service.env["REDIS_URL"]
    )

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "flamingo.cli", *args],
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=tempfile.mkdtemp(),
        )

    created = cli(
        "create-admin",
        "--email",
        "Root@Example.com",
        "--password-stdin",
        stdin="an admin password\n",
    )
    assert created.returncode == 0, created.stderr
    assert "admin created: root@example.com" in created.stdout
    weak = cli("create-admin", "--email", "x@example.com", "--password-stdin", stdin="short\n")
    assert weak.returncode != 0 and "password" in weak.stderr
    issued = cli(
        "create-token", "--email", "root@example.com", "--name", "ops", "--scope", "links:read"
    )
    assert issued.returncode == 0, issued.stderr
    secret = issued.stdout.strip()
    assert re.fullmatch(r"flm_[A-Za-z0-9_-]{43}", secret)
    me = requests.get(service.base + "/api/v1/me", headers=_bearer(secret), timeout=10)
    assert me.status_code == 200 and me.json()["role"] == "admin"
    admin = Browser(service.base)
    assert admin.login("root@example.com", "an admin password").status_code == 200
    assert admin.call("GET", "/api/v1/admin/users").status_code == 200
    unknown = cli(
        "create-token", "--email", "nobody@example.com", "--name", "x", "--scope", "links:read"
    )
    assert unknown.returncode != 0
