"""Helpers for the links tests: users and bearer tokens made straight in the database, a link
made through the API, and where a visit is sent."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from flamingo.accounts.auth import SCOPES
from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import Users
from flamingo.core import context

FAST_HASH = {"PASSWORD_HASH_TIME_COST": "1", "PASSWORD_HASH_MEMORY_KIB": "1024"}


def _db(app: Flask) -> Any:
    return context.stores_of(app).db


def make_user(app: Flask, email: str, role: str = "user") -> str:
    """A user (who never logs in: the hash is not a real one); returns its id."""
    return Users(_db(app)).create(email, "not-a-hash", role=role).id


def bearer(app: Flask, user_id: str, scopes: tuple[str, ...] = SCOPES) -> dict[str, str]:
    _, secret = Tokens(_db(app)).create(user_id, "test", list(scopes), None)
    return {"Authorization": f"Bearer {secret}"}


def user_headers(app: Flask, email: str, role: str = "user") -> dict[str, str]:
    return bearer(app, make_user(app, email, role))


def create(client: FlaskClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("target", "https://example.com/default")
    response = client.post("/api/v1/links", json=body, headers=headers)
    assert response.status_code == 201, response.data
    link: dict[str, Any] = response.get_json()
    return link


def go(client: FlaskClient, path: str, **headers: str) -> str:
    """Where a visit is sent; asked twice (view, then fast lane) and both must agree."""
    answers = {client.get(path, headers=headers).headers.get("Location") for _ in range(2)}
    assert len(answers) == 1, f"the view and the fast lane disagree: {answers}"
    return answers.pop() or ""
