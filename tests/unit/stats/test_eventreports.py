"""Filtered reports fold stored event documents, not models: the answer must be what folding
``ClickEvent`` models (their defaults for absent fields) gives, and the store sends only the
fields a report reads."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import mongomock
from bson import ObjectId
from hypothesis import given, settings
from hypothesis import strategies as st

from flamingo.stats.eventreports import FIELD_OF, REPORT_FIELDS, fold_events
from flamingo.stats.events import ClickEvent
from flamingo.stats.eventstore import ClickEventRepository, Scope, event_oid
from flamingo.stats.filters import StatsFilters

FIRST, LAST = date(2026, 3, 1), date(2026, 3, 3)
OPTIONAL_TEXT = st.one_of(st.none(), st.sampled_from(["", "DE", "US", "(none)"]))


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A stored event as the worker writes it, or as an older writer did (fields missing)."""
    moment = datetime.combine(FIRST, datetime.min.time()) + timedelta(
        seconds=draw(st.integers(0, 3 * 86400 - 1))
    )
    doc: dict[str, Any] = {
        "_id": ObjectId(),
        # The app's client answers aware UTC datetimes; other drivers naive UTC ones.
        "at": moment.replace(tzinfo=UTC) if draw(st.booleans()) else moment,
        "link_id": draw(st.sampled_from(["a" * 24, "b" * 24])),
    }
    for field in ("country", "referrer", "browser", "os", "device", "language", "visitor"):
        value = draw(OPTIONAL_TEXT)
        if value is not None:
            doc[field] = value
    for field in ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"):
        value = draw(st.one_of(st.none(), st.sampled_from(["news", "mail"])))
        if value is not None:
            doc[field] = value
    for field in ("rule", "variant"):
        number = draw(st.one_of(st.none(), st.integers(0, 2)))
        if number is not None:
            doc[field] = number
    flag = draw(st.one_of(st.none(), st.booleans()))
    if flag is not None:
        doc["bot"] = flag
    return doc


def _by_models(docs: list[dict[str, Any]], hourly: bool) -> dict[str, Any]:
    """The report spelled out over models: what a filtered answer has always meant."""
    events = [ClickEvent.from_doc(doc) for doc in docs]
    slots: dict[Any, dict[str, Any]] = {}
    for event in events:
        at = event.at.astimezone(UTC)
        keys = [at.date()] + ([at.replace(minute=0, second=0, microsecond=0)] if hourly else [])
        for key in keys:
            slot = slots.setdefault(key, {"total": 0, "bot": 0, "visitors": set()})
            slot["total"] += 1
            if event.bot:
                slot["bot"] += 1
            elif event.visitor:
                slot["visitors"].add(event.visitor)
    breakdowns = {
        name: dict(
            Counter(
                str(getattr(e, field)) or "(none)" for e in events if getattr(e, field) is not None
            )
        )
        for name, field in FIELD_OF.items()
    }

    def sums(key: Any) -> dict[str, int]:
        slot = slots.get(key, {"total": 0, "bot": 0, "visitors": set()})
        human = slot["total"] - slot["bot"]
        return {"total": slot["total"], "human": human, "bot": slot["bot"],
                "unique": len(slot["visitors"])}  # fmt: skip

    return {
        "days": {key: sums(key) for key in (FIRST + timedelta(days=i) for i in range(3))},
        "breakdowns": breakdowns,
        "per_link": dict(Counter(e.link_id for e in events)),
        "sums": sums,
    }


@settings(max_examples=60, deadline=None)
@given(st.lists(documents(), max_size=40), st.booleans())
def test_folding_documents_equals_folding_models(docs: list[dict[str, Any]], hourly: bool) -> None:
    report = fold_events(docs, FIRST, LAST, hourly=hourly)
    expected = _by_models(docs, hourly)
    assert {d.date: d.model_dump(exclude={"date"}) for d in report.series} == expected["days"]
    assert report.breakdowns == expected["breakdowns"]
    assert report.per_link == expected["per_link"]
    if hourly:
        assert len(report.hourly) == 3 * 24
        for hour in report.hourly:
            assert hour.model_dump(exclude={"at"}) == expected["sums"](hour.at)
    else:
        assert report.hourly == []


def test_breakdowns_list_the_most_counted_first() -> None:
    at = datetime(2026, 3, 2, 12, tzinfo=UTC)
    docs = [{"at": at, "link_id": "a" * 24, "country": c} for c in ["US", "DE", "DE", "", "DE"]]
    report = fold_events(docs, FIRST, LAST, hourly=False)
    assert list(report.counted("countries").items()) == [("DE", 3), ("US", 1), ("(none)", 1)]


def test_a_scan_sends_only_the_fields_asked_for_and_honours_the_filters() -> None:
    db = mongomock.MongoClient(tz_aware=True)["scan"]
    repo = ClickEventRepository(db)
    at = datetime(2026, 3, 2, 12, tzinfo=UTC)
    stored = [
        ClickEvent(_id=str(event_oid(at, f"{n}-0")), at=at, link_id="a" * 24, workspace_id="w",
                   code="abc", domain="example.com", country=country, utm_source="news")
        for n, country in enumerate(["DE", "US", "DE"])
    ]  # fmt: skip
    repo.insert(stored)
    docs = list(
        repo.scan(
            Scope("link_id", "a" * 24),
            FIRST,
            LAST,
            StatsFilters(country=["DE"]),
            ("at", "country", "utm_source"),
        )
    )
    assert len(docs) == 2
    assert all(set(doc) == {"at", "country", "utm_source"} for doc in docs)
    assert {doc["country"] for doc in docs} == {"DE"}


def test_a_report_reads_every_field_it_counts() -> None:
    assert set(FIELD_OF.values()) <= set(REPORT_FIELDS)
    assert {"at", "bot", "visitor", "link_id"} <= set(REPORT_FIELDS)
