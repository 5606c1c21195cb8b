"""The click worker on embedded stores: folding, bots, uniques, ACK-after-write, reclaim, trim."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import fakeredis
import mongomock
import pytest
from bson import ObjectId
from pymongo.errors import AutoReconnect, OperationFailure, PyMongoError

from flamingo.clicks.events import STREAM
from flamingo.clicks.worker import DEAD_LETTERED, DEAD_STREAM, GROUP, LAG, PROCESSED, ClickWorker
from flamingo.stats.repository import LINK_DAYS, OWNER_DAYS
from tests.support import metrics

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
DAY_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
OWNER = "64b000000000000000000001"


@pytest.fixture
def redis_client() -> fakeredis.FakeRedis:
    return fakeredis.FakeRedis(decode_responses=True)


@pytest.fixture
def db() -> Any:
    return mongomock.MongoClient(tz_aware=True)["worker_test"]


@pytest.fixture
def link_id(db: Any) -> str:
    oid = ObjectId()
    db.links.insert_one({"_id": oid, "code": "abc", "owner_id": OWNER, "target": "https://x.test/"})
    return str(oid)


@pytest.fixture
def worker(redis_client: fakeredis.FakeRedis, db: Any) -> Iterator[ClickWorker]:
    w = ClickWorker(redis_client, db, batch_size=100, claim_idle_ms=60_000, consumer="w1")
    w.ensure_group()
    yield w


def _event(link_id: str, ua: str = CHROME, **extra: str) -> dict[str, str]:
    fields = {"v": "1", "c": "abc", "l": link_id, "t": str(DAY_MS + 3_600_000), "u": ua}
    fields.update(extra)
    return fields


def _add(client: fakeredis.FakeRedis, n: int, link_id: str, **kw: str) -> None:
    for i in range(n):
        client.xadd(STREAM, _event(link_id, h=f"visitor{i % 3}", **kw))  # type: ignore[arg-type]


def _day(db: Any, link_id: str, day: str = "2026-01-01") -> dict[str, Any]:
    doc: dict[str, Any] = db[LINK_DAYS].find_one({"_id": f"{link_id}:{day}"})
    return doc


def _pending(client: fakeredis.FakeRedis) -> int:
    return int(client.xpending(STREAM, GROUP)["pending"])


def test_events_fold_into_one_day_document(
    worker: ClickWorker, redis_client: fakeredis.FakeRedis, db: Any, link_id: str
) -> None:
    _add(redis_client, 6, link_id, r="news.example.com", g="DE")
    redis_client.xadd(STREAM, _event(link_id, ua="Slackbot-LinkExpanding 1.0", r="", g=""))  # type: ignore[arg-type]
    redis_client.xadd(STREAM, _event(link_id, ua="curl/8.5.0"))  # type: ignore[arg-type]
    before = metrics.counter(PROCESSED)
    assert worker.step(block_ms=0) == 8
    assert metrics.counter(PROCESSED) - before == 8
    doc = _day(db, link_id)
    assert (doc["total"], doc["human"], doc["bot"]) == (8, 6, 2)
    assert doc["unique"] == 3  # three distinct visitor hashes among the humans
    assert doc["referrers"] == {"news%2Eexample%2Ecom": 6, "(none)": 2}
    assert doc["countries"] == {"DE": 6, "(none)": 2}
    assert doc["browsers"]["Chrome"] == 6
    assert doc["devices"] == {"desktop": 6, "bot": 2}
    assert doc["owner_id"] == OWNER
    owner = db[OWNER_DAYS].find_one({"_id": f"{OWNER}:2026-01-01"})
    assert (owner["total"], owner["human"], owner["bot"]) == (8, 6, 2)
    assert owner["links"] == {link_id: 8}
    assert _pending(redis_client) == 0  # acknowledged


def test_second_batch_adds_up_and_uniques_do_not_double(
    worker: ClickWorker, redis_client: fakeredis.FakeRedis, db: Any, link_id: str
) -> None:
    _add(redis_client, 3, link_id)
    worker.step(block_ms=0)
    _add(redis_client, 3, link_id)  # the same three visitors again
    worker.step(block_ms=0)
    doc = _day(db, link_id)
    assert doc["total"] == 6
    assert doc["unique"] == 3


def test_nothing_is_acknowledged_when_mongo_refuses(
    worker: ClickWorker,
    redis_client: fakeredis.FakeRedis,
    db: Any,
    link_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add(redis_client, 5, link_id)

    def refuse(_: Any) -> None:
        raise PyMongoError("primary stepped down")

    monkeypatch.setattr(worker.stats, "apply", refuse)
    with pytest.raises(PyMongoError):
        worker.step(block_ms=0)
    assert _pending(redis_client) == 5  # still pending: will be redelivered
    monkeypatch.undo()
    # A dead consumer's events are reclaimed by another one once idle long enough.
    other = ClickWorker(redis_client, db, claim_idle_ms=0, consumer="w2")
    assert other.claim_abandoned() == 5
    assert _day(db, link_id)["total"] == 5
    assert _pending(redis_client) == 0


def test_reclaim_waits_for_the_idle_time(
    worker: ClickWorker, redis_client: fakeredis.FakeRedis, db: Any, link_id: str
) -> None:
    _add(redis_client, 2, link_id)
    worker.read_new(block_ms=0)  # delivered to w1, which then "dies"
    patient = ClickWorker(redis_client, db, claim_idle_ms=3_600_000, consumer="w2")
    assert patient.claim_abandoned() == 0
    assert _pending(redis_client) == 2


def test_events_of_unknown_links_and_malformed_ones_are_acked(
    worker: ClickWorker, redis_client: fakeredis.FakeRedis, db: Any
) -> None:
    ghost = str(ObjectId())
    redis_client.xadd(STREAM, _event(ghost))  # type: ignore[arg-type]
    redis_client.xadd(STREAM, {"junk": "1"})
    redis_client.xadd(STREAM, _event(ghost, t="not-a-number"))  # type: ignore[arg-type]
    assert worker.step(block_ms=0) == 3
    assert _day(db, ghost)["total"] == 1  # a deleted link's clicks still count, without owner
    assert "owner_id" not in _day(db, ghost)
    assert _pending(redis_client) == 0


def test_keys_with_dots_and_dollars_are_escaped(
    worker: ClickWorker, redis_client: fakeredis.FakeRedis, db: Any, link_id: str
) -> None:
    redis_client.xadd(STREAM, _event(link_id, r="$where.example", g="$x"))  # type: ignore[arg-type]
    worker.step(block_ms=0)
    doc = _day(db, link_id)
    assert doc["referrers"] == {"%24where%2Eexample": 1}
    assert doc["countries"] == {"(none)": 1}  # not a country code


def test_housekeeping_trims_only_acknowledged_events_and_reports_lag(
    worker: ClickWorker, redis_client: fakeredis.FakeRedis, link_id: str
) -> None:
    _add(redis_client, 5, link_id)
    worker.step(block_ms=0)  # 5 acked
    _add(redis_client, 3, link_id)
    delivered = worker.read_new(block_ms=0)  # 3 pending, not acked
    _add(redis_client, 2, link_id)  # 2 not delivered yet
    worker.housekeeping()
    assert metrics.gauge(LAG) == 5
    remaining = [entry_id for entry_id, _ in redis_client.xrange(STREAM)]
    assert remaining[0] == delivered[0][0]  # the acked ones are gone, the pending ones stay
    assert len(remaining) == 5


def test_referrer_hosts_per_link_and_month_are_capped(
    redis_client: fakeredis.FakeRedis, db: Any, link_id: str
) -> None:
    # The production cap is MAP_KEYS_MAX; small here to see the spill.
    worker = ClickWorker(redis_client, db, batch_size=100, consumer="w1", map_keys_max=3)
    worker.ensure_group()
    for i in range(5):
        redis_client.xadd(STREAM, _event(link_id, r=f"spam{i}.example"))  # type: ignore[arg-type]
    redis_client.xadd(STREAM, _event(link_id, r="spam0.example"))  # type: ignore[arg-type]
    worker.step(block_ms=0)
    referrers = _day(db, link_id)["referrers"]
    assert referrers == {
        "spam0%2Eexample": 2,
        "spam1%2Eexample": 1,
        "spam2%2Eexample": 1,
        "(other)": 2,
    }
    assert sum(referrers.values()) == 6  # capped keys still count


def test_an_event_mongo_refuses_on_its_own_is_parked_not_blocking(
    worker: ClickWorker,
    redis_client: fakeredis.FakeRedis,
    db: Any,
    link_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    poison = str(ObjectId())
    real_apply = worker.stats.apply

    def picky(deltas: list[Any]) -> None:
        if any(d.link_id == poison for d in deltas):
            raise OperationFailure("document too large")
        real_apply(deltas)

    _add(redis_client, 3, link_id)
    redis_client.xadd(STREAM, _event(poison))  # type: ignore[arg-type]
    _add(redis_client, 3, link_id)
    monkeypatch.setattr(worker.stats, "apply", picky)
    with pytest.raises(OperationFailure):
        worker.step(block_ms=0)  # the whole batch stays pending
    assert _pending(redis_client) == 7
    rescuer = ClickWorker(redis_client, db, claim_idle_ms=0, consumer="w2")
    monkeypatch.setattr(rescuer.stats, "apply", picky)
    before = metrics.counter(DEAD_LETTERED)
    assert rescuer.claim_abandoned() == 6
    assert _day(db, link_id)["total"] == 6
    assert metrics.counter(DEAD_LETTERED) - before == 1
    parked = redis_client.xrange(DEAD_STREAM)
    assert [fields["l"] for _, fields in parked] == [poison]
    assert parked[0][1]["error"] == "OperationFailure"
    assert _pending(redis_client) == 0


def test_an_outage_is_not_mistaken_for_a_bad_event(
    worker: ClickWorker,
    redis_client: fakeredis.FakeRedis,
    db: Any,
    link_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add(redis_client, 2, link_id)
    worker.read_new(block_ms=0)
    rescuer = ClickWorker(redis_client, db, claim_idle_ms=0, consumer="w2")

    def down(_: Any) -> None:
        raise AutoReconnect("connection refused")

    monkeypatch.setattr(rescuer.stats, "apply", down)
    with pytest.raises(AutoReconnect):
        rescuer.claim_abandoned()
    assert _pending(redis_client) == 2
    assert redis_client.xlen(DEAD_STREAM) == 0


def test_absurd_times_and_foreign_link_ids_cannot_break_a_batch(
    worker: ClickWorker, redis_client: fakeredis.FakeRedis, db: Any, link_id: str
) -> None:
    redis_client.xadd(STREAM, _event(link_id, t="99999999999999999999"))  # type: ignore[arg-type]
    redis_client.xadd(STREAM, _event("links.$owner"))  # type: ignore[arg-type]
    assert worker.step(block_ms=0) == 2
    # The absurd time falls back to the enqueue time (the stream id); the bad id is skipped.
    assert db[LINK_DAYS].count_documents({}) == 1
    assert db[LINK_DAYS].find_one()["link_id"] == link_id
    assert _pending(redis_client) == 0
