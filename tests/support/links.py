"""Helpers for the links tests: users and bearer tokens made straight in the database."""

from __future__ import annotations

from typing import Any

from flask import Flask

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
