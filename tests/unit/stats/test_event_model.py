"""The stored raw click event model (``click_events``)."""

from __future__ import annotations

from datetime import datetime

from bson import ObjectId

from flamingo.stats.events import ClickEvent


def test_an_event_document_round_trips() -> None:
    doc = {
        "_id": ObjectId(),
        "at": datetime(2026, 1, 2, 3, 4, 5),
        "link_id": "a" * 24,
        "country": "DE",
        "utm_source": "news",
        "rule": 0,
    }
    event = ClickEvent.from_doc(doc)
    assert event.at.tzinfo is not None  # naive from the driver, UTC in the model
    again = event.to_doc()
    assert again["_id"] == doc["_id"]
    assert again["rule"] == 0
    assert "utm_medium" not in again and "region" not in again  # None stays absent
