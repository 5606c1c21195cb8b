"""flamingo.accounts.auth: credentials → Principal, scopes, CSRF, admin and ownership checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bson import ObjectId
from flask import Flask, jsonify
from flask.testing import FlaskClient

from flamingo.accounts.auth import (
    CSRF_HEADER,
    SCOPES,
    Principal,
    current_principal,
    require_admin,
    require_auth,
    session_store,
)
from flamingo.accounts.tokens import Tokens, hash_secret
from flamingo.accounts.users import Users
from flamingo.core import context
from flamingo.core.problems import Problem
from flamingo.http.cookies import SESSION_COOKIE
from flamingo.links.link import workspace_in
from flamingo.links.service import not_found
from flamingo.workspaces.service import WorkspaceService
from tests.conftest import problem


@pytest.fixture
def guarded(app: Flask) -> Flask:
    @app.get("/api/v1/_test/read")
    @require_auth("links:read")
    def read() -> object:
        p = current_principal()
        return jsonify(user_id=p.user_id, via=p.via, scopes=sorted(p.scopes))

    @app.post("/api/v1/_test/write")
    @require_auth("links:write")
    def write() -> object:
        return jsonify(ok=True)

    @app.get("/api/v1/admin/_test")
    @require_admin
    def admin() -> object:
        return jsonify(admin=True)

    return app


def _user(app: Flask, email: str = "a@example.com", role: str = "user") -> str:
    users = Users(context.stores_of(app).db)
    return users.create(email, "not-a-real-hash", role=role).id


def _token(app: Flask, user_id: str, scopes: list[str], **kw: object) -> str:
    tokens = Tokens(context.stores_of(app).db)
    expires = kw.get("expires_at")
    _, secret = tokens.create(user_id, "t", scopes, expires)  # type: ignore[arg-type]
    return secret


def _login(app: Flask, client: FlaskClient, user_id: str) -> str:
    with app.app_context():
        session = session_store().create(user_id)
    client.set_cookie(SESSION_COOKIE, session.id)
    return session.csrf_token


def test_no_credentials_is_401_with_challenge(guarded: Flask, client: FlaskClient) -> None:
    response = client.get("/api/v1/_test/read")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert problem(response)["type"].endswith("/unauthorized")


def test_bearer_token_with_scope(guarded: Flask, client: FlaskClient) -> None:
    uid = _user(guarded)
    secret = _token(guarded, uid, ["links:read"])
    response = client.get("/api/v1/_test/read", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.get_json() == {"user_id": uid, "via": "token", "scopes": ["links:read"]}


def test_bearer_token_without_scope_is_403(guarded: Flask, client: FlaskClient) -> None:
    uid = _user(guarded)
    secret = _token(guarded, uid, ["links:read"])
    response = client.post("/api/v1/_test/write", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 403
    assert problem(response)["type"].endswith("/insufficient-scope")


@pytest.mark.parametrize("header", ["Bearer flm_nope", "Basic abc", "Bearer ", "flm_x"])
def test_bad_authorization_header_is_401(guarded: Flask, client: FlaskClient, header: str) -> None:
    response = client.get("/api/v1/_test/read", headers={"Authorization": header})
    assert response.status_code == 401


def test_expired_and_revoked_tokens_refused(guarded: Flask, client: FlaskClient) -> None:
    uid = _user(guarded)
    expired = _token(guarded, uid, ["links:read"], expires_at=datetime.now(UTC) - timedelta(1))
    response = client.get("/api/v1/_test/read", headers={"Authorization": f"Bearer {expired}"})
    assert response.status_code == 401
    tokens = Tokens(context.stores_of(guarded).db)
    token, secret = tokens.create(uid, "r", ["links:read"], None)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/_test/read", headers=headers).status_code == 200
    assert tokens.revoke(uid, token.id)
    assert client.get("/api/v1/_test/read", headers=headers).status_code == 401


def test_token_stored_hashed_and_last_used_written(guarded: Flask, client: FlaskClient) -> None:
    uid = _user(guarded)
    secret = _token(guarded, uid, ["links:read"])
    collection = context.stores_of(guarded).db["api_tokens"]
    doc = collection.find_one({})
    assert doc is not None and doc["last_used_at"] is None
    assert secret not in str(doc) and doc["token_hash"] == hash_secret(secret)
    client.get("/api/v1/_test/read", headers={"Authorization": f"Bearer {secret}"})
    assert collection.find_one({})["last_used_at"] is not None  # type: ignore[index]


def test_disabled_user_token_refused(guarded: Flask, client: FlaskClient) -> None:
    uid = _user(guarded)
    secret = _token(guarded, uid, ["links:read"])
    Users(context.stores_of(guarded).db).set_disabled(uid, True)
    response = client.get("/api/v1/_test/read", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_session_gets_all_scopes_and_csrf_on_unsafe(guarded: Flask, client: FlaskClient) -> None:
    uid = _user(guarded)
    csrf = _login(guarded, client, uid)
    body = client.get("/api/v1/_test/read").get_json()
    assert body["via"] == "session" and tuple(body["scopes"]) == tuple(sorted(SCOPES))
    refused = client.post("/api/v1/_test/write")
    assert refused.status_code == 403
    assert problem(refused)["type"].endswith("/csrf-failed")
    wrong = client.post("/api/v1/_test/write", headers={CSRF_HEADER: "x" * 43})
    assert wrong.status_code == 403
    assert client.post("/api/v1/_test/write", headers={CSRF_HEADER: csrf}).status_code == 200


def test_disabled_user_session_refused(guarded: Flask, client: FlaskClient) -> None:
    uid = _user(guarded)
    _login(guarded, client, uid)
    Users(context.stores_of(guarded).db).set_disabled(uid, True)
    assert client.get("/api/v1/_test/read").status_code == 401


def test_unknown_session_cookie_is_401(guarded: Flask, client: FlaskClient) -> None:
    client.set_cookie(SESSION_COOKIE, "forged")
    assert client.get("/api/v1/_test/read").status_code == 401


def test_admin_endpoint(guarded: Flask, client: FlaskClient) -> None:
    assert client.get("/api/v1/admin/_test").status_code == 401
    user = _user(guarded)
    _login(guarded, client, user)
    response = client.get("/api/v1/admin/_test")
    assert response.status_code == 403
    assert problem(response)["type"].endswith("/forbidden")
    admin = _user(guarded, "root@example.com", role="admin")
    _login(guarded, client, admin)
    assert client.get("/api/v1/admin/_test").status_code == 200


def test_only_the_owner_and_admins_may_see_a_personal_link(app: Flask) -> None:
    """With workspaces, a link made before them is in its owner's personal workspace: the owner
    and instance admins see it, nobody else (the rule is flamingo.workspaces.service)."""
    with app.app_context():
        alice_id = Users(context.stores().db).create("a@x.example", "not-a-hash").id
    alice = Principal(alice_id, "a@x", "user", frozenset(SCOPES), "session")
    bob = Principal(str(ObjectId()), "b@x", "user", frozenset(SCOPES), "session")
    admin = Principal(str(ObjectId()), "z@x", "admin", frozenset(SCOPES), "session")
    rule = context.service_of(app, WorkspaceService)
    where = workspace_in({"owner_id": alice.user_id})
    assert rule.require(alice, where, "links.write").role == "owner"
    assert rule.require(admin, where, "links.write").role == "owner"
    with pytest.raises(Problem) as caught:
        rule.require(bob, where, "links.read")
    assert caught.value.status == 404
    refusal = not_found()
    assert refusal.status == 404 and refusal.slug == "not-found"


def test_unknown_scope_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown scopes"):
        require_auth("links:delete")
