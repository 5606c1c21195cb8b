"""Accounts API on embedded stores: signup, login, logout, me, password change, rehash."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.accounts.auth import CSRF_HEADER
from flamingo.accounts.passwords import hash_password
from flamingo.accounts.users import Users
from flamingo.app import create_app
from flamingo.core import context
from flamingo.http.cookies import CSRF_COOKIE, SESSION_COOKIE
from tests.conftest import make_settings, problem

FAST_HASH = {"PASSWORD_HASH_TIME_COST": "1", "PASSWORD_HASH_MEMORY_KIB": "1024"}
PASSWORD = "correct horse battery"


def accounts_app(**values: str) -> Flask:
    """An app on embedded stores with a cheap argon2 cost (tests hash many passwords)."""
    return create_app(make_settings(LOG_REQUESTS="false", **{**FAST_HASH, **values}))


def signup(client: FlaskClient, email: str = "alice@example.com") -> dict[str, Any]:
    response = client.post("/api/v1/auth/signup", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, response.data
    body: dict[str, Any] = response.get_json()
    return body


def csrf(client: FlaskClient) -> dict[str, str]:
    cookie = client.get_cookie(CSRF_COOKIE)
    assert cookie is not None
    return {CSRF_HEADER: cookie.value}


@pytest.fixture
def app() -> Flask:
    return accounts_app()


def test_signup_returns_user_and_starts_session(client: FlaskClient) -> None:
    user = signup(client, "  Alice@Example.COM ")
    assert set(user) == {"id", "email", "role", "email_verified", "created_at"}
    assert user["email_verified"] is False
    assert user["email"] == "alice@example.com" and user["role"] == "user"
    session = client.get_cookie(SESSION_COOKIE)
    assert session is not None and session.http_only and session.same_site == "Lax"
    assert client.get_cookie(CSRF_COOKIE) is not None
    assert client.get("/api/v1/me").get_json() == user


def test_signup_stores_an_argon2id_hash(app: Flask, client: FlaskClient) -> None:
    signup(client)
    doc = context.stores_of(app).db["users"].find_one({})
    assert doc["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in str(doc)


def test_cookies_secure_outside_development() -> None:
    client = accounts_app(FLAMINGO_ENV="staging", SECRET_KEY="k" * 32).test_client()
    response = client.post(
        "/api/v1/auth/signup", json={"email": "s@example.com", "password": PASSWORD}
    )
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 2 and all("Secure" in c for c in cookies)


def test_duplicate_email_is_409(client: FlaskClient) -> None:
    signup(client)
    response = client.post(
        "/api/v1/auth/signup", json={"email": "ALICE@example.com", "password": PASSWORD}
    )
    assert response.status_code == 409
    assert problem(response)["type"].endswith("/email-taken")


@pytest.mark.parametrize(
    ("body", "slug", "field"),
    [
        ({"email": "not-an-email", "password": PASSWORD}, "validation-error", "email"),
        ({"email": "a@example.com", "password": "short"}, "weak-password", "password"),
        ({"email": "a@example.com"}, "validation-error", "password"),
        (
            {"email": "a@example.com", "password": PASSWORD, "role": "admin"},
            "validation-error",
            "role",
        ),
    ],
)
def test_signup_validation(
    client: FlaskClient, body: dict[str, Any], slug: str, field: str
) -> None:
    response = client.post("/api/v1/auth/signup", json=body)
    assert response.status_code == 422
    detail = problem(response)
    assert detail["type"].endswith("/" + slug)
    assert field in {e["field"] for e in detail["errors"]}


def test_signup_closed() -> None:
    client = accounts_app(SIGNUP_OPEN="false").test_client()
    response = client.post("/api/v1/auth/signup", json={"email": "a@b.co", "password": PASSWORD})
    assert response.status_code == 403
    assert problem(response)["type"].endswith("/signup-closed")


def test_login_logout_me(client: FlaskClient) -> None:
    user = signup(client)
    client.delete_cookie(SESSION_COOKIE)
    assert client.get("/api/v1/me").status_code == 401
    response = client.post(
        "/api/v1/auth/login", json={"email": "ALICE@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200 and response.get_json() == user
    assert response.headers["Cache-Control"] == "no-store"
    me = client.get("/api/v1/me")
    assert me.status_code == 200 and me.headers["Cache-Control"] == "no-store"
    session_id = client.get_cookie(SESSION_COOKIE).value  # type: ignore[union-attr]
    assert client.post("/api/v1/auth/logout", headers=csrf(client)).status_code == 204
    assert client.get_cookie(SESSION_COOKIE) is None
    client.set_cookie(SESSION_COOKIE, session_id)  # replaying the old cookie: deleted server-side
    assert client.get("/api/v1/me").status_code == 401


def test_logout_needs_csrf_while_session_lives(client: FlaskClient) -> None:
    signup(client)
    response = client.post("/api/v1/auth/logout")
    assert response.status_code == 403
    assert client.get("/api/v1/me").status_code == 200


def test_logout_without_session_is_204(client: FlaskClient) -> None:
    assert client.post("/api/v1/auth/logout").status_code == 204


@pytest.mark.parametrize(
    ("email", "password"),
    [("alice@example.com", "wrong password!"), ("nobody@example.com", PASSWORD)],
)
def test_login_failures_say_the_same(client: FlaskClient, email: str, password: str) -> None:
    signup(client)
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 401
    body = problem(response)
    assert body["type"].endswith("/invalid-credentials")
    assert body["detail"] == "invalid email or password"


def test_disabled_user_cannot_log_in(app: Flask, client: FlaskClient) -> None:
    user = signup(client)
    Users(context.stores_of(app).db).set_disabled(user["id"], True)
    response = client.post(
        "/api/v1/auth/login", json={"email": "alice@example.com", "password": PASSWORD}
    )
    assert response.status_code == 401
    assert problem(response)["detail"] == "invalid email or password"
    assert client.get("/api/v1/me").status_code == 401  # the open session ends too


def test_login_rotates_the_session_id(client: FlaskClient) -> None:
    signup(client)
    before = client.get_cookie(SESSION_COOKIE).value  # type: ignore[union-attr]
    client.post("/api/v1/auth/login", json={"email": "alice@example.com", "password": PASSWORD})
    after = client.get_cookie(SESSION_COOKIE).value  # type: ignore[union-attr]
    assert before != after
    client.set_cookie(SESSION_COOKIE, before)
    assert client.get("/api/v1/me").status_code == 401


def test_login_rehashes_when_parameters_change(app: Flask, client: FlaskClient) -> None:
    user = signup(client)
    users = Users(context.stores_of(app).db)
    old_settings = make_settings(PASSWORD_HASH_TIME_COST="2", PASSWORD_HASH_MEMORY_KIB="2048")
    old_hash = hash_password(old_settings.security, PASSWORD)
    users.set_password_hash(user["id"], old_hash)
    client.post("/api/v1/auth/login", json={"email": "alice@example.com", "password": PASSWORD})
    new_hash = users.get(user["id"]).password_hash  # type: ignore[union-attr]
    assert new_hash != old_hash and "m=1024,t=1" in new_hash


def test_change_password(client: FlaskClient) -> None:
    signup(client)
    other = client.application.test_client()
    other.post("/api/v1/auth/login", json={"email": "alice@example.com", "password": PASSWORD})
    assert other.get("/api/v1/me").status_code == 200
    wrong = client.post(
        "/api/v1/me/password",
        json={"current_password": "nope nope nope", "new_password": "a brand new secret"},
        headers=csrf(client),
    )
    assert wrong.status_code == 422 and problem(wrong)["type"].endswith("/wrong-password")
    response = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a brand new secret"},
        headers=csrf(client),
    )
    assert response.status_code == 200
    assert client.get("/api/v1/me").status_code == 200  # this browser keeps a (new) session
    assert other.get("/api/v1/me").status_code == 401  # every other session ended
    old = client.post(
        "/api/v1/auth/login", json={"email": "alice@example.com", "password": PASSWORD}
    )
    assert old.status_code == 401
    new = client.post(
        "/api/v1/auth/login",
        json={"email": "alice@example.com", "password": "a brand new secret"},
    )
    assert new.status_code == 200


def test_change_password_needs_csrf(client: FlaskClient) -> None:
    signup(client)
    response = client.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "a brand new secret"},
    )
    assert response.status_code == 403
    assert problem(response)["type"].endswith("/csrf-failed")


def test_non_json_body_is_415(client: FlaskClient) -> None:
    response = client.post("/api/v1/auth/login", data="email=a&password=b")
    assert response.status_code == 415


def test_me_restores_a_lost_csrf_cookie(client: FlaskClient) -> None:
    signup(client)
    token = client.get_cookie(CSRF_COOKIE).value  # type: ignore[union-attr]
    client.delete_cookie(CSRF_COOKIE)
    assert client.get("/api/v1/me").status_code == 200
    assert client.get_cookie(CSRF_COOKIE).value == token  # type: ignore[union-attr]
