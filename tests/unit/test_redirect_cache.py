"""The link cache on its own: trust only while subscribed, cross-process invalidation, races."""

from __future__ import annotations

from collections.abc import Iterator

import fakeredis
import pytest

from flamingo.links.cache import CHANNEL, CLEAR_ALL, UNKNOWN, CachedLink, LinkCache
from tests.support.processes import wait_until

LINK = CachedLink(
    link_id="65f000000000000000000001",
    code="abc1234",
    target="https://example.com/",
    status=302,
    expires_at=None,
    max_clicks=None,
    protected=False,
    disabled=False,
)


@pytest.fixture
def server() -> fakeredis.FakeServer:
    return fakeredis.FakeServer()


def new_cache(server: fakeredis.FakeServer, **kwargs: float) -> LinkCache:
    client = fakeredis.FakeRedis(server=server, decode_responses=True)
    options = {"maxsize": 100, "ttl": 60.0, "negative_ttl": 10.0, **kwargs}
    return LinkCache(
        client,
        maxsize=int(options["maxsize"]),
        ttl=options["ttl"],
        negative_ttl=options["negative_ttl"],
    )


@pytest.fixture
def pair(server: fakeredis.FakeServer) -> Iterator[tuple[LinkCache, LinkCache]]:
    """Two caches standing for two web processes sharing one Redis."""
    first, second = new_cache(server), new_cache(server)
    for cache in (first, second):
        cache.start()
        wait_until(lambda c=cache: c.trusted, "subscription")  # type: ignore[misc]
    yield first, second
    for cache in (first, second):
        cache.stop()


def test_untrusted_until_subscribed(server: fakeredis.FakeServer) -> None:
    cache = new_cache(server)
    cache.put(LINK.code, LINK, cache.epoch)
    assert cache.get(LINK.code) is None  # no subscription yet: every lookup goes to MongoDB
    cache.start()
    try:
        wait_until(lambda: cache.trusted, "subscription")
        cache.put(LINK.code, LINK, cache.epoch)
        assert cache.get(LINK.code) == LINK
    finally:
        cache.stop()
    assert cache.get(LINK.code) is None


def test_invalidation_reaches_the_other_process(pair: tuple[LinkCache, LinkCache]) -> None:
    first, second = pair
    second.put(LINK.code, LINK, second.epoch)
    second.put("nope123", UNKNOWN, second.epoch)
    assert second.get(LINK.code) == LINK and second.get("nope123") is UNKNOWN
    first.invalidate(LINK.code, "nope123")
    wait_until(lambda: second.get(LINK.code) is None, "invalidation of the link")
    assert second.get("nope123") is None


def test_clear_all_message(pair: tuple[LinkCache, LinkCache], server: fakeredis.FakeServer) -> None:
    _, second = pair
    second.put(LINK.code, LINK, second.epoch)
    fakeredis.FakeRedis(server=server).publish(CHANNEL, CLEAR_ALL)
    wait_until(lambda: second.get(LINK.code) is None, "clear all")


def test_a_lookup_that_raced_an_invalidation_is_not_stored(
    pair: tuple[LinkCache, LinkCache],
) -> None:
    first, _ = pair
    epoch = first.epoch  # the redirect reads the epoch, then MongoDB…
    first.drop(LINK.code)  # …meanwhile the link changes…
    first.put(LINK.code, LINK, epoch)  # …so what it read is stale and must not be kept
    assert first.get(LINK.code) is None


def test_entries_expire(server: fakeredis.FakeServer) -> None:
    cache = new_cache(server, ttl=0.05, negative_ttl=0.05)
    cache.start()
    try:
        wait_until(lambda: cache.trusted, "subscription")
        cache.put(LINK.code, LINK, cache.epoch)
        cache.put("gone123", UNKNOWN, cache.epoch)
        wait_until(lambda: cache.get(LINK.code) is None and cache.get("gone123") is None, "expiry")
    finally:
        cache.stop()


def test_size_is_bounded(server: fakeredis.FakeServer) -> None:
    cache = new_cache(server, maxsize=3)
    cache.start()
    try:
        wait_until(lambda: cache.trusted, "subscription")
        for i in range(10):
            cache.put(f"code{i}", LINK, cache.epoch)
        assert sum(cache.get(f"code{i}") is not None for i in range(10)) == 3
    finally:
        cache.stop()


def test_size_zero_disables_the_cache(server: fakeredis.FakeServer) -> None:
    cache = new_cache(server, maxsize=0)
    cache.start()
    cache.put(LINK.code, LINK, cache.epoch)
    assert cache.get(LINK.code) is None
    cache.stop()
