"""Orphan visits: visits of codes that no link has, on a domain this install serves.

The redirect records them as events without a link (``o`` = the domain, ``c`` = the code); the
worker folds them, like clicks, into one document per UTC day with ``$inc`` upserts, so the
admin report costs O(days), never O(visits)::

    orphan_days   _id "YYYY-MM-DD", day, total, codes {escaped "<domain>/<code>": count}

The codes of a month are capped like every breakdown (``KeyGuard``): a scan of random codes
cannot grow a document without bound; beyond the cap visits count as ``(other)``.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from pymongo.database import Database

from flamingo.core.bulk import Update, bulk_update
from flamingo.stats.repository import (
    OTHER_KEY,
    KeyGuard,
    days_between,
    escape_key,
    unescape_key,
)

Document = dict[str, Any]
COLLECTION = "orphan_days"
TOP = 20


class OrphanBatch:
    """What one worker batch adds: per day, visits per ``domain/code``."""

    def __init__(self, keys: KeyGuard) -> None:
        self.keys = keys
        self.days: dict[str, Counter[str]] = {}

    def add(self, domain: str, code: str, day: str) -> None:
        key = self.keys.admit("orphans", day, "codes", f"{domain}/{code}")
        self.days.setdefault(day, Counter())[escape_key(key)] += 1

    def take(self) -> dict[str, Counter[str]]:
        days, self.days = self.days, {}
        return days


class OrphanRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.collection = db[COLLECTION]

    def apply(self, days: dict[str, Counter[str]]) -> None:
        ops = []
        for day, codes in days.items():
            inc: Document = {"total": sum(codes.values())}
            inc.update({f"codes.{key}": count for key, count in codes.items()})
            update = {"$inc": inc, "$setOnInsert": {"day": day}}
            ops.append(Update({"_id": day}, update, upsert=True))
        if ops:
            bulk_update(self.collection, ops)

    def between(self, first: date, last: date) -> list[Document]:
        return list(
            self.collection.find({"day": {"$gte": first.isoformat(), "$lte": last.isoformat()}})
        )


def orphan_report(repo: OrphanRepository, first: date, last: date) -> Document:
    """``{series: [{date, total}], top: [{domain, code, count}]}`` of the range."""
    docs = {doc["day"]: doc for doc in repo.between(first, last)}
    series = [
        {"date": day.isoformat(), "total": int((docs.get(day.isoformat()) or {}).get("total", 0))}
        for day in days_between(first, last)
    ]
    counts: Counter[str] = Counter()
    for doc in docs.values():
        for key, count in (doc.get("codes") or {}).items():
            counts[unescape_key(key)] += int(count)
    top = []
    for key, count in counts.most_common(TOP):
        domain, _, code = key.partition("/") if key != OTHER_KEY else ("", "", key)
        top.append({"domain": domain, "code": code, "count": count})
    return {"series": series, "top": top}
