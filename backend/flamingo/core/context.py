"""Typed access to what the app factory attaches to the Flask app.

Settings and stores are reached through :func:`settings` / :func:`stores` (the current app) or
:func:`settings_of` / :func:`stores_of` (a given app), never through string keys. Other per-app
objects (the link cache, the click buffer) declare one :class:`Key` beside their type and use it
for both storing and reading, so a key's name is written exactly once and its type is checked.

**Services** are reached one way: :func:`service` (``service(LinkService)`` in a request) or
:func:`service_of` (a given app: the CLI, the worker, the redirect). Each service class says how
it is made (its ``build(app)`` classmethod); the app's :class:`Services` builds it on first use
and keeps it for the app's life, so a request never rebuilds a service or its collaborators.
Services hold stores, settings and per-process caches, never request state: one per app is
right, and shared by the threads of a worker.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast

from flask import Flask, current_app

if TYPE_CHECKING:
    from typing import Self

    from werkzeug.local import LocalProxy

    from flamingo.core.config import Settings
    from flamingo.core.stores import Stores

T = TypeVar("T")


class Key(Generic[T]):
    """A typed slot in ``app.extensions``."""

    def __init__(self, name: str) -> None:
        self.name = f"flamingo.{name}"

    def put(self, app: Flask, value: T) -> T:
        app.extensions[self.name] = value
        return value

    def find(self, app: Flask) -> T | None:
        return cast("T | None", app.extensions.get(self.name))

    def of(self, app: Flask) -> T:
        """The value; ``LookupError`` naming the key if the factory never set it (a wiring bug)."""
        value = self.find(app)
        if value is None:
            raise LookupError(f"{self.name} is not set up on this app")
        return value

    def current(self) -> T:
        return self.of(app())

    def find_current(self) -> T | None:
        return self.find(app())


class Built(Protocol):
    """A service: its class knows how to make the app's one instance."""

    @classmethod
    def build(cls, app: Flask) -> Self: ...


S = TypeVar("S", bound=Built)


class Services:
    """The services of one app, each built once (on first use) and kept."""

    def __init__(self) -> None:
        self._built: dict[type, object] = {}
        # Re-entrant: building a service asks for the services it uses.
        self._lock = threading.RLock()

    def get(self, app: Flask, kind: type[S]) -> S:
        found = self._built.get(kind)
        if found is None:
            with self._lock:
                found = self._built.get(kind)
                if found is None:
                    found = self._built[kind] = kind.build(app)
        return cast("S", found)


SETTINGS: Key[Settings] = Key("settings")
STORES: Key[Stores] = Key("stores")
SERVICES: Key[Services] = Key("services")


def app() -> Flask:
    """The app of the current request or app context: the object itself, not Flask's proxy (a
    proxy kept by a thread or a cache would follow whichever app is current later)."""
    return cast("LocalProxy[Flask]", current_app)._get_current_object()


def attach(app: Flask, settings: Settings, stores: Stores) -> None:
    SETTINGS.put(app, settings)
    STORES.put(app, stores)
    SERVICES.put(app, Services())


def settings_of(app: Flask) -> Settings:
    return SETTINGS.of(app)


def stores_of(app: Flask) -> Stores:
    return STORES.of(app)


def service_of(app: Flask, kind: type[S]) -> S:
    """The app's one instance of the service ``kind`` (built now if it is the first ask)."""
    return SERVICES.of(app).get(app, kind)


def settings() -> Settings:
    """The settings of the app handling the current request (or app context)."""
    return SETTINGS.current()


def stores() -> Stores:
    return STORES.current()


def service(kind: type[S]) -> S:
    """The current app's one instance of the service ``kind``."""
    return service_of(app(), kind)
