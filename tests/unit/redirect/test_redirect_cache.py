"""The link cache on its own: trust only while subscribed, cross-process invalidation, races."""

from __future__ import annotations

from collections.abc import Iterator

import fakeredis
import pytest

from flamingo.links.cache import CHANNEL, CLEAR_ALL, UNKNOWN, CachedLink, LinkCache, cache_key
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
    key, unknown = cache_key("go.example", LINK.code), cache_key("go.example", "nope123")
    second.put(key, LINK, second.epoch)
    second.put(unknown, UNKNOWN, second.epoch)
    assert second.get(key) == LINK and second.get(unknown) is UNKNOWN
    first.invalidate(key, unknown)
    wait_until(lambda: second.get(key) is None, "invalidation of the link")
    assert second.get(unknown) is None


def test_a_bare_code_from_the_previous_release_means_the_default_domain(
    server: fakeredis.FakeServer,
) -> None:
    """Blue and green share Redis: a pod from before branded domains publishes bare codes."""
    client = fakeredis.FakeRedis(server=server, decode_responses=True)
    cache = LinkCache(client, maxsize=10, ttl=60.0, negative_ttl=10.0, default_host="short.example")
    cache.start()
    try:
        wait_until(lambda: cache.trusted, "subscription")
        on_default, elsewhere = cache_key("short.example", "abc"), cache_key("b.example", "abc")
        cache.put(on_default, LINK, cache.epoch)
        cache.put(elsewhere, LINK, cache.epoch)
        fakeredis.FakeRedis(server=server).publish(CHANNEL, "abc")
        wait_until(lambda: cache.get(on_default) is None, "the default domain's entry dropped")
        assert cache.get(elsewhere) == LINK, "the same code on another domain is another link"
    finally:
        cache.stop()


def test_invalidating_a_default_domain_link_also_tells_the_previous_release(
    server: fakeredis.FakeServer,
) -> None:
    client = fakeredis.FakeRedis(server=server, decode_responses=True)
    listener = fakeredis.FakeRedis(server=server, decode_responses=True).pubsub()
    listener.subscribe(CHANNEL)
    cache = LinkCache(client, maxsize=10, ttl=60.0, negative_ttl=10.0, default_host="short.example")
    cache.invalidate(cache_key("short.example", "abc"), cache_key("b.example", "xyz"))
    messages = []
    for _ in range(10):
        message = listener.get_message(timeout=0.1)
        if message and message["type"] == "message":
            messages.append(message["data"])
    assert sorted(messages) == ["abc", "b.example/xyz", "short.example/abc"]


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


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def synced_cache(clock: FakeClock) -> LinkCache:
    # always_synced: one process, no subscriber thread; expiry is all this test looks at.
    client = fakeredis.FakeRedis(server=fakeredis.FakeServer(), decode_responses=True)
    return LinkCache(
        client, maxsize=100, ttl=60.0, negative_ttl=10.0, always_synced=True, clock=clock
    )


def test_links_expire_after_their_ttl() -> None:
    clock = FakeClock()
    cache = synced_cache(clock)
    cache.put(LINK.code, LINK, cache.epoch)
    clock.now += 59.0
    assert cache.get(LINK.code) == LINK, "stored and still fresh just before the TTL"
    clock.now += 2.0
    assert cache.get(LINK.code) is None


def test_unknown_codes_expire_after_the_shorter_negative_ttl() -> None:
    clock = FakeClock()
    cache = synced_cache(clock)
    cache.put("gone123", UNKNOWN, cache.epoch)
    clock.now += 9.0
    assert cache.get("gone123") is UNKNOWN, "stored and still fresh just before its TTL"
    clock.now += 2.0
    assert cache.get("gone123") is None


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
