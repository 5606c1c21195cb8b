"""``flamingo worker``: folds the click stream into daily buckets in MongoDB.

One consumer of the consumer group ``flamingo-workers`` on the stream ``flamingo:clicks``:

1. ``XREADGROUP`` up to ``WORKER_BATCH_SIZE`` new events (blocking ≤ 0.5 s);
2. classify each User-Agent (bot or human, browser, OS, device), add each human visitor hash to
   the day's HyperLogLog (``PFADD``) and read the estimates back (``PFCOUNT``), in one pipeline;
3. fold the batch into per-link and per-owner day documents with one ``bulk_write`` of ``$inc``
   upserts per collection;
4. ``XACK`` the batch only after MongoDB accepted every write.

Pending events of a consumer that died (idle longer than ``WORKER_CLAIM_IDLE_MS``) are taken over
with ``XAUTOCLAIM``; the stream is trimmed only below the oldest event the group has not
acknowledged. Delivery is at-least-once: nothing is lost, and the only duplicates come from a
worker dying after MongoDB accepted a batch but before its ``XACK`` reached Redis — at most one
batch (``WORKER_BATCH_SIZE`` events) per such crash. HyperLogLog adds are idempotent, so uniques
never double.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import redis
from prometheus_client import Counter, Gauge, Histogram
from pymongo.database import Database
from pymongo.errors import ConnectionFailure, PyMongoError

from flamingo.clicks import live
from flamingo.clicks.events import STREAM
from flamingo.clicks.rawevents import RawEvents
from flamingo.clicks.useragents import classify
from flamingo.clicks.workerhealth import Heartbeat
from flamingo.core import signals
from flamingo.core.log import get_logger
from flamingo.links.repository import LinkRepository
from flamingo.stats.orphans import OrphanBatch, OrphanRepository
from flamingo.stats.repository import MAP_KEYS_MAX, ClickStatsRepository, DayDelta, KeyGuard

log = get_logger(__name__)

GROUP = "flamingo-workers"
DEAD_STREAM = "flamingo:clicks:dead"
DEAD_STREAM_MAX = 100_000
UNIQUES_TTL_SECONDS = 8 * 86400  # late (reclaimed) events of the last week still dedupe
HOUSEKEEPING_SECONDS = 1.0
_OWNER_CACHE_MAX = 100_000
_IDLE_CONSUMER_MS = 3_600_000
_COUNTRY_MAX = 8
_EARLIEST_MS, _LATEST_MS = 946_684_800_000, 4_102_444_800_000  # 2000-01-01 .. 2100-01-01
_LINK_ID = re.compile(r"^[0-9a-f]{24}$")

PROCESSED = Counter(
    "flamingo_clicks_processed", "Click events folded into MongoDB and acknowledged."
)
DEAD_LETTERED = Counter(
    "flamingo_clicks_dead_lettered",
    f"Click events MongoDB refused on their own (not an outage), parked in {DEAD_STREAM}.",
)
BOTS = Counter("flamingo_clicks_bot", "Processed click events classified as bots.")
LAG = Gauge(
    "flamingo_click_stream_lag",
    "Click events in the stream not yet processed (undelivered + pending).",
    multiprocess_mode="livemax",
)
BATCH_DURATION = Histogram(
    "flamingo_worker_batch_duration_seconds",
    "Time to fold one batch of click events (classify, HyperLogLog, MongoDB, ACK).",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)

Entry = tuple[str, dict[str, str] | None]


def _day(fields: dict[str, str], entry_id: str) -> str:
    enqueued = int(entry_id.split("-", 1)[0])  # the stream id is the enqueue time (ms)
    try:
        millis = int(fields["t"])
    except (KeyError, ValueError):
        millis = enqueued
    # Clicks buffered through a Redis outage are enqueued late, so only absurd times are replaced.
    if not _EARLIEST_MS <= millis <= _LATEST_MS:
        millis = enqueued
    return datetime.fromtimestamp(millis / 1000, UTC).date().isoformat()


def _country(raw: str) -> str:
    country = raw.strip().upper()
    return country if country.isalpha() and len(country) <= _COUNTRY_MAX else ""


def uniques_key(link_id: str, day: str) -> str:
    return f"flamingo:uv:{link_id}:{day}"


def _index(raw: str | None) -> str | None:
    """A rule or variant index of an event (``ri`` / ``vi``), if it is one."""
    return raw if raw is not None and raw.isdigit() and len(raw) <= 2 else None


def _per_link(deltas: Iterable[DayDelta]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for delta in deltas:
        totals[delta.link_id] = totals.get(delta.link_id, 0) + delta.total
    return totals


class ClickWorker:
    def __init__(
        self,
        client: redis.Redis,
        db: Database[dict[str, Any]],
        *,
        batch_size: int = 1000,
        claim_idle_ms: int = 30_000,
        consumer: str | None = None,
        stream: str = STREAM,
        map_keys_max: int = MAP_KEYS_MAX,
        events_retention_days: int = 90,
    ) -> None:
        self.redis = client
        self.stats = ClickStatsRepository(db)
        self.links = LinkRepository(db)
        self.batch_size = batch_size
        self.claim_idle_ms = claim_idle_ms
        self.consumer = consumer or f"{socket.gethostname()}-{os.getpid()}"
        self.stream = stream
        self._owners: dict[str, str | None] = {}
        self._keys = KeyGuard(map_keys_max)
        self.orphans = OrphanRepository(db)
        self._orphans = OrphanBatch(KeyGuard(map_keys_max))
        self._next_claim = 0.0
        self._next_housekeeping = 0.0
        self.raw = RawEvents(client, db, retention_days=events_retention_days)

    # -- the group ------------------------------------------------------------------------
    def ensure_group(self) -> None:
        try:
            # From the start of the stream: events enqueued before any worker ran are counted.
            self.redis.xgroup_create(self.stream, GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    # -- one batch ------------------------------------------------------------------------
    def _load_owners(self, entries: Iterable[Entry]) -> None:
        """Workspaces of the batch's links not seen before, in one query (a link never changes
        workspace): the overview's day documents are kept per workspace."""
        unknown = {f["l"] for _, f in entries if f and f.get("l") and f["l"] not in self._owners}
        if not unknown:
            return
        if len(self._owners) + len(unknown) > _OWNER_CACHE_MAX:
            self._owners.clear()
        self._owners.update(dict.fromkeys(unknown))
        self._owners.update(self.links.workspaces_of(unknown))

    def _fold(
        self, entries: Iterable[Entry]
    ) -> tuple[dict[tuple[str, str], DayDelta], dict[str, list[str]]]:
        deltas: dict[tuple[str, str], DayDelta] = {}
        visitors: dict[str, list[str]] = {}
        self._orphans.take()  # a batch that failed before is folded anew: never count it twice
        self._load_owners(entries)
        self.raw.begin({f["l"] for _, f in entries if f and _LINK_ID.match(f.get("l", ""))})
        for entry_id, fields in entries:
            if fields and fields.get("o") and not fields.get("l"):
                self._orphans.add(fields["o"], fields.get("c", ""), _day(fields, entry_id))
                continue
            if not fields or not _LINK_ID.match(fields.get("l", "")):
                continue  # trimmed or malformed: nothing to count
            link_id, day = fields["l"], _day(fields, entry_id)
            delta = deltas.get((link_id, day))
            if delta is None:
                delta = deltas[(link_id, day)] = DayDelta(link_id, day, self._owners.get(link_id))
            agent = classify(fields.get("u", ""))
            keep = self._keys.admit
            country = _country(fields.get("g", ""))
            facts = self.raw.add(
                entry_id, fields, agent, day=day, workspace_id=delta.owner_id, country=country
            )
            delta.add(
                bot=agent.bot,
                referrer=keep(link_id, day, "referrers", fields.get("r", "")),
                country=keep(link_id, day, "countries", country),
                browser=keep(link_id, day, "browsers", agent.browser),
                os=keep(link_id, day, "os", agent.os),
                device=agent.device,
                rule=_index(fields.get("ri")),
                variant=_index(fields.get("vi")),
                more={name: keep(link_id, day, name, v) for name, v in facts.breakdowns().items()},
            )
            if not agent.bot and fields.get("h"):
                visitors.setdefault(uniques_key(link_id, day), []).append(fields["h"])
        return deltas, visitors

    def _count_uniques(
        self, deltas: dict[tuple[str, str], DayDelta], visitors: dict[str, list[str]]
    ) -> None:
        if not visitors:
            return
        keys = list(visitors)
        pipe = self.redis.pipeline(transaction=False)
        for key in keys:
            pipe.pfadd(key, *visitors[key])
            pipe.expire(key, UNIQUES_TTL_SECONDS)
            pipe.pfcount(key)
        results = pipe.execute()
        by_key = {key: int(results[3 * i + 2]) for i, key in enumerate(keys)}
        for (link_id, day), delta in deltas.items():
            delta.unique = by_key.get(uniques_key(link_id, day), 0)

    def process(self, entries: list[Entry]) -> int:
        """Fold ``entries`` into MongoDB, then acknowledge them. Returns how many were acked."""
        if not entries:
            return 0
        started = time.perf_counter()
        deltas, visitors = self._fold(entries)
        self._count_uniques(deltas, visitors)
        self.raw.write()  # first: a redelivered batch inserts no event twice (ids are fixed)
        self.stats.apply(list(deltas.values()))  # raises → no ACK → redelivered later
        self.links.add_clicks(_per_link(deltas.values()))  # the list's clicks and its order
        self.orphans.apply(self._orphans.take())
        signals.clicks_folded(self.redis, entries, self._owners)  # webhooks' link.clicked
        ids = [entry_id for entry_id, _ in entries]
        self.redis.xack(self.stream, GROUP, *ids)
        live.publish(self.redis, entries, self._owners)  # the live feeds (SSE), best effort
        PROCESSED.inc(len(ids))
        BOTS.inc(sum(d.bot for d in deltas.values()))
        BATCH_DURATION.observe(time.perf_counter() - started)
        return len(ids)

    def process_or_park(self, entries: list[Entry]) -> int:
        """:meth:`process`, but a batch MongoDB refuses for a reason other than an outage is
        split until the events it refuses on their own are found; those are parked in the
        dead-letter stream (and acknowledged) so that one bad event cannot stall the worker.

        An outage (``ConnectionFailure``) is re-raised: everything stays pending and is retried.
        MongoDB may have applied part of a refused unordered batch; the parts are then applied
        again — at most one batch counted twice, the same bound as after a crash.
        """
        try:
            return self.process(entries)
        except ConnectionFailure:
            raise
        except PyMongoError as exc:
            if len(entries) == 1:
                self._park(entries[0], exc)
                return 0
            middle = len(entries) // 2
            return self.process_or_park(entries[:middle]) + self.process_or_park(entries[middle:])

    def _park(self, entry: Entry, exc: PyMongoError) -> None:
        entry_id, fields = entry
        log.error("click event refused by MongoDB; parked", id=entry_id, error=type(exc).__name__)
        pipe = self.redis.pipeline(transaction=True)
        pipe.xadd(
            DEAD_STREAM,
            {**(fields or {}), "id": entry_id, "error": type(exc).__name__},  # type: ignore[dict-item]
            maxlen=DEAD_STREAM_MAX,
            approximate=True,
        )
        pipe.xack(self.stream, GROUP, entry_id)
        pipe.execute()
        DEAD_LETTERED.inc()

    # -- reading ----------------------------------------------------------------------------
    def read_new(self, block_ms: int) -> list[Entry]:
        try:
            reply: Any = self.redis.xreadgroup(
                GROUP,
                self.consumer,
                {self.stream: ">"},
                count=self.batch_size,
                block=block_ms if block_ms > 0 else None,  # BLOCK 0 would wait forever
            )
        except redis.ResponseError as exc:
            if "NOGROUP" not in str(exc):
                raise
            self.ensure_group()  # the stream was deleted under us
            return []
        if not reply:
            return []
        entries: list[Entry] = reply[0][1]
        return entries

    def claim_abandoned(self) -> int:
        """Take over and process events a dead consumer left pending."""
        done = 0
        start = "0-0"
        while True:
            reply: Any = self.redis.xautoclaim(
                self.stream,
                GROUP,
                self.consumer,
                min_idle_time=self.claim_idle_ms,
                start_id=start,
                count=self.batch_size,
            )
            start, claimed = reply[0], reply[1]
            deleted: list[str] = reply[2] if len(reply) > 2 else []
            if deleted:
                self.redis.xack(self.stream, GROUP, *deleted)
            if claimed:
                log.info("reclaimed pending click events", count=len(claimed))
                done += self.process_or_park(claimed)
            if start in ("0-0", b"0-0"):
                return done

    # -- housekeeping ----------------------------------------------------------------------
    def housekeeping(self) -> None:
        """Update the lag gauge, trim acknowledged events, forget long-idle empty consumers."""
        groups: Any = self.redis.xinfo_groups(self.stream)
        group = next((g for g in groups if g["name"] == GROUP), None)
        if group is None:
            return
        lag = group.get("lag")
        if lag is None:
            # Redis cannot tell (after deletions); the stream holds little but unacked events.
            LAG.set(int(self.redis.xlen(self.stream)))
        else:
            LAG.set(int(lag) + int(group["pending"]))
        self._trim(group)
        consumers: Any = self.redis.xinfo_consumers(self.stream, GROUP)
        for consumer in consumers:
            if (
                consumer["pending"] == 0
                and consumer["idle"] > _IDLE_CONSUMER_MS
                and consumer["name"] != self.consumer
            ):
                self.redis.xgroup_delconsumer(self.stream, GROUP, consumer["name"])

    def _trim(self, group: dict[str, Any]) -> None:
        last = str(group["last-delivered-id"])
        if last == "0-0":
            return
        # Every event below the oldest pending one (or up to the last delivered) is acknowledged.
        pending: Any = self.redis.xpending(self.stream, GROUP)
        min_id = str(pending["min"]) if pending and pending.get("pending") else last
        self.redis.xtrim(self.stream, minid=min_id, approximate=False)

    # -- the loop ---------------------------------------------------------------------------
    def step(self, block_ms: int = 500) -> int:
        now = time.monotonic()
        done = 0
        if now >= self._next_claim:
            done += self.claim_abandoned()
            self._next_claim = now + max(self.claim_idle_ms / 2000, 0.1)
        done += self.process(self.read_new(block_ms))
        if now >= self._next_housekeeping:
            self.housekeeping()
            self.raw.housekeeping()
            self._next_housekeeping = now + HOUSEKEEPING_SECONDS
        return done

    def run(
        self, stop: threading.Event, block_ms: int = 500, heartbeat: Heartbeat | None = None
    ) -> None:
        log.info("click worker started", consumer=self.consumer, stream=self.stream)
        beat = heartbeat or Heartbeat()
        backoff = 0.5
        while not stop.is_set():
            try:
                self.ensure_group()
                while not stop.is_set():
                    self.step(block_ms)
                    beat.beat()
                    backoff = 0.5
            except (redis.RedisError, PyMongoError) as exc:
                # Nothing was acknowledged: the batch stays pending and is retried.
                log.warning("click worker: store unavailable, retrying", error=type(exc).__name__)
                stop.wait(backoff)
                beat.beat()  # waiting for a store is not a stall: a restart would not help
                backoff = min(backoff * 2, 10.0)
        log.info("click worker stopped", consumer=self.consumer)
