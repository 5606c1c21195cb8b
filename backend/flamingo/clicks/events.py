"""Click events: recorded in the request, buffered in-process, flushed to a Redis Stream.

The redirect must not pay a Redis round trip per click (docs/performance.md), so
:func:`record_click` only appends a small dict to an in-process buffer; a background thread per
process sends everything buffered every ``CLICK_FLUSH_INTERVAL_MS`` in one pipelined batch of
``XADD``s. The worker (:mod:`flamingo.clicks.worker`) consumes the stream.

Guarantees and bounds (tested in tests/unit/clicks/test_clicks.py and
tests/integration/test_pipeline.py):

* HEAD requests are answered by the redirect but are not clicks: nothing is recorded for them.
* Graceful stop (SIGTERM → gunicorn ``worker_exit`` →
  :func:`flamingo.core.lifecycle.run_stop`) flushes the buffer: nothing is lost.
* A hard kill (SIGKILL, OOM) of a web process loses exactly the events buffered since its last
  successful flush: the clicks of at most one flush interval (plus the batch in flight), i.e.
  ``rate * CLICK_FLUSH_INTERVAL_MS`` — about 50 clicks at 2,500 redirects/s per process.
* Redis down: events stay in the buffer (oldest first) and are retried once a second; the buffer
  holds at most ``CLICK_BUFFER_MAX`` events per process, and every event that does not fit is
  dropped and counted in ``flamingo_clicks_dropped_total``. While Redis is down a hard kill loses
  the whole buffer.
* A flush that fails after Redis applied part of the pipeline is retried whole, so an outage can
  duplicate at most one flush batch per process.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import deque
from functools import lru_cache
from urllib.parse import urlsplit

import redis
from flask import Flask, request
from prometheus_client import Counter

from flamingo.core import context, lifecycle
from flamingo.core.log import get_logger
from flamingo.core.stores import Stores

log = get_logger(__name__)

STREAM = "flamingo:clicks"
EVENT_VERSION = "1"
BUFFER: context.Key[ClickBuffer] = context.Key("clicks.buffer")
EVENT_KEY: context.Key[bytes] = context.Key("clicks.event_key")
# Bounds on what one event may carry into Redis, whatever the client sends.
UA_MAX = 512
HOST_MAX = 253
GEO_MAX = 64
LANGUAGE_MAX = 64  # the worker keeps only the primary tag of the first entry
QUERY_MAX = 1024  # only a query with UTM tags travels; the worker keeps only those
UTM_MARK = "utm_"
_RETRY_SECONDS = 1.0

ENQUEUED = Counter(
    "flamingo_clicks_enqueued", "Click events written to the Redis stream by web processes."
)
DROPPED = Counter(
    "flamingo_clicks_dropped",
    "Click events lost because the in-process buffer was full (Redis unreachable).",
)

Event = dict[str, str]


@lru_cache(maxsize=4096)  # a redirect's visitors come from a few pages: parse each once
def referrer_host(referer: str | None) -> str:
    """Only the host of the Referer: paths and queries may carry personal data."""
    if not referer:
        return ""
    try:
        host = urlsplit(referer.strip()).hostname or ""
    except ValueError:
        return ""
    return host[:HOST_MAX]


@lru_cache(maxsize=4)
def _utc_day(days_since_epoch: int) -> str:
    return time.strftime("%Y%m%d", time.gmtime(days_since_epoch * 86400))


def visitor_hash(key: bytes, address: str, user_agent: str, day: str) -> str:
    """A keyed hash of (IP, UA, day): counts uniques without the IP ever leaving the process."""
    digest = hashlib.blake2b(digest_size=8, key=key[:64])
    digest.update(f"{address}\x00{user_agent}\x00{day}".encode("utf-8", "replace"))
    return digest.hexdigest()


class ClickBuffer:
    """A bounded, thread-safe FIFO of events with a background flusher to the stream."""

    def __init__(
        self,
        client: redis.Redis,
        *,
        max_events: int,
        interval_seconds: float,
        stream: str = STREAM,
    ) -> None:
        self.client = client
        self.max_events = max_events
        self.interval = interval_seconds
        self.stream = stream
        self._events: deque[Event] = deque()
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._retry_at = 0.0

    def __len__(self) -> int:
        return len(self._events)

    def add(self, event: Event) -> bool:
        """Buffer one event; ``False`` (and counted as dropped) when the buffer is full."""
        with self._lock:
            if len(self._events) >= self.max_events:
                DROPPED.inc()
                return False
            self._events.append(event)
        return True

    def _take(self) -> list[Event]:
        with self._lock:
            batch = list(self._events)
            self._events.clear()
        return batch

    def _put_back(self, batch: list[Event]) -> None:
        # Failed events go back in front of newer ones; whatever exceeds the bound is dropped.
        with self._lock:
            room = self.max_events - len(self._events)
            keep = batch[: max(room, 0)]
            self._events.extendleft(reversed(keep))
        lost = len(batch) - len(keep)
        if lost:
            DROPPED.inc(lost)

    def flush(self) -> int:
        """Send everything buffered in one pipeline; returns how many events were written."""
        with self._flush_lock:
            batch = self._take()
            if not batch:
                return 0
            try:
                pipe = self.client.pipeline(transaction=False)
                for event in batch:
                    pipe.xadd(self.stream, event)  # type: ignore[arg-type]
                pipe.execute()
            except redis.RedisError as exc:
                self._put_back(batch)
                self._retry_at = time.monotonic() + _RETRY_SECONDS
                log.warning(
                    "click flush failed; events kept in the buffer",
                    error=type(exc).__name__,
                    buffered=len(self._events),
                )
                return 0
            ENQUEUED.inc(len(batch))
            return len(batch)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            if time.monotonic() < self._retry_at:
                continue
            try:
                self.flush()
            except Exception:  # the flusher must outlive any surprise
                log.exception("click flusher error")

    def ensure_started(self) -> None:
        """Start the flusher in this process (idempotent; restarts after a fork)."""
        if self._thread is not None and self._pid == os.getpid() and self._thread.is_alive():
            return
        with self._flush_lock:
            if self._thread is not None and self._pid == os.getpid() and self._thread.is_alive():
                return
            self._pid = os.getpid()
            self._stopping.clear()
            self._thread = threading.Thread(target=self._run, name="click-flusher", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop the flusher and flush what is left (graceful shutdown)."""
        self._stopping.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread.is_alive() and thread is not threading.current_thread():
            thread.join(timeout=5)
        self._thread = None
        self._retry_at = 0.0
        self.flush()


def geo_region(raw: str) -> str:
    # The Google load balancer sends "{client_region},{client_city}": keep the region code.
    return raw.split(",", 1)[0].strip()[:GEO_MAX]


def _key(app: Flask) -> bytes:
    secret_key = context.settings_of(app).server.secret_key
    if secret_key is not None:
        return secret_key.get_secret_value().encode()
    return str(app.config["SECRET_KEY"]).encode()


def make_event(
    link_code: str,
    link_id: str,
    *,
    user_agent: str,
    referer: str | None,
    geo: str,
    address: str,
    key: bytes,
    rule: int | None = None,
    variant: int | None = None,
    accept_language: str = "",
    query_string: str = "",
    region: str = "",
) -> Event:
    """One click event from what the request carried (no Flask needed: the fast lane uses it).

    ``ri`` / ``vi``: the redirect rule that matched or the variant chosen (stats per rule and
    per variant); absent on plain links, so older workers read newer events unchanged. ``a``
    (``Accept-Language``), ``q`` (the query string, only when it has a ``utm_`` parameter) and
    ``gr`` (the region header) are raw and bounded: the worker parses them, off the hot path."""
    now = time.time()
    user_agent = user_agent[:UA_MAX]
    day = _utc_day(int(now // 86400))  # the UTC date of ``now``, formatted once a day
    event = {
        "v": EVENT_VERSION,
        "c": link_code,
        "l": link_id,
        "t": str(int(now * 1000)),
        "r": referrer_host(referer),
        "g": geo_region(geo),
        "u": user_agent,
        "h": visitor_hash(key, address, user_agent, day),
    }
    if rule is not None:
        event["ri"] = str(rule)
    if variant is not None:
        event["vi"] = str(variant)
    if accept_language:
        event["a"] = accept_language[:LANGUAGE_MAX]
    if UTM_MARK in query_string:
        event["q"] = query_string[:QUERY_MAX]
    if region:
        event["gr"] = region[:GEO_MAX]
    return event


def orphan_event(host: str, code: str) -> Event:
    """A visit of a code no link has on a domain we serve: ``o`` is the domain (no ``l``)."""
    return {"v": EVENT_VERSION, "o": host[:HOST_MAX], "c": code, "t": str(int(time.time() * 1000))}


def build_event(
    link_code: str,
    link_id: str,
    geo_header: str,
    key: bytes,
    *,
    rule: int | None = None,
    variant: int | None = None,
    region_header: str = "",
    query_string: str | None = None,
) -> Event:
    headers = request.headers
    if query_string is None:
        query_string = request.query_string.decode("latin-1")
    return make_event(
        link_code,
        link_id,
        user_agent=headers.get("User-Agent", ""),
        referer=headers.get("Referer"),
        geo=headers.get(geo_header, ""),
        address=request.remote_addr or "",
        key=key,
        rule=rule,
        variant=variant,
        accept_language=headers.get("Accept-Language", ""),
        query_string=query_string,
        region=headers.get(region_header, "") if region_header else "",
    )


def event_key(app: Flask) -> bytes:
    return EVENT_KEY.of(app)


def init_app(app: Flask) -> ClickBuffer:
    """Create the app's click buffer and hook it to the per-process lifecycle."""
    existing = BUFFER.find(app)
    if existing is not None:
        return existing
    settings = context.settings_of(app).clicks
    stores: Stores = context.stores_of(app)
    buffer = ClickBuffer(
        stores.redis,
        max_events=settings.click_buffer_max,
        interval_seconds=settings.click_flush_interval_ms / 1000,
    )
    BUFFER.put(app, buffer)
    EVENT_KEY.put(app, _key(app))
    lifecycle.on_start(buffer.ensure_started)
    lifecycle.on_stop(buffer.stop)
    return buffer


def buffer_of(app: Flask) -> ClickBuffer:
    buffer = BUFFER.find(app)
    return buffer if buffer is not None else init_app(app)


def record_click(
    link_code: str,
    link_id: str,
    *,
    is_head: bool,
    rule: int | None = None,
    variant: int | None = None,
    referer_host: str | None = None,
    query_string: str | None = None,
) -> None:
    """Record one redirect of ``link_code`` as a click; call it inside the request.

    HEAD requests are not clicks: nothing is recorded. Never does network I/O. ``referer_host``
    (``""``: none) and ``query_string`` replace this request's Referer and query: the unlock
    step records the visit's own.
    """
    if is_head:
        return
    app = context.app()
    buffer = buffer_of(app)
    buffer.ensure_started()
    clicks = context.settings_of(app).clicks
    key = EVENT_KEY.of(app)
    event = build_event(
        link_code,
        link_id,
        clicks.geo_header,
        key,
        rule=rule,
        variant=variant,
        region_header=clicks.region_header,
        query_string=query_string,
    )
    if referer_host is not None:
        event["r"] = referer_host[:HOST_MAX]
    buffer.add(event)


def record_orphan(host: str, code: str, *, is_head: bool) -> None:
    """Record a visit of an unknown code on a domain we serve (HEAD: nothing)."""
    if is_head:
        return
    app = context.app()
    buffer = buffer_of(app)
    buffer.ensure_started()
    buffer.add(orphan_event(host, code))
