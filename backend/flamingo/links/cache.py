"""The per-process cache of hot links that keeps MongoDB and Redis off the redirect hot path.

Each web process holds recently followed links (and recently *unknown* codes) in memory, bounded in
size (LRU) and in age (TTL). Every change to a link drops its code here and publishes the code on
the Redis channel :data:`CHANNEL`; a subscriber thread in every process drops it there too.

Why the cache is right, not merely fast:

* The cache is trusted only while this process's subscription is live. While the subscriber is
  (re)connecting — Redis down, network cut — lookups miss and go to MongoDB, and nothing is stored;
  on every (re)subscription the whole cache is cleared, because messages may have been missed.
* A lookup that raced with an invalidation must not store what it read before the change: every
  invalidation bumps :attr:`LinkCache.epoch`, and :meth:`LinkCache.put` only stores when the epoch
  is still the one read before the MongoDB query.
* The TTL is a last safety net (e.g. a publish that failed while the subscribers stayed up).

Delivery is asynchronous: another process drops its entry a fraction of a millisecond after the
API answered (the time Redis takes to push the message and its subscriber thread to run).
Embedded mode (fakeredis) has one process only, so the cache is always trusted there.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import redis
from cachetools import TTLCache
from flask import Flask
from prometheus_client import Counter

from flamingo.core import context, lifecycle
from flamingo.core.config import Settings
from flamingo.core.log import get_logger
from flamingo.core.stores import Stores
from flamingo.links.cachedlink import CachedLink as CachedLink  # noqa: PLC0414 - re-exported
from flamingo.links.domains import DomainRepository, DomainRoutes, default_host_of
from flamingo.links.repository import Document

log = get_logger(__name__)

CHANNEL: Final = "flamingo:links:invalidate"
CLEAR_ALL: Final = "*"
DOMAIN_PREFIX: Final = "@"
_ALL_HOSTS: Final = "*"
_RESUBSCRIBE_SECONDS = 1.0
# How long the subscriber waits for a message before checking whether it should stop.
_POLL_SECONDS = 0.2

CACHE_HITS = Counter(
    "flamingo_redirect_cache_hits", "Redirect lookups answered by the in-process link cache."
)
CACHE_MISSES = Counter(
    "flamingo_redirect_cache_misses", "Redirect lookups that had to ask MongoDB."
)
INVALIDATION_PUBLISH_FAILED = Counter(
    "flamingo_link_invalidation_publish_failed",
    "Link cache invalidations that could not be published (other processes rely on the TTL).",
)


def cache_key(host: str, code: str) -> str:
    """Links are cached per (domain, code): ``a.example/x`` and ``b.example/x`` are two links."""
    return f"{host}/{code}"


class _Unknown:
    """The negative-cache marker: this code had no link when we last looked."""


UNKNOWN: Final = _Unknown()
Entry = CachedLink | _Unknown


@dataclass(frozen=True, slots=True)
class Hot:
    """A cached link with its domain and our own hosts: all a cache hit's decision needs, read
    under one lock. It stays right while :meth:`LinkCache.fresh` says so (no invalidation since
    ``epoch``, and none of the three entries past its TTL at ``deadline``)."""

    link: CachedLink
    domain: DomainRoutes
    own_hosts: frozenset[str]
    epoch: int
    deadline: float


class LinkCache:
    def __init__(
        self,
        client: redis.Redis,
        *,
        maxsize: int,
        ttl: float,
        negative_ttl: float,
        always_synced: bool = False,
        clock: Callable[[], float] = time.monotonic,
        default_host: str = "",
    ) -> None:
        self._redis = client
        self._enabled = maxsize > 0
        size = max(maxsize, 1)
        self.clock = clock
        self._ttl = ttl
        # Each stored value carries when it expires (clock time), which the TTL caches keep to
        # themselves: a Hot must know when the first of its parts does.
        self._links: TTLCache[str, tuple[CachedLink, float]] = TTLCache(size, ttl, timer=clock)
        self._unknown: TTLCache[str, bool] = TTLCache(size, ttl=negative_ttl, timer=clock)
        # Domains are few and change rarely: host → routes, or UNKNOWN for a host we do not serve.
        self._domains: TTLCache[str, tuple[DomainRoutes | _Unknown, float]] = TTLCache(
            1024, ttl, timer=clock
        )
        # Every host we serve (no target may point at one: a redirect must never loop).
        self._own_hosts: TTLCache[str, tuple[frozenset[str], float]] = TTLCache(1, ttl, timer=clock)
        self.default_host = default_host
        self._lock = threading.Lock()
        self._always_synced = always_synced
        self._synced = always_synced
        self.epoch = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pubsub: Any = None

    # --- lookups (the redirect) -------------------------------------------------------------

    @property
    def trusted(self) -> bool:
        return self._enabled and self._synced

    def get(self, code: str, *, count: bool = True) -> Entry | None:
        """The cached entry, :data:`UNKNOWN`, or None on a miss (then ask MongoDB).

        ``count=False`` leaves the hit/miss counters to the caller (the redirect fast lane, which
        hands misses on to the view that looks again).
        """
        if not (self._enabled and self._synced):
            if count:
                CACHE_MISSES.inc()
            return None
        link: Entry | None = None
        with self._lock:
            stored = self._links.get(code)
            if stored is not None:
                link = stored[0]
            elif code in self._unknown:
                link = UNKNOWN
        if count:
            (CACHE_MISSES if link is None else CACHE_HITS).inc()
        return link

    def put(self, code: str, entry: Entry, epoch: int) -> None:
        """Store what MongoDB said, unless an invalidation happened since ``epoch`` was read."""
        if not (self._enabled and self._synced):
            return
        with self._lock:
            if epoch != self.epoch:
                return
            if isinstance(entry, CachedLink):
                self._links[code] = (entry, self._expiry())
            else:
                self._unknown[code] = True

    def lookup(
        self, host: str, code: str, load: Callable[[str, str], Document | None]
    ) -> CachedLink | None:
        """The link of ``host``/``code`` from the cache, else from ``load`` (one MongoDB read),
        cached — "no such code" included (negative entry, shorter TTL)."""
        key = cache_key(host, code)
        entry = self.get(key)
        if entry is None:
            epoch = self.epoch  # read before MongoDB, so a racing invalidation wins
            doc = load(host, code)
            entry = CachedLink.from_doc(doc) if doc is not None else UNKNOWN
            self.put(key, entry, epoch)
        return entry if isinstance(entry, CachedLink) else None

    def domain(self, host: str, load: Callable[[str], DomainRoutes | None]) -> DomainRoutes | None:
        """The routes of the domain ``host``, or None when this install does not serve it."""
        stored = None
        if self.trusted:
            with self._lock:
                stored = self._domains.get(host)
        entry = stored[0] if stored is not None else None
        if entry is None:
            epoch = self.epoch
            found = load(host)
            entry = found if found is not None else UNKNOWN
            if self.trusted:
                with self._lock:
                    if epoch == self.epoch:
                        self._domains[host] = (entry, self._expiry())
        return entry if isinstance(entry, DomainRoutes) else None

    def own_hosts(self, load: Callable[[], frozenset[str]]) -> frozenset[str]:
        """Every host this install serves (cached like a domain, dropped with any of them)."""
        stored = None
        if self.trusted:
            with self._lock:
                stored = self._own_hosts.get(_ALL_HOSTS)
        if stored is not None:
            return stored[0]
        epoch = self.epoch
        hosts = load()
        if self.trusted:
            with self._lock:
                if epoch == self.epoch:
                    self._own_hosts[_ALL_HOSTS] = (hosts, self._expiry())
        return hosts

    def _expiry(self) -> float:
        return self.clock() + self._ttl

    def hot(self, host: str, code: str) -> Hot | None:
        """The link of ``host``/``code`` with its domain and our own hosts, when all three are
        cached (the fast lane: no lookup of its own; anything missing is the view's to load)."""
        if not self.trusted:
            return None
        key = cache_key(host, code)
        with self._lock:
            link, domain = self._links.get(key), self._domains.get(host)
            hosts, epoch = self._own_hosts.get(_ALL_HOSTS), self.epoch
        if link is None or domain is None or hosts is None:
            return None
        if not isinstance(domain[0], DomainRoutes):
            return None
        deadline = min(link[1], domain[1], hosts[1])
        return Hot(link[0], domain[0], hosts[0], epoch, deadline)

    def fresh(self, hot: Hot) -> bool:
        """``hot`` is still what the cache holds: no invalidation since, nothing expired."""
        return hot.epoch == self.epoch and self._synced and self.clock() < hot.deadline

    # --- invalidation (the API) -------------------------------------------------------------

    def drop(self, key: str) -> None:
        """Forget a link's ``host/code`` key (or ``@host``: a domain) in this process only."""
        with self._lock:
            self.epoch += 1
            if key.startswith(DOMAIN_PREFIX):
                self._domains.pop(key[1:], None)
                self._own_hosts.clear()
                return
            self._links.pop(key, None)
            self._unknown.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self.epoch += 1
            self._links.clear()
            self._unknown.clear()
            self._domains.clear()
            self._own_hosts.clear()

    def invalidate_domain(self, host: str) -> None:
        """A domain changed (or was added or removed): here and in every other process."""
        self.invalidate(DOMAIN_PREFIX + host)

    def invalidate(self, *keys: str) -> None:
        """Forget ``keys`` (``host/code`` of links, ``@host`` of domains) here and in every other
        process, before the API answers."""
        for key in keys:
            self.drop(key)
        if self._always_synced or not keys:
            return
        messages = list(keys)
        prefix = cache_key(self.default_host, "")
        # Processes of the previous release know codes only: tell them too (default domain).
        messages += [key[len(prefix) :] for key in keys if key.startswith(prefix)]
        try:
            with self._redis.pipeline(transaction=False) as pipe:
                for message in messages:
                    pipe.publish(CHANNEL, message)
                pipe.execute()
        except redis.RedisError as exc:
            # Other processes whose subscription is down bypass their cache anyway; one still
            # subscribed keeps the old entry at most link_cache_ttl_seconds.
            INVALIDATION_PUBLISH_FAILED.inc(len(keys))
            log.warning("link cache invalidation not published", error=type(exc).__name__)

    # --- the subscriber thread ----------------------------------------------------------------

    def start(self) -> None:
        if self._always_synced or not self._enabled or self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="flamingo-linkcache", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        self._synced = self._always_synced

    def _lose_sync(self) -> None:
        self._synced = False
        self.clear()

    def _handle(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "subscribe":
            # (Re)subscribed: anything may have changed while we were not listening.
            self.clear()
            self._synced = True
        elif kind == "message":
            key = str(message.get("data", ""))
            if key == CLEAR_ALL:
                self.clear()
            elif "/" in key or key.startswith(DOMAIN_PREFIX):
                self.drop(key)
            else:
                # A bare code, published by a version from before branded domains (blue and
                # green share Redis during a release): it can only mean the default domain.
                self.drop(cache_key(self.default_host, key))

    def _run(self) -> None:
        while not self._stop.is_set():
            pubsub = self._redis.pubsub()  # type: ignore[no-untyped-call]
            try:
                pubsub.subscribe(CHANNEL)
                while not self._stop.is_set():
                    message = pubsub.get_message(timeout=_POLL_SECONDS)
                    if message is not None:
                        self._handle(message)
            except (redis.RedisError, OSError) as exc:
                if self._synced:
                    log.warning("link cache unsynced; serving from MongoDB", error=str(exc))
                self._lose_sync()
                self._stop.wait(_RESUBSCRIBE_SECONDS)
            finally:
                with contextlib.suppress(redis.RedisError, OSError):
                    pubsub.close()
        self._synced = self._always_synced


CACHE: context.Key[LinkCache] = context.Key("linkcache")


def init_app(app: Flask) -> LinkCache:
    """Create the app's link cache and run its subscriber in every worker process."""
    existing = CACHE.find(app)
    if existing is not None:
        return existing
    settings: Settings = context.settings_of(app)
    stores: Stores = context.stores_of(app)
    cache = LinkCache(
        stores.redis,
        maxsize=settings.links.link_cache_size,
        ttl=settings.links.link_cache_ttl_seconds,
        negative_ttl=settings.links.link_negative_ttl_seconds,
        # One process holds all embedded data: nobody else can change a link behind our back.
        always_synced=stores.embedded_redis,
        default_host=default_host_of(settings.server.public_base_url),
    )
    CACHE.put(app, cache)
    lifecycle.on_start(cache.start)
    lifecycle.on_stop(cache.stop)
    return cache


def cache_of(app: Flask) -> LinkCache:
    return CACHE.of(app)


def own_hosts_of(app: Flask) -> frozenset[str]:
    """Every host this install serves: the default domain (with its loopback names) and every
    branded one. Cached per process; a domain change drops it everywhere."""
    cache = cache_of(app)
    repo = DomainRepository(context.stores_of(app).db)
    return cache.own_hosts(lambda: repo.hosts(cache.default_host))
