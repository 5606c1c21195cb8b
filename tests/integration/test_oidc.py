"""Single sign-on against a real Keycloak on loopback (tests/support/keycloak.py).

The app runs in-process (Flask's test client, embedded stores); everything between it and the
provider — discovery, the JWKS, the code exchange — is real HTTP to Keycloak, and the browser's
part (the provider's login form) is played with ``requests``. Nothing is mocked.
"""

from __future__ import annotations

import base64
import json
import os
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from flamingo.accounts.oidc import OidcClient, OidcError, client_for, forget_provider_cache
from flamingo.accounts.users import Users
from flamingo.app import create_app
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.http.cookies import OIDC_FLOW_COOKIE, SESSION_COOKIE
from tests.conftest import make_settings, problem
from tests.support.keycloak import CLIENT_ID, CLIENT_SECRET, Keycloak, sign_in_at_provider
from tests.support.links import FAST_HASH

# The first test also starts Keycloak (the session fixture): allow for a slow start on a busy
# machine beyond pytest's default 120 s.
pytestmark = [pytest.mark.integration, pytest.mark.timeout(360)]

ALLOWED = "allowed.example,sub.allowed.example"
CALLBACK = "/api/v1/auth/oidc/callback"


@pytest.fixture(scope="session")
def keycloak() -> Iterator[Keycloak]:
    """One Keycloak for the whole session, stopped afterwards whatever the outcome.

    ``FLAMINGO_KEYCLOAK_BASE`` (e.g. ``http://127.0.0.1:8180``) reuses a Keycloak already
    running with the test realm, for quick re-runs while developing."""
    running = os.environ.get("FLAMINGO_KEYCLOAK_BASE")
    if running:
        yield Keycloak.attach(running)
        return
    server = Keycloak()
    try:
        server.start()
        print(f"keycloak started in {server.started_in:.1f} s")
        yield server
    finally:
        server.stop()


def sso_app(keycloak: Keycloak, **extra: str) -> Flask:
    forget_provider_cache()
    values = {
        "LOG_REQUESTS": "false",
        "RATELIMIT_ENABLED": "false",
        "PUBLIC_BASE_URL": "http://127.0.0.1:8080",
        "OIDC_ISSUER": keycloak.issuer,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_ALLOWED_DOMAINS": ALLOWED,
        **FAST_HASH,
    }
    settings = make_settings(**{**values, **extra})
    return create_app(settings)


@pytest.fixture
def app(keycloak: Keycloak) -> Flask:
    return sso_app(keycloak)


def _start(client: FlaskClient, query: str = "") -> str:
    answer = client.get(f"/api/v1/auth/oidc/login{query}")
    assert answer.status_code == 302, answer.data
    location = answer.headers["Location"]
    query = parse_qs(urlsplit(location).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["state"] and query["nonce"] and query["response_type"] == ["code"]
    return location


def _at_provider(location: str, username: str) -> str:
    """The callback path + query Keycloak redirects the browser to."""
    redirect = sign_in_at_provider(location, username)
    parts = urlsplit(redirect)
    assert parts.path == CALLBACK, redirect
    return f"{parts.path}?{parts.query}"


def sign_in(client: FlaskClient, username: str) -> TestResponse:
    return client.get(_at_provider(_start(client), username))


def _sso_error(answer: TestResponse) -> str:
    assert answer.status_code == 302, answer.data
    parts = urlsplit(answer.headers["Location"])
    assert parts.path == "/app/login", answer.headers["Location"]
    return parse_qs(parts.query)["sso_error"][0]


def _entries(app: Flask, action: str | None = None) -> list[dict[str, Any]]:
    with app.app_context():
        return [e.public() for e in audit.entries(None, 200, action=action).items]


def test_happy_path_creates_the_user_and_starts_a_session(app: Flask) -> None:
    client = app.test_client()
    answer = sign_in(client, "alice")
    assert answer.status_code == 302 and answer.headers["Location"] == "/app/"
    cookies = answer.headers.getlist("Set-Cookie")
    assert any(c.startswith(f"{SESSION_COOKIE}=") and "HttpOnly" in c for c in cookies)
    assert any(c.startswith("flamingo_csrf=") for c in cookies)
    me = client.get("/api/v1/me")
    assert me.status_code == 200 and me.get_json()["email"] == "alice@allowed.example"
    # Made like a signup: with a personal workspace the new user owns.
    owned = client.get("/api/v1/workspaces").get_json()["items"]
    assert [(w["id"], w["personal"], w["role"]) for w in owned] == [
        (me.get_json()["id"], True, "owner")
    ]
    first_session = client.get_cookie(SESSION_COOKIE)
    assert first_session is not None

    # The account has no password: password login cannot open it.
    login = client.post(
        "/api/v1/auth/login", json={"email": "alice@allowed.example", "password": "x" * 12}
    )
    assert login.status_code == 401

    # A second sign-in finds the same user and rotates the session id.
    again = sign_in(client, "alice")
    assert again.headers["Location"] == "/app/"
    second_session = client.get_cookie(SESSION_COOKIE)
    assert second_session is not None and second_session.value != first_session.value
    assert client.get("/api/v1/me").get_json()["id"] == me.get_json()["id"]
    with app.app_context():
        store_users = Users(context.stores().db)
        assert store_users.by_email("alice@allowed.example") is not None

    signups = _entries(app, "user.signup")
    assert len(signups) == 1 and signups[0]["changes"] == {"method": "oidc"}
    successes = _entries(app, "auth.login.success")
    assert [e["changes"]["method"] for e in successes] == ["oidc", "oidc"]
    assert all(e["actor_id"] == me.get_json()["id"] == e["target_id"] for e in successes)


def test_the_sign_in_returns_to_the_page_that_started_it(app: Flask) -> None:
    """An invitee who signs in from the accept page comes back to it (``?next``, kept in the
    flow in Redis, not in anything the browser or the provider could change)."""
    client = app.test_client()
    location = _start(client, "?next=/invite/tok-123%3Fx%3D1")
    assert "invite" not in location  # the provider never sees it
    answer = client.get(_at_provider(location, "alice"))
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/app/invite/tok-123?x=1"
    assert client.get("/api/v1/me").status_code == 200


@pytest.mark.parametrize(
    "bad", ["//evil.example/", "https://evil.example/", "/\\evil.example", "invite/x", "/a b", ""]
)
def test_a_next_outside_the_app_is_refused(app: Flask, bad: str) -> None:
    answer = app.test_client().get("/api/v1/auth/oidc/login", query_string={"next": bad})
    assert answer.status_code == 400
    assert problem(answer)["type"].endswith("/invalid-next")
    cookies = answer.headers.getlist("Set-Cookie")
    assert not [c for c in cookies if c.startswith("flamingo_oidc=")]  # no flow was started


def test_wrong_state_is_refused_and_burns_the_flow(app: Flask) -> None:
    client = app.test_client()
    callback = _at_provider(_start(client), "alice")
    forged = callback.replace("state=", "state=forged", 1)
    assert _sso_error(client.get(forged)) == "state-mismatch"
    assert client.get("/api/v1/me").status_code == 401
    # The flow was single use: the genuine answer now finds nothing to finish.
    client.set_cookie(OIDC_FLOW_COOKIE, "gone", path="/api/v1/auth/oidc")
    assert _sso_error(client.get(callback)) == "flow-expired"
    failures = _entries(app, "auth.login.failure")
    assert [e["changes"]["reason"] for e in failures] == ["flow-expired", "state-mismatch"]


def test_a_replayed_callback_is_refused(app: Flask) -> None:
    client = app.test_client()
    location = _start(client)
    flow_cookie = client.get_cookie(OIDC_FLOW_COOKIE, path="/api/v1/auth/oidc")
    assert flow_cookie is not None
    callback = _at_provider(location, "alice")
    assert client.get(callback).headers["Location"] == "/app/"
    # An attacker holding both the cookie and the callback URL replays them.
    attacker = app.test_client()
    attacker.set_cookie(OIDC_FLOW_COOKIE, flow_cookie.value, path="/api/v1/auth/oidc")
    assert _sso_error(attacker.get(callback)) == "flow-expired"
    assert attacker.get("/api/v1/me").status_code == 401


def test_a_callback_without_the_browser_cookie_is_refused(app: Flask) -> None:
    victim = app.test_client()
    callback = _at_provider(_start(victim), "alice")
    assert _sso_error(app.test_client().get(callback)) == "flow-expired"  # login CSRF


def _real_flow_token(app: Flask, username: str) -> tuple[OidcClient, dict[str, str], str]:
    """A real ID token (with our nonce) from a real flow, exchanged by the test itself."""
    with app.app_context():
        oidc = client_for(context.settings(), context.stores().redis)
        flow_id, location = oidc.begin()
        callback = _at_provider(location, username)
        code = parse_qs(urlsplit(callback).query)["code"][0]
        flow = oidc.take_flow(flow_id)
        return oidc, flow, oidc.exchange(code, flow["verifier"])


def test_a_replayed_nonce_is_refused(app: Flask) -> None:
    oidc, flow, id_token = _real_flow_token(app, "alice")
    with app.app_context():
        claims = oidc.verify_id_token(id_token, nonce=flow["nonce"])
        assert claims["nonce"] == flow["nonce"]
        oidc.spend_nonce(flow["nonce"])
        with pytest.raises(OidcError) as replay:
            oidc.verify_id_token(id_token, nonce=flow["nonce"])
            oidc.spend_nonce(flow["nonce"])
        assert replay.value.code == "nonce-replayed"
        with pytest.raises(OidcError) as other:
            oidc.verify_id_token(id_token, nonce="another-flows-nonce")
        assert other.value.code == "invalid-id-token"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_a_tampered_id_token_is_refused(app: Flask) -> None:
    oidc, flow, id_token = _real_flow_token(app, "alice")
    header, payload, signature = id_token.split(".")
    claims = json.loads(_unb64(payload))
    flipped = _unb64(signature)
    flipped = bytes([flipped[0] ^ 0x01]) + flipped[1:]
    escalated = _b64(json.dumps({**claims, "email": "boss@allowed.example"}).encode())
    unsigned = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    tampered = {
        "altered signature": f"{header}.{payload}.{_b64(flipped)}",
        "altered payload": f"{header}.{escalated}.{signature}",
        "alg none": f"{unsigned}.{payload}.",
        "not a JWT": "not.a.jwt",
    }
    with app.app_context():
        assert oidc.verify_id_token(id_token, nonce=flow["nonce"])["email"] == claims["email"]
        for what, token in tampered.items():
            with pytest.raises(OidcError) as refused:
                oidc.verify_id_token(token, nonce=flow["nonce"])
            assert refused.value.code == "invalid-id-token", what


def test_a_token_for_another_audience_is_refused(keycloak: Keycloak) -> None:
    other_client = sso_app(keycloak, OIDC_CLIENT_ID="someone-else")
    ours = sso_app(keycloak)
    id_token = keycloak.password_grant("alice")["id_token"]
    with other_client.app_context():
        oidc = client_for(context.settings(), context.stores().redis)
        with pytest.raises(OidcError) as refused:
            oidc.verify_id_token(id_token, nonce=None)
        assert refused.value.code == "invalid-id-token"
    with ours.app_context():
        oidc = client_for(context.settings(), context.stores().redis)
        assert oidc.verify_id_token(id_token, nonce=None)["email"] == "alice@allowed.example"
        claims = json.loads(_unb64(id_token.split(".")[1]))
        assert claims["exp"] > time.time()


def test_an_unverified_email_is_refused(app: Flask) -> None:
    client = app.test_client()
    assert _sso_error(sign_in(client, "bob")) == "email-unverified"
    assert client.get("/api/v1/me").status_code == 401
    with app.app_context():
        assert Users(context.stores().db).by_email("bob@allowed.example") is None
    (failure,) = _entries(app, "auth.login.failure")
    assert failure["changes"] == {"method": "oidc", "reason": "email-unverified"}
    assert failure["actor_id"] is None


def test_the_providers_email_verified_makes_the_account_verified(app: Flask) -> None:
    """alice's address is verified at Keycloak (the realm's emailVerified): her account counts
    as verified. A password account someone made for her address before (unverified) becomes
    hers, and the password its maker chose stops working."""
    password = "a squatter's password"
    squatter = app.test_client()
    made = squatter.post(
        "/api/v1/auth/signup", json={"email": "alice@allowed.example", "password": password}
    )
    assert made.status_code == 201 and made.get_json()["email_verified"] is False
    client = app.test_client()
    assert sign_in(client, "alice").headers["Location"] == "/app/"
    me = client.get("/api/v1/me").get_json()
    assert me["id"] == made.get_json()["id"] and me["email_verified"] is True
    login = app.test_client().post(
        "/api/v1/auth/login", json={"email": "alice@allowed.example", "password": password}
    )
    assert login.status_code == 401
    assert squatter.get("/api/v1/me").status_code == 401  # their session ended
    [entry] = _entries(app, "user.verify_email")
    assert entry["changes"] == {"email": "alice@allowed.example", "method": "oidc"}


def test_a_domain_not_allowed_is_refused(app: Flask) -> None:
    client = app.test_client()
    assert _sso_error(sign_in(client, "carol")) == "domain-not-allowed"
    with app.app_context():
        assert Users(context.stores().db).by_email("carol@other.example") is None
    # A listed subdomain is its own entry (exact match), and it may sign in.
    assert sign_in(client, "dave").headers["Location"] == "/app/"


def test_password_login_off(keycloak: Keycloak) -> None:
    app = sso_app(keycloak, PASSWORD_LOGIN="false")
    client = app.test_client()
    body = {"email": "someone@allowed.example", "password": "long enough pass"}
    for path in ("/api/v1/auth/login", "/api/v1/auth/signup"):
        answer = client.post(path, json=body)
        assert answer.status_code == 403
        assert problem(answer)["type"].endswith("/password-login-disabled")
    providers = client.get("/api/v1/auth/providers").get_json()
    assert providers["password"] is False and providers["signup"] is False
    assert providers["oidc"]["login_url"] == "/api/v1/auth/oidc/login"
    assert sign_in(client, "alice").headers["Location"] == "/app/"
    assert client.get("/api/v1/me").status_code == 200


def test_a_disabled_account_cannot_sign_in(app: Flask) -> None:
    client = app.test_client()
    assert sign_in(client, "alice").headers["Location"] == "/app/"
    with app.app_context():
        users = Users(context.stores().db)
        user = users.by_email("alice@allowed.example")
        assert user is not None
        users.set_disabled(user.id, True)
    assert _sso_error(sign_in(app.test_client(), "alice")) == "account-disabled"
