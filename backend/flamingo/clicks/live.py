"""The live feed's pipe: the click worker publishes each folded batch, the feed reads it.

Every click the worker has folded (and acknowledged) is appended, as a small public event, to two
short Redis streams: ``flamingo:live:link:<link_id>`` and ``flamingo:live:ws:<workspace_id>``.
A stream, not pub/sub, because a stream keeps the recent past: an EventSource that reconnects
with ``Last-Event-ID`` (the stream entry id it saw last) reads on from there and misses nothing,
as long as the events are still in the stream — the last :data:`BACKLOG` events of that link or
workspace, and only while the stream is not idle for :data:`WINDOW_SECONDS` (it expires then).
Publishing costs the worker one pipeline per batch (``XADD … MAXLEN ~`` and ``EXPIRE`` per
stream); nobody polls MongoDB.

An event holds what a dashboard shows and nothing that identifies a person: no IP, no visitor
hash, no User-Agent string, the Referer's host only (:class:`LiveClick`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import redis
from pydantic import BaseModel, ConfigDict, Field

from flamingo.clicks.useragents import classify
from flamingo.core.log import get_logger
from flamingo.core.timefmt import iso

log = get_logger(__name__)

# The reconnect window: a feed keeps its last BACKLOG events, and a stream idle this long expires.
BACKLOG = 1000
WINDOW_SECONDS = 600
_PREFIX = "flamingo:live:"
_LINK_ID = re.compile(r"^[0-9a-f]{24}$")
_ENTRY_ID = re.compile(r"^[0-9]{1,20}-[0-9]{1,20}$")
_COUNTRY_MAX = 8

Entry = tuple[str, dict[str, str] | None]


class LiveClick(BaseModel):
    """One click of the live feed (the `data:` of an SSE `click` event), as JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="LiveClick")

    id: str = Field(description="The click's id in the click pipeline (the same in every feed).")
    time: str = Field(description="When the redirect happened (RFC 3339, UTC, milliseconds).")
    link_id: str
    code: str = Field(description="The short code that was visited.")
    country: str = Field(description="ISO 3166-1 alpha-2 code from the geo header, or empty.")
    device: str = Field(description="`desktop`, `mobile`, `tablet`, `bot` or `other`.")
    browser: str
    os: str
    referrer: str = Field(description="The Referer's host only, or empty.")
    bot: bool = Field(description="Flagged as a bot or link-preview fetcher.")


def link_feed(link_id: str) -> str:
    return f"{_PREFIX}link:{link_id}"


def workspace_feed(workspace_id: str) -> str:
    return f"{_PREFIX}ws:{workspace_id}"


def valid_entry_id(raw: str) -> bool:
    """Is ``raw`` a stream entry id (what ``Last-Event-ID`` must carry)?"""
    return bool(_ENTRY_ID.fullmatch(raw))


def _time(fields: dict[str, str], entry_id: str) -> str:
    try:
        millis = int(fields.get("t") or entry_id.split("-", 1)[0])
    except ValueError:
        millis = int(entry_id.split("-", 1)[0])
    try:
        return iso(datetime.fromtimestamp(millis / 1000, UTC))
    except (OverflowError, OSError, ValueError):
        return iso(datetime.fromtimestamp(int(entry_id.split("-", 1)[0]) / 1000, UTC))


def _country(raw: str) -> str:
    country = raw.strip().upper()
    return country if country.isalpha() and len(country) <= _COUNTRY_MAX else ""


def live_click(entry_id: str, fields: dict[str, str]) -> LiveClick:
    """The public event of one click of the click stream (its fields as the redirect wrote them)."""
    agent = classify(fields.get("u", ""))  # cached per User-Agent: the worker classified it too
    return LiveClick(
        id=entry_id,
        time=_time(fields, entry_id),
        link_id=fields["l"],
        code=fields.get("c", ""),
        country=_country(fields.get("g", "")),
        device=agent.device,
        browser=agent.browser,
        os=agent.os,
        referrer=fields.get("r", ""),
        bot=agent.bot,
    )


def publish(
    client: redis.Redis, entries: Iterable[Entry], workspaces: Mapping[str, str | None]
) -> int:
    """Append the clicks of a processed batch to their link's and workspace's feeds, in one
    pipeline. Best effort: the clicks are already counted, so a Redis error is logged, not
    raised. Returns how many clicks were published."""
    pipe = client.pipeline(transaction=False)
    feeds: set[str] = set()
    count = 0
    for entry_id, fields in entries:
        if not fields or not _LINK_ID.fullmatch(fields.get("l", "")):
            continue  # orphan visits and malformed events have no feed
        data = live_click(entry_id, fields).model_dump_json()
        targets = [link_feed(fields["l"])]
        workspace_id = workspaces.get(fields["l"])
        if workspace_id:
            targets.append(workspace_feed(workspace_id))
        for feed in targets:
            pipe.xadd(feed, {"d": data}, maxlen=BACKLOG, approximate=True)
            feeds.add(feed)
        count += 1
    if not count:
        return 0
    for feed in feeds:
        pipe.expire(feed, WINDOW_SECONDS)
    try:
        pipe.execute()
    except redis.RedisError as exc:
        log.warning("live feed: publish failed", error=type(exc).__name__, clicks=count)
        return 0
    return count


def latest_id(client: redis.Redis, feed: str) -> str:
    """The id of the newest event of ``feed`` (``0-0`` when it is empty): a new subscriber
    starts after it."""
    newest: Any = client.xrevrange(feed, count=1)
    return str(newest[0][0]) if newest else "0-0"


def read(client: redis.Redis, feed: str, after: str, block_ms: int) -> list[tuple[str, str]]:
    """Events of ``feed`` after entry id ``after`` (waiting up to ``block_ms`` for one), as
    ``(id, JSON data)``."""
    reply: Any = client.xread({feed: after}, count=100, block=block_ms)
    if not reply:
        return []
    return [(str(entry_id), str(fields.get("d", "{}"))) for entry_id, fields in reply[0][1]]


def frame(entry_id: str, data: str) -> str:
    """One SSE message: ``id`` (the ``Last-Event-ID`` to resume from), type ``click``, the JSON."""
    return f"id: {entry_id}\nevent: click\ndata: {data}\n\n"
