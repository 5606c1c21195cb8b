"""Connections to MongoDB and Redis, or their embedded in-memory stand-ins.

Clients are created without connecting (``connect=False``) so that gunicorn can build the app in
the master and fork workers safely; each process opens its own sockets on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import pymongo
import redis
from pymongo.database import Database

from flamingo.core.config import Settings

Document = dict[str, Any]


@dataclass(frozen=True)
class Stores:
    mongo: pymongo.MongoClient[Document]
    db: Database[Document]
    redis: redis.Redis
    embedded_mongo: bool
    embedded_redis: bool

    @property
    def embedded(self) -> bool:
        return self.embedded_mongo or self.embedded_redis


def _mongo_client(settings: Settings) -> pymongo.MongoClient[Document]:
    if settings.mongo_uri is None:
        import mongomock  # noqa: PLC0415 - only needed for the embedded mode

        return cast("pymongo.MongoClient[Document]", mongomock.MongoClient(tz_aware=True))
    return pymongo.MongoClient(
        settings.mongo_uri.get_secret_value(),
        appname="flamingo",
        connect=False,
        tz_aware=True,
        maxPoolSize=settings.mongo_pool_size,
        connectTimeoutMS=settings.mongo_timeout_ms,
        serverSelectionTimeoutMS=settings.mongo_timeout_ms,
        socketTimeoutMS=settings.mongo_socket_timeout_ms,
    )


def redis_client(settings: Settings, timeout_ms: int | None = None) -> redis.Redis:
    """A Redis client with bounded timeouts; the embedded one when ``REDIS_URL`` is unset."""
    if settings.redis_url is None:
        import fakeredis  # noqa: PLC0415 - only needed for the embedded mode

        return cast(
            "redis.Redis", fakeredis.FakeRedis(server=_embedded_server(), decode_responses=True)
        )
    timeout = (timeout_ms or settings.redis_timeout_ms) / 1000
    return redis.Redis.from_url(
        settings.redis_url.get_secret_value(),
        decode_responses=True,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        health_check_interval=settings.redis_health_check_interval,
        client_name="flamingo",
    )


_EMBEDDED_REDIS_SERVER: Any = None


def _embedded_server() -> Any:
    # One in-memory server per process, so that every client sees the same data.
    global _EMBEDDED_REDIS_SERVER  # noqa: PLW0603
    if _EMBEDDED_REDIS_SERVER is None:
        import fakeredis  # noqa: PLC0415

        _EMBEDDED_REDIS_SERVER = fakeredis.FakeServer()
    return _EMBEDDED_REDIS_SERVER


def open_stores(settings: Settings) -> Stores:
    mongo = _mongo_client(settings)
    return Stores(
        mongo=mongo,
        db=mongo[settings.mongo_db],
        redis=redis_client(settings),
        embedded_mongo=settings.embedded_mongo,
        embedded_redis=settings.embedded_redis,
    )
