"""What the link lists add to each link: its clicks (total and the last 7 days) and its state, and
the keyset cursor of the "most clicked" order.

``clicks.total`` is the link document's ``clicks_total``, which the click worker increments with
each batch it folds (``LinkRepository.add_clicks``), so the list can sort and page on it with an
index. ``clicks.last_7_days`` comes from the daily click buckets of the stats domain, read for the
whole page in one query through :data:`RECENT_CLICKS` (stats sits above links, so the app wires
it in). ``used-up`` reads the click-cap counters of the page's capped links in one ``MGET``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import redis
from bson import ObjectId

from flamingo.core.context import Key
from flamingo.core.problems import Problem
from flamingo.core.timefmt import aware
from flamingo.core.timefmt import now as now_utc
from flamingo.links import clickcap
from flamingo.links.answers import LinkClicks, LinkListItem, LinkOut, State
from flamingo.links.link import Link

Document = dict[str, Any]
RECENT_DAYS = 7
# (link ids, first day) -> {link_id: clicks from that day on}; one query for a whole page.
RecentClicks = Callable[[Sequence[str], date], dict[str, int]]
RECENT_CLICKS: Key[RecentClicks] = Key("links.recent_clicks")


def state_of(link: Link, now: datetime, used: int | None) -> State:
    """The one state a visitor meets, most lasting reason first (an admin's block outranks
    the owner's switch, which outranks the calendar and the click cap)."""
    if link.disabled_by_admin:
        return "admin-disabled"
    if link.disabled:
        return "disabled"
    # mongomock (and pymongo without tz_aware) hand back naive UTC datetimes: aware().
    valid_from = aware(link.valid_from)
    if valid_from is not None and valid_from > now:
        return "scheduled"
    expires_at = aware(link.expires_at)
    if expires_at is not None and expires_at <= now:
        return "expired"
    cap = link.max_clicks
    if cap is not None and used is not None and used >= cap:
        return "used-up"
    return "active"


def list_items(
    links: Sequence[Link],
    base: Callable[[Link], LinkOut],
    client: redis.Redis,
    recent: RecentClicks | None,
) -> list[LinkListItem]:
    """The page's links as the lists show them: ``base(link)`` plus ``clicks`` and ``state``."""
    now = now_utc()
    ids = [link.id for link in links]
    capped = [link.id for link in links if link.max_clicks is not None]
    used = clickcap.used_many(client, capped)
    last_week = recent(ids, now.date() - timedelta(days=RECENT_DAYS - 1)) if recent and ids else {}
    return [
        LinkListItem.model_validate(
            {
                **dict(base(link)),
                "clicks": LinkClicks(
                    total=link.clicks_total or 0, last_7_days=int(last_week.get(link.id, 0))
                ),
                "state": state_of(link, now, used.get(link.id)),
            }
        )
        for link in links
    ]


# --- the cursor of ?sort=clicks: (clicks_total, _id) of the last link seen -----------------


def encode_clicks_cursor(doc: Document) -> str:
    total = doc.get("clicks_total")
    head = b"n" if total is None else b"c" + int(total).to_bytes(8, "big", signed=True)
    return base64.urlsafe_b64encode(head + doc["_id"].binary).decode().rstrip("=")


def decode_clicks_cursor(cursor: str) -> tuple[int | None, ObjectId]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        if raw[:1] == b"n" and len(raw) == 13:
            return None, ObjectId(raw[1:])
        if raw[:1] == b"c" and len(raw) == 21:
            return int.from_bytes(raw[1:9], "big", signed=True), ObjectId(raw[9:])
    except (binascii.Error, ValueError):
        pass
    raise Problem(400, "invalid-cursor", "cursor is malformed; pass next_cursor back unchanged")


def after_clicks_cursor(cursor: str) -> Document:
    """The filter of what comes after ``cursor`` in the order ``clicks_total`` descending (links
    never clicked, without the field, last), then ``_id`` descending."""
    total, last_id = decode_clicks_cursor(cursor)
    if total is None:
        return {"clicks_total": None, "_id": {"$lt": last_id}}
    return {
        "$or": [
            {"clicks_total": {"$lt": total}},
            {"clicks_total": total, "_id": {"$lt": last_id}},
            {"clicks_total": None},
        ]
    }
