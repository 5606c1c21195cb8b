"""Typed access to what the app factory attaches to the Flask app.

Settings and stores are reached through :func:`settings` / :func:`stores` (the current app) or
:func:`settings_of` / :func:`stores_of` (a given app), never through string keys. Other per-app
objects (the link cache, the click buffer) declare one :class:`Key` beside their type and use it
for both storing and reading, so a key's name is written exactly once and its type is checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, cast

from flask import Flask, current_app

if TYPE_CHECKING:
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
        return self.of(_app())


SETTINGS: Key[Settings] = Key("settings")
STORES: Key[Stores] = Key("stores")


def _app() -> Flask:
    return cast("Flask", current_app._get_current_object())  # type: ignore[attr-defined]


def attach(app: Flask, settings: Settings, stores: Stores) -> None:
    SETTINGS.put(app, settings)
    STORES.put(app, stores)


def settings_of(app: Flask) -> Settings:
    return SETTINGS.of(app)


def stores_of(app: Flask) -> Stores:
    return STORES.of(app)


def settings() -> Settings:
    """The settings of the app handling the current request (or app context)."""
    return SETTINGS.current()


def stores() -> Stores:
    return STORES.current()
