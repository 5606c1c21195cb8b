"""Shared fixtures. Unit tests use embedded stores; integration ones start real servers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.core.config import Settings, load_settings
from tests.support.processes import FerretDB, RedisServer


def make_settings(**values: str) -> Settings:
    """Settings from an explicit environment only (no .env, no process environment)."""
    return load_settings(environ=values, env_file=None)


@pytest.fixture
def settings() -> Settings:
    return make_settings(LOG_REQUESTS="false")


@pytest.fixture
def app(settings: Settings) -> Flask:
    return create_app(settings)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def ferretdb() -> Iterator[FerretDB]:
    server = FerretDB()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    """A redis-server only this test uses, free to stop and restart."""
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def problem(response: Any) -> dict[str, Any]:
    assert response.headers["Content-Type"].startswith("application/problem+json"), response.data
    body: dict[str, Any] = response.get_json(force=True)
    return body
