"""The click worker's raw events: one :class:`flamingo.stats.events.ClickEvent` per click, written
in the batch that folds the counters (before its ``XACK``), never in the request.

What the redirect put on the stream stays raw and bounded
(:func:`flamingo.clicks.events.make_event`); here it becomes facts: the primary language tag,
the UTM tags of the visit's query, the region.

**Visitor key.** The stream carries ``h``, a keyed hash of (IP, User-Agent, day) made in the web
process (the IP never leaves it). The stored key is HMAC-SHA256 of ``h`` under a random salt of
the click's UTC day, kept in Redis (``flamingo:visitor-salt:<day>``, made once with ``SET NX`` by
whichever worker needs it first, expiring after two days). The same visitor gets the same key
within a day (uniques work); once the salt is gone nothing — not even the server's secret — ties
a stored key to an address or to another day's key.

**Retention.** ``ensure_retention`` (``flamingo ensure-indexes``) makes a TTL index on ``at``
where the server has TTL indexes (MongoDB, Atlas). FerretDB v1 has none (its ``buildInfo`` has
``ferretdbVersion``; it refuses ``expireAfterSeconds``), so the index is made without expiry,
and the worker sweeps (``delete_many`` of events older than the retention, once an hour)
whenever the collection has no TTL index: what it checks, not which server it guesses.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs

import redis
from pymongo.database import Database

from flamingo.clicks.useragents import Agent
from flamingo.core.log import get_logger
from flamingo.links.repository import LinkRepository
from flamingo.stats.events import COLLECTION, UTM_FIELDS, VALUE_MAX, Document
from flamingo.stats.eventstore import ClickEventRepository, event_oid

log = get_logger(__name__)

SALT_KEY = "flamingo:visitor-salt:{day}"
SALT_TTL_SECONDS = 2 * 86400
SWEEP_SECONDS = 3600.0
TTL_FIELD = "at"
_LINKS_CACHE_MAX = 100_000
_LANGUAGE_MAX = 8
_KEYS_CACHE_MAX = 50_000


@lru_cache(maxsize=4096)  # a few hundred Accept-Language values make most of the traffic
def primary_language(raw: str) -> str:
    """The primary subtag of ``Accept-Language``'s first entry (``de-CH, fr;q=0.5`` → ``de``);
    ``""`` when there is none or it is not a language (``*``)."""
    first = raw.split(",", 1)[0].split(";", 1)[0].strip().split("-", 1)[0].lower()
    return first if first.isalpha() and len(first) <= _LANGUAGE_MAX else ""


def utm_tags(query: str) -> dict[str, str]:
    """The ``utm_*`` parameters of a query string (the first value of each, bounded)."""
    if not query:
        return {}
    parsed = parse_qs(query, keep_blank_values=False, max_num_fields=100)
    tags = {}
    for name in UTM_FIELDS:
        values = parsed.get(name)
        if values and values[0].strip():
            tags[name] = values[0].strip()[:VALUE_MAX]
    return tags


@dataclass(frozen=True)
class VisitFacts:
    language: str
    utm: dict[str, str]

    def breakdowns(self) -> dict[str, str]:
        """The values the counters' ``VISIT_BREAKDOWNS`` count (a missing UTM tag: nothing)."""
        return {"languages": self.language, **self.utm}


def facts_of(fields: Mapping[str, str]) -> VisitFacts:
    return VisitFacts(primary_language(fields.get("a", "")), utm_tags(fields.get("q", "")))


class VisitorKeys:
    """Daily salts from Redis, cached per day in this process."""

    def __init__(self, client: redis.Redis) -> None:
        self.redis = client
        self._salts: dict[str, bytes] = {}
        self._keys: dict[tuple[str, str], str] = {}  # a visitor clicks more than once

    def salt(self, day: str) -> bytes:
        salt = self._salts.get(day)
        if salt is None:
            key = SALT_KEY.format(day=day)
            self.redis.set(key, secrets.token_hex(32), nx=True, ex=SALT_TTL_SECONDS)
            stored: Any = self.redis.get(key)
            salt = stored if isinstance(stored, bytes) else str(stored).encode()
            self._forget_old_days()
            self._salts[day] = salt
        return salt

    def _forget_old_days(self) -> None:
        """Keep no salt (nor key made with it) in memory longer than Redis keeps it."""
        oldest = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
        self._salts = {day: salt for day, salt in self._salts.items() if day >= oldest}
        self._keys = {pair: key for pair, key in self._keys.items() if pair[0] >= oldest}

    def key(self, day: str, visitor_hash: str) -> str:
        if not visitor_hash:
            return ""
        key = self._keys.get((day, visitor_hash))
        if key is None:
            if len(self._keys) >= _KEYS_CACHE_MAX:
                self._keys.clear()
            key = hmac.digest(self.salt(day), visitor_hash.encode(), hashlib.sha256)[:16].hex()
            self._keys[(day, visitor_hash)] = key
        return key


_EARLIEST_MS, _LATEST_MS = 946_684_800_000, 4_102_444_800_000  # 2000-01-01 .. 2100-01-01


def click_time(fields: Mapping[str, str], entry_id: str) -> datetime:
    """When the click happened: its ``t``, or the enqueue time (the stream id) when that is
    missing or absurd — the worker's rule for the day it counts the click on."""
    enqueued = int(entry_id.split("-", 1)[0])
    try:
        millis = int(fields["t"])
    except (KeyError, ValueError):
        millis = enqueued
    if not _EARLIEST_MS <= millis <= _LATEST_MS:
        millis = enqueued
    return datetime.fromtimestamp(millis / 1000, UTC)


class RawEvents:
    """One batch's events: :meth:`add` while folding, :meth:`write` before the ``XACK``."""

    def __init__(
        self, client: redis.Redis, db: Database[dict[str, Any]], *, retention_days: int = 90
    ) -> None:
        self.repo = ClickEventRepository(db)
        self.db = db
        self.links = LinkRepository(db)
        self.visitors = VisitorKeys(client)
        self.retention_days = retention_days
        self._batch: list[Document] = []
        self._domains: dict[str, str | None] = {}
        self._next_sweep = 0.0

    def begin(self, link_ids: set[str]) -> None:
        """Start a batch (a batch that failed before is built anew) and learn its links' domains
        in one query (a link never changes domain)."""
        self._batch = []
        unknown = {link_id for link_id in link_ids if link_id not in self._domains}
        if not unknown:
            return
        if len(self._domains) + len(unknown) > _LINKS_CACHE_MAX:
            self._domains.clear()
        self._domains.update(dict.fromkeys(unknown))
        self._domains.update(self.links.domains_of(unknown))

    def add(
        self,
        entry_id: str,
        fields: Mapping[str, str],
        agent: Agent,
        *,
        day: str,
        workspace_id: str | None,
        country: str,
    ) -> VisitFacts:
        """Build the click's event; returns its facts for the counters."""
        facts = facts_of(fields)
        link_id = fields["l"]
        at = click_time(fields, entry_id)
        # The document is built here, in ``ClickEvent``'s shape, not through the model: a
        # validation pass per click costs the worker a third of its rate (docs/performance.md).
        # The visit log reads it through the model (``ClickEvent.from_doc``), filtered reports
        # fold the documents themselves; a unit test checks the shape.
        doc: Document = {
            "_id": event_oid(at, entry_id),
            "at": at,
            "link_id": link_id,
            "code": fields.get("c", "")[:VALUE_MAX],
            "country": country,
            "referrer": fields.get("r", "")[:VALUE_MAX],
            "browser": agent.browser[:VALUE_MAX],
            "os": agent.os[:VALUE_MAX],
            "device": agent.device,
            "bot": agent.bot,
            "language": facts.language,
            "visitor": self.visitors.key(day, fields.get("h", "")),
            **facts.utm,
        }
        # What the click lacks stays absent (the model's ``to_doc`` drops ``None``): set only
        # what there is, rather than building ``None``s and filtering them out per click.
        domain = self._domains.get(link_id)
        for name, value in (("workspace_id", workspace_id), ("domain", domain)):
            if value is not None:
                doc[name] = value
        if region := fields.get("gr"):
            doc["region"] = region
        for name, raw in (("rule", fields.get("ri", "")), ("variant", fields.get("vi", ""))):
            if raw.isdigit() and len(raw) <= 2:
                doc[name] = int(raw)
        self._batch.append(doc)
        return facts

    def write(self) -> int:
        """Insert the batch's events (idempotent); raises if MongoDB refused them."""
        batch, self._batch = self._batch, []
        return self.repo.insert_documents(batch)

    def has_ttl_index(self) -> bool:
        indexes = self.db[COLLECTION].index_information()
        return any(
            "expireAfterSeconds" in spec and spec["key"][0][0] == TTL_FIELD
            for spec in indexes.values()
        )

    def housekeeping(self) -> int:
        """Once an hour: sweep expired events unless a TTL index removes them."""
        now = time.monotonic()
        if now < self._next_sweep:
            return 0
        self._next_sweep = now + SWEEP_SECONDS
        if self.has_ttl_index():
            return 0
        return self.sweep()

    def sweep(self) -> int:
        before = datetime.now(UTC) - timedelta(days=self.retention_days)
        removed = self.repo.sweep(before)
        if removed:
            log.info("swept expired click events", removed=removed, before=before.isoformat())
        return removed
