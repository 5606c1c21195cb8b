"""The in-process event bus: domains say what happened, without knowing who listens.

Links, workspaces and domains emit :data:`CHANGED` (one :class:`DomainEvent`); the click worker
emits :data:`CLICKS_FOLDED` with the batch it folded. The webhooks package subscribes (the app
factory and ``flamingo worker`` connect it) and turns events into entries of a Redis stream, so
no emitter imports webhooks (the one-way package rules of scripts/check_structure.py) and
nothing is delivered in the request.

The sender of every signal is the Redis client of the process that emits: a subscriber writes
where the emitter's stores are, so two apps in one process (the tests) never cross. Blinker is
Flask's own signal library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from blinker import Namespace

from flamingo.core.timefmt import now

_bus = Namespace()
CHANGED = _bus.signal("flamingo.changed")
CLICKS_FOLDED = _bus.signal("flamingo.clicks-folded")

# What a click stream entry is (``flamingo.clicks.events``): its id and its fields.
ClickEntry = tuple[str, Mapping[str, str] | None]


@dataclass(frozen=True)
class DomainEvent:
    """``type`` is a webhook event name (``link.created``…); ``workspace_id`` None means every
    workspace (an instance-wide change such as a new branded domain); ``data`` is JSON-ready."""

    type: str
    workspace_id: str | None
    data: Mapping[str, Any]
    at: datetime = field(default_factory=now)


def emit(redis: object, type_: str, workspace_id: str | None, data: Mapping[str, Any]) -> None:
    """Say that ``type_`` happened (``redis``: the emitting process's Redis client)."""
    CHANGED.send(redis, event=DomainEvent(type_, workspace_id, data))


def clicks_folded(
    redis: object, entries: Sequence[ClickEntry], workspaces: Mapping[str, str | None]
) -> None:
    """The click worker folded ``entries``; ``workspaces`` maps their link ids to workspaces."""
    CLICKS_FOLDED.send(redis, entries=entries, workspaces=workspaces)
