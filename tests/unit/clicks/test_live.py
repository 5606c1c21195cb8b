"""The live feed's pipe (flamingo.clicks.live): what the worker publishes, and how it is read."""

from __future__ import annotations

import json

import fakeredis
import pytest
import redis

from flamingo.clicks import live
from flamingo.clicks.events import make_event

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
LINK = "65a1b2c3d4e5f60718293a4b"
OTHER_LINK = "65a1b2c3d4e5f60718293a4c"
WORKSPACE = "75a1b2c3d4e5f60718293a4b"


@pytest.fixture
def client() -> redis.Redis:
    return fakeredis.FakeRedis(decode_responses=True)


def _event(link_id: str = LINK, user_agent: str = CHROME) -> dict[str, str]:
    return make_event(
        "abc",
        link_id,
        user_agent=user_agent,
        referer="https://news.example.org/some/path?q=secret",
        geo="de,Berlin",
        address="203.0.113.9",
        key=b"k" * 32,
    )


def _feed(client: redis.Redis, stream: str) -> list[dict[str, object]]:
    return [json.loads(data) for _, data in live.read(client, stream, "0-0", 1)]


def test_a_batch_lands_in_the_links_and_the_workspaces_feed(client: redis.Redis) -> None:
    entries = [("1700000000000-0", _event()), ("1700000000001-0", _event(OTHER_LINK))]
    published = live.publish(client, entries, {LINK: WORKSPACE, OTHER_LINK: WORKSPACE})
    assert published == 2
    (first,) = _feed(client, live.link_feed(LINK))
    assert first == {
        "id": "1700000000000-0",
        "time": first["time"],
        "link_id": LINK,
        "code": "abc",
        "country": "DE",
        "device": "desktop",
        "browser": "Chrome",
        "os": "Windows",
        "referrer": "news.example.org",
        "bot": False,
    }
    assert [e["link_id"] for e in _feed(client, live.workspace_feed(WORKSPACE))] == [
        LINK,
        OTHER_LINK,
    ]


def test_an_event_holds_nothing_that_identifies_a_visitor(client: redis.Redis) -> None:
    event = _event()
    live.publish(client, [("1700000000000-0", event)], {LINK: WORKSPACE})
    raw = live.read(client, live.link_feed(LINK), "0-0", 1)[0][1]
    for secret in ("203.0.113.9", event["h"], CHROME, "secret", "/some/path"):
        assert secret not in raw


def test_bots_are_flagged(client: redis.Redis) -> None:
    live.publish(client, [("1-0", _event(user_agent="curl/8.5"))], {})
    (event,) = _feed(client, live.link_feed(LINK))
    assert event["bot"] is True
    assert event["device"] == "bot"


def test_orphans_and_malformed_events_have_no_feed(client: redis.Redis) -> None:
    entries = [("1-0", {"o": "s.example", "c": "nope"}), ("2-0", None), ("3-0", {"l": "x"})]
    assert live.publish(client, entries, {}) == 0
    assert client.keys("flamingo:live:*") == []


def test_feeds_are_capped_and_expire(client: redis.Redis) -> None:
    entries = [(f"{i + 1}-0", _event()) for i in range(live.BACKLOG + 300)]
    live.publish(client, entries, {LINK: WORKSPACE})
    stream = live.link_feed(LINK)
    assert client.xlen(stream) < live.BACKLOG + 300
    assert 0 < client.ttl(stream) <= live.WINDOW_SECONDS


def test_a_redis_failure_is_logged_not_raised() -> None:
    broken = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)
    assert live.publish(broken, [("1-0", _event())], {LINK: WORKSPACE}) == 0


def test_reading_resumes_after_an_id(client: redis.Redis) -> None:
    stream = live.link_feed(LINK)
    assert live.latest_id(client, stream) == "0-0"
    live.publish(client, [(f"{i}-0", _event()) for i in (1, 2, 3)], {})
    ids = [entry_id for entry_id, _ in live.read(client, stream, "0-0", 1)]
    assert live.latest_id(client, stream) == ids[-1]
    assert [json.loads(d)["id"] for _, d in live.read(client, stream, ids[0], 1)] == ["2-0", "3-0"]
    assert live.read(client, stream, ids[-1], 1) == []


def test_a_frame_is_one_sse_message() -> None:
    assert live.frame("5-1", '{"a":1}') == 'id: 5-1\nevent: click\ndata: {"a":1}\n\n'


@pytest.mark.parametrize(
    ("raw", "valid"),
    [("1700000000000-0", True), ("0-0", True), ("abc", False), ("1-", False), ("1-0\n", False)],
)
def test_last_event_ids_are_stream_ids(raw: str, valid: bool) -> None:
    assert live.valid_entry_id(raw) is valid
