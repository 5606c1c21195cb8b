"""The in-process click buffer: what the redirect records, when it reaches the stream, bounds."""

from __future__ import annotations

from typing import Any

import fakeredis
import pytest
import redis
from flask import Flask

from flamingo.app import create_app
from flamingo.clicks import events as clicks
from flamingo.clicks.events import STREAM, ClickBuffer, record_click, referrer_host, visitor_hash
from flamingo.core import context
from tests.conftest import make_settings
from tests.support import metrics
from tests.support.processes import wait_until


def _dropped() -> float:
    return metrics.counter(clicks.DROPPED)


@pytest.fixture
def app() -> Flask:
    # A long interval: the test decides when to flush.
    return _fresh_app(CLICK_FLUSH_INTERVAL_MS="3600000")


def _fresh_app(**settings: str) -> Flask:
    app = create_app(make_settings(LOG_REQUESTS="false", **settings))
    # The embedded Redis is one per process: start from an empty stream.
    context.stores_of(app).redis.delete(STREAM)
    return app


def _record(app: Flask, *, head: bool = False, **headers: str) -> None:
    with app.test_request_context(
        "/abc",
        method="HEAD" if head else "GET",
        headers=headers,
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    ):
        record_click("abc", "65a000000000000000000001", is_head=head)


def _stream(app: Flask) -> list[dict[str, Any]]:
    client = context.stores_of(app).redis
    return [fields for _, fields in client.xrange(STREAM)]


def test_a_click_is_buffered_then_flushed_in_one_batch(app: Flask) -> None:
    ua = "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"
    for _ in range(3):
        _record(
            app,
            **{
                "User-Agent": ua,
                "Referer": "https://news.example.com/a/path?q=secret",
                "X-Client-Geo-Location": "DE,Berlin",
            },
        )
    buffer = clicks.buffer_of(app)
    assert len(buffer) == 3
    assert _stream(app) == []  # nothing reached Redis inside the request
    assert buffer.flush() == 3
    events = _stream(app)
    assert len(events) == 3
    event = events[0]
    assert event["c"] == "abc"
    assert event["l"] == "65a000000000000000000001"
    assert event["r"] == "news.example.com"  # host only: no path, no query
    assert event["g"] == "DE"
    assert event["u"] == ua
    assert "203.0.113.9" not in str(event)  # the IP never leaves the process
    assert len(buffer) == 0


def test_head_is_not_a_click(app: Flask) -> None:
    _record(app, head=True)
    assert len(clicks.buffer_of(app)) == 0


def test_geo_header_name_is_a_setting() -> None:
    app = _fresh_app(GEO_HEADER="X-Country", CLICK_FLUSH_INTERVAL_MS="3600000")
    _record(app, **{"X-Country": "fr", "X-Client-Geo-Location": "DE"})
    clicks.buffer_of(app).flush()
    assert _stream(app)[0]["g"] == "fr"


def test_user_agent_is_truncated(app: Flask) -> None:
    _record(app, **{"User-Agent": "x" * 5000})
    clicks.buffer_of(app).flush()
    assert len(_stream(app)[0]["u"]) == clicks.UA_MAX


@pytest.mark.parametrize(
    ("referer", "host"),
    [
        (None, ""),
        ("", ""),
        ("https://a.example.org:8443/x", "a.example.org"),
        ("http://[::1", ""),
        ("not a url", ""),
        ("android-app://com.slack/", "com.slack"),
    ],
)
def test_referrer_is_reduced_to_its_host(referer: str | None, host: str) -> None:
    assert referrer_host(referer) == host


def test_visitor_hash_depends_on_key_day_ip_and_ua() -> None:
    base = visitor_hash(b"k", "1.2.3.4", "ua", "20260101")
    assert base == visitor_hash(b"k", "1.2.3.4", "ua", "20260101")
    assert base != visitor_hash(b"other", "1.2.3.4", "ua", "20260101")
    assert base != visitor_hash(b"k", "1.2.3.5", "ua", "20260101")
    assert base != visitor_hash(b"k", "1.2.3.4", "ua2", "20260101")
    assert base != visitor_hash(b"k", "1.2.3.4", "ua", "20260102")


class _DownRedis(fakeredis.FakeRedis):  # type: ignore[misc]
    """A client whose server is unreachable until ``up`` is set."""

    up = False

    def pipeline(self, transaction: bool = True, shard_hint: Any = None) -> Any:
        if not self.up:
            raise redis.ConnectionError("connection refused")
        return super().pipeline(transaction=transaction, shard_hint=shard_hint)


def test_redis_down_keeps_a_bounded_buffer_and_counts_drops() -> None:
    client = _DownRedis(decode_responses=True)
    buffer = ClickBuffer(client, max_events=5, interval_seconds=3600)
    before = _dropped()
    accepted = [buffer.add({"c": str(i)}) for i in range(8)]
    assert accepted == [True] * 5 + [False] * 3
    assert _dropped() - before == 3
    assert buffer.flush() == 0  # Redis down: kept, in order
    assert len(buffer) == 5
    client.up = True
    assert buffer.flush() == 5
    assert [f["c"] for _, f in client.xrange(STREAM)] == ["0", "1", "2", "3", "4"]
    assert _dropped() - before == 3


def test_failed_flush_puts_events_back_in_front_and_drops_overflow() -> None:
    buffer: ClickBuffer

    class _FailsWhileOthersAdd(_DownRedis):
        """Down; while the failing flush is under way, three newer clicks arrive."""

        def pipeline(self, transaction: bool = True, shard_hint: Any = None) -> Any:
            if not self.up:
                for i in range(3):
                    buffer.add({"c": f"new{i}"})
            return super().pipeline(transaction=transaction, shard_hint=shard_hint)

    client = _FailsWhileOthersAdd(decode_responses=True)
    buffer = ClickBuffer(client, max_events=4, interval_seconds=3600)
    for i in range(3):
        buffer.add({"c": f"old{i}"})
    before = _dropped()
    assert buffer.flush() == 0  # only one of the three old events still fits in front
    assert _dropped() - before == 2
    client.up = True
    buffer.flush()
    assert [f["c"] for _, f in client.xrange(STREAM)] == ["old0", "new0", "new1", "new2"]


def test_hard_kill_loses_only_the_unflushed_buffer(app: Flask) -> None:
    """The bound: what a SIGKILL loses is exactly what is buffered since the last flush."""
    buffer = clicks.buffer_of(app)
    for _ in range(10):
        _record(app)
    buffer.flush()
    for _ in range(4):
        _record(app)
    # A hard kill now would lose len(buffer) events, and only those: the rest is in Redis.
    assert len(buffer) == 4
    assert len(_stream(app)) == 10


def test_stop_flushes_everything(app: Flask) -> None:
    buffer = clicks.buffer_of(app)
    buffer.ensure_started()
    for _ in range(7):
        _record(app)
    buffer.stop()
    assert len(_stream(app)) == 7
    assert len(buffer) == 0


def test_background_flusher_sends_without_being_asked() -> None:
    app = _fresh_app(CLICK_FLUSH_INTERVAL_MS="5")
    _record(app)
    wait_until(lambda: len(_stream(app)) == 1, "background flush", timeout=10)
    clicks.buffer_of(app).stop()
