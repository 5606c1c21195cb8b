"""From the event bus (:mod:`flamingo.core.signals`) to the webhook event stream.

Subscribed by :func:`subscribe` (the app factory and ``flamingo worker``). Each event becomes one
entry of :data:`STREAM` in the emitter's Redis — never a delivery in the request: the worker
(:mod:`flamingo.webhooks.dispatcher`) turns entries into deliveries for the hooks that want them.

**Clicks are batched**: the click worker's batch becomes one entry per workspace and per
:data:`CLICKS_PER_DELIVERY` clicks (``link.clicked`` with ``data.clicks`` = up to 100 clicks), so a
hot link makes at most one delivery per 100 clicks per hook, never one per click; and only for
workspaces in :data:`CLICK_WORKSPACES` (those with an enabled hook that wants ``link.clicked``,
kept by the API on every change and refreshed by the worker), so clicks cost nothing without
such a hook.

An event whose entry cannot be written (Redis down) is logged and counted
(``flamingo_webhook_events_dropped_total``), and the change that emitted it still succeeds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import redis
from prometheus_client import Counter

from flamingo.clicks.useragents import classify
from flamingo.core import signals
from flamingo.core.log import get_logger
from flamingo.core.timefmt import iso
from flamingo.webhooks.repository import WebhookRepository

log = get_logger(__name__)

STREAM = "flamingo:webhooks:events"
STREAM_MAX = 100_000  # entries kept at most (approximate trim): days of changes at any pace
CLICK_WORKSPACES = "flamingo:webhooks:click-workspaces"
CLICKS_PER_DELIVERY = 100
CLICKED = "link.clicked"

DROPPED = Counter(
    "flamingo_webhook_events_dropped",
    "Webhook events that could not be queued (Redis unavailable).",
)


def _add(client: Any, fields: Mapping[str, str]) -> None:
    client.xadd(STREAM, dict(fields), maxlen=STREAM_MAX, approximate=True)


def on_changed(sender: Any, event: signals.DomainEvent, **_: Any) -> None:
    fields = {
        "type": event.type,
        "ws": event.workspace_id or "",
        "at": iso(event.at),
        "data": json.dumps(event.data, separators=(",", ":"), default=str),
    }
    try:
        _add(sender, fields)
    except redis.RedisError as exc:
        DROPPED.inc()
        log.warning("webhook event not queued", event=event.type, error=type(exc).__name__)


def click_data(link_id: str, workspace_id: str, fields: Mapping[str, str]) -> dict[str, Any]:
    """One click as ``link.clicked`` shows it: no address, no visitor hash (personal data)."""
    try:
        millis = int(fields.get("t", "0"))
    except ValueError:
        millis = 0
    agent = classify(fields.get("u", ""))
    return {
        "link_id": link_id,
        "code": fields.get("c", ""),
        "workspace_id": workspace_id,
        "clicked_at": iso(datetime.fromtimestamp(millis / 1000, UTC)),
        "referrer": fields.get("r") or None,
        "country": fields.get("g") or None,
        "bot": agent.bot,
        "browser": agent.browser,
        "os": agent.os,
        "device": agent.device,
    }


def on_clicks(
    sender: Any,
    entries: Sequence[signals.ClickEntry],
    workspaces: Mapping[str, str | None],
    **_: Any,
) -> None:
    try:
        wanted = {str(w) for w in sender.smembers(CLICK_WORKSPACES)}
        if not wanted:
            return
        per_workspace: dict[str, list[dict[str, Any]]] = {}
        for _id, fields in entries:
            link_id = (fields or {}).get("l", "")
            workspace_id = workspaces.get(link_id) if link_id else None
            if fields and workspace_id in wanted:
                per_workspace.setdefault(workspace_id, []).append(
                    click_data(link_id, workspace_id, fields)
                )
        pipe = sender.pipeline(transaction=False)
        at = iso(datetime.now(UTC))
        for workspace_id, clicks in per_workspace.items():
            for start in range(0, len(clicks), CLICKS_PER_DELIVERY):
                chunk = clicks[start : start + CLICKS_PER_DELIVERY]
                data = json.dumps({"clicks": chunk}, separators=(",", ":"))
                _add(pipe, {"type": CLICKED, "ws": workspace_id, "at": at, "data": data})
        pipe.execute()
    except redis.RedisError as exc:
        DROPPED.inc()
        log.warning("link.clicked events not queued", error=type(exc).__name__)


def subscribe() -> None:
    """Connect the outbox to the bus (idempotent: blinker keeps one connection per receiver)."""
    signals.CHANGED.connect(on_changed)
    signals.CLICKS_FOLDED.connect(on_clicks)


def refresh_click_workspaces(client: Any, repo: WebhookRepository) -> None:
    """Rewrite the set of workspaces whose clicks are wanted (one transaction)."""
    workspaces = repo.workspaces_wanting(CLICKED)
    pipe = client.pipeline(transaction=True)
    pipe.delete(CLICK_WORKSPACES)
    if workspaces:
        pipe.sadd(CLICK_WORKSPACES, *workspaces)
    pipe.execute()
