"""Connections to MongoDB and Redis, or their embedded in-memory stand-ins.

Clients are created without connecting (``connect=False``) so that gunicorn can build the app in
the master and fork workers safely; each process opens its own sockets on first use.

The embedded stand-ins (mongomock, fakeredis) are test doubles: they come with the optional extra
``flamingo[embedded]`` (the dev venv of `make run` has it, the runtime lock and the production
image do not), are imported only when a URL is unset, and their absence is a one-line
:class:`ConfigError` naming the unset setting.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any, cast

import pymongo
import redis
from pymongo.database import Database

from flamingo.core.config import ConfigError
from flamingo.core.config_sections import StoreSettings

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


# Setting → the package that stands in for the store when that setting is unset.
_EMBEDDED = {"MONGO_URI": "mongomock", "REDIS_URL": "fakeredis"}


def _embedded(setting: str) -> ModuleType:
    """The stand-in for an unset ``setting``, or a one-line ConfigError when it is not installed."""
    package = _EMBEDDED[setting]
    try:
        return importlib.import_module(package)
    except ImportError:
        raise ConfigError(
            setting,
            f"unset, and the embedded store ({package}) is not installed: set {setting}, "
            "or install flamingo[embedded] for the in-memory mode (make run does)",
        ) from None


def check_embedded(settings: StoreSettings) -> None:
    """Fail at start, with one line, when an unset URL needs a stand-in that is not installed."""
    if settings.mongo_uri is None:
        _embedded("MONGO_URI")
    if settings.redis_url is None:
        _embedded("REDIS_URL")


def _mongo_client(settings: StoreSettings) -> pymongo.MongoClient[Document]:
    if settings.mongo_uri is None:
        mongomock = _embedded("MONGO_URI")
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


def redis_client(settings: StoreSettings, timeout_ms: int | None = None) -> redis.Redis:
    """A Redis client with bounded timeouts; the embedded one when ``REDIS_URL`` is unset."""
    if settings.redis_url is None:
        fakeredis = _embedded("REDIS_URL")
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
        _EMBEDDED_REDIS_SERVER = _embedded("REDIS_URL").FakeServer()
    return _EMBEDDED_REDIS_SERVER


def open_stores(settings: StoreSettings) -> Stores:
    mongo = _mongo_client(settings)
    return Stores(
        mongo=mongo,
        db=mongo[settings.mongo_db],
        redis=redis_client(settings),
        embedded_mongo=settings.embedded_mongo,
        embedded_redis=settings.embedded_redis,
    )
