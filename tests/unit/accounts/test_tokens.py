"""API tokens API: shown once, stored hashed, listed without secrets, scopes, revoke, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.accounts.tokens import TOKEN_PATTERN, hash_secret
from flamingo.core import context
from tests.conftest import problem
from tests.unit.accounts.test_accounts import accounts_app, csrf, signup


@pytest.fixture
def app() -> Flask:
    return accounts_app()


def create(client: FlaskClient, **body: Any) -> Any:
    payload = {"name": "ci", "scopes": ["links:read"], **body}
    return client.post("/api/v1/tokens", json=payload, headers=csrf(client))


def test_create_shows_secret_once_and_stores_hash(app: Flask, client: FlaskClient) -> None:
    signup(client)
    response = create(client, scopes=["links:read", "stats:read"])
    assert response.status_code == 201
    body = response.get_json()
    secret = body["token"]
    assert TOKEN_PATTERN.match(secret) and secret.startswith("flm_")
    assert body["scopes"] == ["links:read", "stats:read"] and body["name"] == "ci"
    listed = client.get("/api/v1/tokens")
    assert listed.status_code == 200 and listed.headers["Cache-Control"] == "no-store"
    items = listed.get_json()["items"]
    assert [i["id"] for i in items] == [body["id"]]
    assert secret not in listed.get_data(as_text=True)
    assert "token" not in items[0] and items[0]["hint"] == secret[:8]
    docs = list(context.stores_of(app).db["api_tokens"].find({}))
    assert len(docs) == 1
    assert secret not in repr(docs[0])
    assert docs[0]["token_hash"] == hash_secret(secret)


def test_two_tokens_have_different_secrets(client: FlaskClient) -> None:
    signup(client)
    assert create(client).get_json()["token"] != create(client).get_json()["token"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"scopes": ["links:delete"]}, "scopes.0"),
        ({"scopes": []}, "scopes"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"expires_at": "2000-01-01T00:00:00Z"}, "expires_at"),
        ({"expires_at": "2999-01-01T00:00:00"}, "expires_at"),
        ({"secret": "x"}, "secret"),
    ],
)
def test_create_validation(client: FlaskClient, body: dict[str, Any], field: str) -> None:
    signup(client)
    response = create(client, **body)
    assert response.status_code == 422
    assert field in {e["field"] for e in problem(response)["errors"]}


def test_token_auth_scopes_enforced(client: FlaskClient) -> None:
    signup(client)
    secret = create(client, scopes=["links:read"]).get_json()["token"]
    bearer = client.application.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    me = bearer.get("/api/v1/me", headers=headers)
    assert me.status_code == 200 and me.get_json()["email"] == "alice@example.com"
    # A token cannot manage tokens: a leaked one cannot mint more.
    refused = bearer.post(
        "/api/v1/tokens", json={"name": "x", "scopes": ["links:read"]}, headers=headers
    )
    assert refused.status_code == 403
    assert problem(refused)["type"].endswith("/session-required")


def test_revoke(client: FlaskClient) -> None:
    signup(client)
    body = create(client).get_json()
    bearer = client.application.test_client()
    headers = {"Authorization": f"Bearer {body['token']}"}
    assert bearer.get("/api/v1/me", headers=headers).status_code == 200
    response = client.delete(f"/api/v1/tokens/{body['id']}", headers=csrf(client))
    assert response.status_code == 204
    assert bearer.get("/api/v1/me", headers=headers).status_code == 401
    assert client.get("/api/v1/tokens").get_json()["items"] == []
    again = client.delete(f"/api/v1/tokens/{body['id']}", headers=csrf(client))
    assert again.status_code == 404


def test_expired_token_refused(app: Flask, client: FlaskClient) -> None:
    signup(client)
    soon = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    body = create(client, expires_at=soon).get_json()
    headers = {"Authorization": f"Bearer {body['token']}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    context.stores_of(app).db["api_tokens"].update_one(
        {}, {"$set": {"expires_at": datetime.now(UTC) - timedelta(seconds=1)}}
    )
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert problem(response)["type"].endswith("/unauthorized")


def test_cannot_revoke_another_users_token(client: FlaskClient) -> None:
    signup(client)
    alice_token = create(client).get_json()
    bob = client.application.test_client()
    signup(bob, "bob@example.com")
    response = bob.delete(f"/api/v1/tokens/{alice_token['id']}", headers=csrf(bob))
    assert response.status_code == 404
    assert bob.get("/api/v1/tokens").get_json()["items"] == []
    headers = {"Authorization": f"Bearer {alice_token['token']}"}
    assert bob.get("/api/v1/me", headers=headers).get_json()["email"] == "alice@example.com"


def test_last_used_written_at_most_once_a_minute(app: Flask, client: FlaskClient) -> None:
    signup(client)
    secret = create(client).get_json()["token"]
    collection = context.stores_of(app).db["api_tokens"]
    headers = {"Authorization": f"Bearer {secret}"}
    client.get("/api/v1/me", headers=headers)
    first = collection.find_one({})["last_used_at"]
    assert first is not None
    client.get("/api/v1/me", headers=headers)
    assert collection.find_one({})["last_used_at"] == first
    collection.update_one({}, {"$set": {"last_used_at": first - timedelta(minutes=2)}})
    client.get("/api/v1/me", headers=headers)
    assert collection.find_one({})["last_used_at"] > first - timedelta(minutes=2)
