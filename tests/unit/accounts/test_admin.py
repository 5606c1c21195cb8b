"""Admin API: users (list, disable, enable) and the domain blocklist."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.accounts.users import Users
from flamingo.core import context
from tests.conftest import problem
from tests.unit.accounts.test_accounts import PASSWORD, accounts_app, csrf, signup


@pytest.fixture
def app() -> Flask:
    return accounts_app()


@pytest.fixture
def admin(app: Flask) -> FlaskClient:
    client = app.test_client()
    user = signup(client, "root@example.com")
    Users(context.stores_of(app).db).set_role(user["id"], "admin")
    return client


def _call(client: FlaskClient, method: str, path: str, **kw: Any) -> Any:
    return client.open(path, method=method, headers=csrf(client), **kw)


def test_non_admins_get_403_and_anonymous_401(app: Flask) -> None:
    anonymous = app.test_client()
    assert anonymous.get("/api/v1/admin/users").status_code == 401
    user = app.test_client()
    signup(user, "joe@example.com")
    for method, path, body in [
        ("GET", "/api/v1/admin/users", None),
        ("POST", "/api/v1/admin/users/0123456789abcdef01234567/disable", None),
        ("POST", "/api/v1/admin/users/0123456789abcdef01234567/enable", None),
        ("GET", "/api/v1/admin/blocklist", None),
        ("POST", "/api/v1/admin/blocklist", {"domain": "x.example"}),
        ("DELETE", "/api/v1/admin/blocklist/x.example", None),
    ]:
        response = _call(user, method, path, json=body)
        assert response.status_code == 403, (method, path)
        assert problem(response)["type"].endswith("/forbidden")


def test_list_users_pages(app: Flask, admin: FlaskClient) -> None:
    for i in range(4):
        signup(app.test_client(), f"user{i}@example.com")
    first = admin.get("/api/v1/admin/users?limit=3")
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-store"
    body = first.get_json()
    assert len(body["items"]) == 3 and body["next_cursor"]
    assert {"id", "email", "role", "created_at", "disabled"} <= set(body["items"][0])
    assert all("password_hash" not in item for item in body["items"])
    rest = admin.get(f"/api/v1/admin/users?limit=3&cursor={body['next_cursor']}").get_json()
    assert len(rest["items"]) == 2 and rest["next_cursor"] is None
    emails = {i["email"] for i in body["items"] + rest["items"]}
    assert len(emails) == 5


@pytest.mark.parametrize("limit", ["0", "201", "x", "-1"])
def test_list_users_bad_limit(admin: FlaskClient, limit: str) -> None:
    response = admin.get(f"/api/v1/admin/users?limit={limit}")
    assert response.status_code == 422
    assert problem(response)["errors"][0]["field"] == "limit"


def test_disable_ends_sessions_and_tokens_then_enable(app: Flask, admin: FlaskClient) -> None:
    joe = app.test_client()
    user = signup(joe, "joe@example.com")
    token = joe.post(
        "/api/v1/tokens", json={"name": "t", "scopes": ["links:read"]}, headers=csrf(joe)
    ).get_json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    response = _call(admin, "POST", f"/api/v1/admin/users/{user['id']}/disable")
    assert response.status_code == 200 and response.get_json()["disabled"] is True
    assert joe.get("/api/v1/me").status_code == 401
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 401
    login = {"email": "joe@example.com", "password": PASSWORD}
    assert joe.post("/api/v1/auth/login", json=login).status_code == 401
    response = _call(admin, "POST", f"/api/v1/admin/users/{user['id']}/enable")
    assert response.get_json()["disabled"] is False
    assert joe.post("/api/v1/auth/login", json=login).status_code == 200
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 200


def test_admin_cannot_disable_self(admin: FlaskClient) -> None:
    me = admin.get("/api/v1/me").get_json()
    response = _call(admin, "POST", f"/api/v1/admin/users/{me['id']}/disable")
    assert response.status_code == 409


@pytest.mark.parametrize("user_id", ["0123456789abcdef01234567", "not-an-id"])
def test_patch_unknown_user_is_404(admin: FlaskClient, user_id: str) -> None:
    response = _call(admin, "POST", f"/api/v1/admin/users/{user_id}/disable")
    assert response.status_code == 404


def test_blocklist_add_list_remove(admin: FlaskClient) -> None:
    added = _call(
        admin,
        "POST",
        "/api/v1/admin/blocklist",
        json={"domain": "Bücher.Example", "reason": "phishing"},
    )
    assert added.status_code == 201
    assert added.get_json()["domain"] == "xn--bcher-kva.example"
    again = _call(admin, "POST", "/api/v1/admin/blocklist", json={"domain": "bücher.example"})
    assert again.status_code == 409
    items = admin.get("/api/v1/admin/blocklist").get_json()["items"]
    assert [(i["domain"], i["reason"]) for i in items] == [("xn--bcher-kva.example", "phishing")]
    bad = _call(admin, "POST", "/api/v1/admin/blocklist", json={"domain": "http://x.example/"})
    assert bad.status_code == 422 and problem(bad)["type"].endswith("/invalid-domain")
    assert _call(admin, "DELETE", "/api/v1/admin/blocklist/bücher.example").status_code == 204
    assert _call(admin, "DELETE", "/api/v1/admin/blocklist/bücher.example").status_code == 404
    assert admin.get("/api/v1/admin/blocklist").get_json()["items"] == []


def test_admin_write_needs_csrf(admin: FlaskClient) -> None:
    response = admin.post("/api/v1/admin/blocklist", json={"domain": "evil.example"})
    assert response.status_code == 403
    assert problem(response)["type"].endswith("/csrf-failed")
