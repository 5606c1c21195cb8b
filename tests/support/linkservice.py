"""A real Flamingo for the links integration tests: gunicorn on redis-server and FerretDB."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pymongo
import requests

from flamingo.accounts.auth import SCOPES
from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import Users
from flamingo.core.indexes import ensure_indexes
from tests.support.processes import FerretDB, Gunicorn, RedisServer, backend_env

FAST_HASH = {"PASSWORD_HASH_TIME_COST": "1", "PASSWORD_HASH_MEMORY_KIB": "1024"}


@dataclass
class Service:
    server: Gunicorn
    db: Any
    env: dict[str, str]

    @property
    def base(self) -> str:
        return self.server.base

    def user(self, email: str | None = None, role: str = "user") -> tuple[str, dict[str, str]]:
        """A new user and a bearer header with every scope."""
        email = email or f"{uuid.uuid4().hex[:12]}@example.com"
        user = Users(self.db).create(email, "not-a-hash", role=role)
        _, secret = Tokens(self.db).create(user.id, "integration", list(SCOPES), None)
        return user.id, {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        # A new connection each time, so that both workers answer some requests.
        headers = {"Connection": "close", **kwargs.pop("headers", {})}
        return requests.get(
            self.base + path, headers=headers, allow_redirects=False, timeout=10, **kwargs
        )

    def head(self, path: str) -> requests.Response:
        return requests.head(
            self.base + path, headers={"Connection": "close"}, allow_redirects=False, timeout=10
        )

    def api(self, method: str, path: str, headers: dict[str, str], **kwargs: Any) -> Any:
        return requests.request(method, self.base + path, headers=headers, timeout=30, **kwargs)


@contextmanager
def running_service(
    mongo: FerretDB, redis_server: RedisServer, workers: int = 2, **env: str
) -> Iterator[Service]:
    name = f"flamingo_links_{uuid.uuid4().hex[:8]}"
    client: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(mongo.uri, tz_aware=True)
    db = client[name]
    ensure_indexes(db)
    settings = {"LOG_REQUESTS": "false", **FAST_HASH, **env}
    full_env = backend_env(
        MONGO_URI=mongo.uri,
        REDIS_URL=redis_server.url,
        MONGO_DB=name,
        WEB_CONCURRENCY=str(workers),
        **settings,
    )
    server = Gunicorn(full_env)
    server.start()
    try:
        yield Service(server, db, full_env)
    finally:
        server.stop()
        client.close()
