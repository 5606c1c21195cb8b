"""One model per stored click document (``flamingo.stats.documents``).

Documents written by the real click worker read into their models and write back unchanged
(breakdown keys escaped as stored, unescaped in the model), the reports computed from the models
are what the events said, and the field names the worker's ``$inc`` updates use are the models'.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import fakeredis
import mongomock
import pytest
from bson import ObjectId
from pydantic import BaseModel

from flamingo.clicks.events import STREAM
from flamingo.clicks.worker import ClickWorker
from flamingo.stats import documents
from flamingo.stats.answers import DailyClicks, OrphanCode, OverviewDay
from flamingo.stats.documents import ClickDay, ClickMonth, OrphanDay, OwnerDay
from flamingo.stats.orphans import COLLECTION as ORPHAN_DAYS
from flamingo.stats.orphans import OrphanRepository
from flamingo.stats.reports import link_report, orphan_report, owner_report
from flamingo.stats.repository import LINK_DAYS, LINK_MONTHS, OWNER_DAYS, ClickStatsRepository

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
DAY_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
DAY = date(2026, 1, 1)
OWNER = "64b000000000000000000001"
STORED: dict[str, type[Any]] = {
    LINK_DAYS: ClickDay,
    LINK_MONTHS: ClickMonth,
    OWNER_DAYS: OwnerDay,
    ORPHAN_DAYS: OrphanDay,
}


@pytest.fixture
def db() -> Any:
    return mongomock.MongoClient(tz_aware=True)["documents_test"]


@pytest.fixture
def link_id(db: Any) -> str:
    oid = ObjectId()
    db.links.insert_one({"_id": oid, "code": "abc", "owner_id": OWNER, "target": "https://x.test/"})
    return str(oid)


def _fold(db: Any, link_id: str) -> None:
    """Three human clicks with keys that need escaping, a bot, a routed click, two orphans."""
    client = fakeredis.FakeRedis(decode_responses=True)
    client.delete(STREAM)
    worker = ClickWorker(client, db, batch_size=100, consumer="w1")
    worker.ensure_group()
    at = str(DAY_MS + 3_600_000)
    events: list[dict[str, str]] = [
        {"l": link_id, "r": "$where.example", "g": "FR", "h": "v1"},
        {"l": link_id, "r": "100%.example", "g": "FR", "h": "v2"},
        {"l": link_id, "r": "", "g": "DE", "h": "v1", "ri": "0", "vi": "1"},
        {"l": link_id, "r": "$where.example", "u": "curl/8.0"},
        {"o": "go.example", "c": "gone.1"},
        {"o": "go.example", "c": "gone.1"},
    ]
    for event in events:
        fields = {"v": "1", "c": "abc", "t": at, "u": CHROME} | event
        client.xadd(STREAM, fields)  # type: ignore[arg-type]
    assert worker.step(block_ms=0) == len(events)


def test_every_click_document_reads_and_writes_back_unchanged(db: Any, link_id: str) -> None:
    _fold(db, link_id)
    for collection, model in STORED.items():
        docs = list(db[collection].find({}))
        assert docs, f"nothing stored in {collection}"
        for doc in docs:
            assert model.from_doc(doc).to_doc() == doc, collection


def test_a_model_holds_the_keys_unescaped(db: Any, link_id: str) -> None:
    _fold(db, link_id)
    day = ClickDay.from_doc(db[LINK_DAYS].find_one({}))
    assert day.referrers == {"$where.example": 2, "100%.example": 1, "(none)": 1}
    orphans = OrphanDay.from_doc(db[ORPHAN_DAYS].find_one({}))
    assert orphans.codes == {"go.example/gone.1": 2}


def test_the_reports_computed_from_the_models_are_what_the_events_said(
    db: Any, link_id: str
) -> None:
    _fold(db, link_id)
    repo = ClickStatsRepository(db)
    report = link_report(repo, link_id, DAY, DAY)
    assert report.series == [DailyClicks(date=DAY, total=4, human=3, bot=1, unique=2)]
    assert report.referrers == {"$where.example": 2, "100%.example": 1, "(none)": 1}
    assert report.countries == {"FR": 2, "DE": 1, "(none)": 1}
    assert (report.rules, report.variants) == ({"0": 1}, {"1": 1})
    # A range cutting the month reads the day document: the same sums.
    assert link_report(repo, link_id, DAY, date(2026, 1, 2)).referrers == report.referrers
    overview = owner_report(repo, OWNER, DAY, DAY)
    assert overview.series == [OverviewDay(date=DAY, total=4, human=3, bot=1)]
    assert overview.per_link == {link_id: 4}
    orphans = orphan_report(OrphanRepository(db), DAY, DAY)
    assert [point.total for point in orphans.series] == [2]
    assert orphans.top == [OrphanCode(domain="go.example", code="gone.1", count=2)]


def _fields(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def test_the_names_the_worker_writes_are_the_models_fields() -> None:
    counters = {*documents.COUNTERS, documents.UNIQUE}
    assert {*documents.COUNTED, *counters, documents.LINK_ID, documents.DAY} <= _fields(ClickDay)
    assert {*documents.COUNTED, documents.DAYS, documents.MONTH} <= _fields(ClickMonth)
    assert counters <= set(documents.DayCounts.model_fields)
    assert {*documents.COUNTERS, documents.LINKS, documents.OWNER_ID} <= _fields(OwnerDay)
    assert {documents.TOTAL, documents.CODES, documents.DAY} <= _fields(OrphanDay)


def test_a_document_with_a_field_the_model_does_not_know_still_reads() -> None:
    doc = {"_id": "2026-01-01", "day": "2026-01-01", "total": 1, "codes": {}, "later": True}
    assert OrphanDay.from_doc(doc).total == 1
