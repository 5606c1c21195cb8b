"""The worker's raw events: what the redirect adds to the stream, the visitor key, idempotent
redelivery and the retention sweep (embedded stores)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from flamingo.clicks.events import STREAM, make_event
from flamingo.clicks.rawevents import RawEvents, primary_language, utm_tags
from flamingo.clicks.worker import GROUP, ClickWorker
from flamingo.core import context
from flamingo.stats.events import ClickEvent
from flamingo.stats.eventstore import ClickEventRepository, ensure_retention, event_id
from tests.unit.stats.clicking import CHROME, db, link, make_app, user

KEY = b"k" * 32


@pytest.fixture
def app() -> Flask:
    return make_app()


def _worker(app: Flask) -> ClickWorker:
    stores = context.stores_of(app)
    worker = ClickWorker(stores.redis, stores.db, consumer="test")
    worker.ensure_group()
    return worker


def _enqueue(app: Flask, *events: dict[str, str]) -> list[Any]:
    redis = context.stores_of(app).redis
    for event in events:
        redis.xadd(STREAM, event)
    _worker(app)  # the group exists before reading
    reply: Any = redis.xreadgroup(GROUP, "test", {STREAM: ">"}, count=100)
    return list(reply[0][1])


def _event(link_id: str, ip: str, when: datetime, **extra: str) -> dict[str, str]:
    event = make_event("abc", link_id, user_agent=CHROME, referer=None, geo="", address=ip, key=KEY)
    event.update(t=str(int(when.timestamp() * 1000)), **extra)
    return event


@pytest.mark.parametrize(
    ("header", "tag"),
    [("de-CH, fr;q=0.5", "de"), ("EN", "en"), ("*", ""), ("", ""), ("1234", ""), ("x" * 20, "")],
)
def test_the_primary_language_tag(header: str, tag: str) -> None:
    assert primary_language(header) == tag


def test_utm_tags_keep_only_utm_parameters() -> None:
    assert utm_tags("utm_source=news&utm_medium=&x=1&utm_term=a+b&utm_source=other") == {
        "utm_source": "news",
        "utm_term": "a b",
    }
    assert utm_tags("") == {}


def test_the_redirect_adds_raw_language_utm_query_and_region_only_when_present() -> None:
    plain = make_event("c", "l", user_agent="", referer=None, geo="", address="", key=KEY)
    assert not {"a", "q", "gr"} & set(plain)
    rich = make_event(
        "c", "l", user_agent="", referer=None, geo="", address="", key=KEY,
        accept_language="de", query_string="x=1&utm_source=n", region="DEBE",
    )  # fmt: skip
    assert (rich["a"], rich["q"], rich["gr"]) == ("de", "x=1&utm_source=n", "DEBE")
    no_utm = make_event("c", "l", user_agent="", referer=None, geo="", address="", key=KEY,
                        query_string="token=secret")  # fmt: skip
    assert "q" not in no_utm  # a query without UTM tags never travels


def test_the_visitor_key_rotates_daily_and_holds_no_ip(app: Flask) -> None:
    owner = user(app, "o@example.com")
    link_id = link(app, owner)
    today = datetime.now(UTC).replace(hour=12)
    yesterday = today - timedelta(days=1)
    entries = _enqueue(
        app,
        _event(link_id, "198.51.100.9", today),
        _event(link_id, "198.51.100.9", today + timedelta(minutes=5)),
        _event(link_id, "198.51.100.9", yesterday),
        _event(link_id, "198.51.100.10", today),
    )
    _worker(app).process(entries)
    docs = sorted(db(app)["click_events"].find(), key=lambda d: (d["at"], d["_id"]))
    keys = {(d["at"].date(), d["visitor"]) for d in docs}
    by_day = [d["visitor"] for d in docs if d["at"].date() == today.date()]
    assert len(docs) == 4
    assert len(set(by_day)) == 2  # the same visitor twice today, another one once
    assert docs[0]["visitor"] not in by_day  # yesterday's key of the same IP + UA differs
    hashes = {fields["h"] for _, fields in entries}
    for _, key in keys:
        assert "198.51.100" not in key and key not in hashes
    # Once the day's salt is gone, the same visitor can no longer be matched to its old key.
    context.stores_of(app).redis.delete(f"flamingo:visitor-salt:{today.date().isoformat()}")
    again = _enqueue(app, _event(link_id, "198.51.100.9", today + timedelta(minutes=9)))
    _worker(app).process(again)
    newest = max(db(app)["click_events"].find(), key=lambda d: d["at"])
    assert newest["visitor"] not in by_day


def test_the_worker_writes_documents_in_the_models_shape(app: Flask) -> None:
    owner = user(app, "o@example.com")
    link_id = link(app, owner)
    now = datetime.now(UTC)
    rich = _event(link_id, "192.0.2.1", now, a="fr-FR", q="utm_source=s&utm_content=c", ri="1")
    _worker(app).process(_enqueue(app, rich, _event(link_id, "192.0.2.2", now)))
    docs = list(db(app)["click_events"].find())
    assert len(docs) == 2
    for doc in docs:
        event = ClickEvent.from_doc(doc)
        assert event.to_doc() == {**doc, "at": event.at}  # the model makes the time aware
    assert {d.get("utm_content") for d in docs} == {"c", None}
    assert {d.get("rule") for d in docs} == {1, None}


def test_a_redelivered_batch_stores_each_event_once(app: Flask) -> None:
    owner = user(app, "o@example.com")
    link_id = link(app, owner)
    now = datetime.now(UTC)
    entries = _enqueue(app, *(_event(link_id, f"192.0.2.{n}", now) for n in range(3)))
    worker = _worker(app)
    worker.process(entries)
    worker.process(entries)  # as after a crash before the ACK
    assert db(app)["click_events"].count_documents({}) == 3


def test_expired_events_are_swept_where_no_ttl_index_removes_them(app: Flask) -> None:
    store = db(app)
    ensure_retention(store, 30)  # the embedded store has no TTL: a plain index
    repo = ClickEventRepository(store)
    now = datetime.now(UTC)
    old, fresh = now - timedelta(days=31), now - timedelta(days=29)
    repo.insert(
        [
            ClickEvent(_id=event_id(at, str(n)), at=at, link_id="a" * 24)
            for n, at in enumerate([old, fresh])
        ]
    )
    raw = RawEvents(context.stores_of(app).redis, store, retention_days=30)
    assert not raw.has_ttl_index()
    assert raw.housekeeping() == 1
    assert [d["at"].date() for d in store["click_events"].find()] == [fresh.date()]


def test_no_sweep_where_a_ttl_index_exists(app: Flask) -> None:
    store = db(app)
    store["click_events"].create_index([("at", 1)], name="ttl", expireAfterSeconds=86400)
    raw = RawEvents(context.stores_of(app).redis, store, retention_days=1)
    assert raw.has_ttl_index()
    at = datetime.now(UTC) - timedelta(days=5)
    ClickEventRepository(store).insert([ClickEvent(_id=event_id(at, "1"), at=at, link_id="a")])
    assert raw.housekeeping() == 0
