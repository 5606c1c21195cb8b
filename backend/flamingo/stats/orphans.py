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

from pymongo.database import Database

from flamingo.core.bulk import Update, bulk_update
from flamingo.stats.documents import CODES, DAY, TOTAL, Document, OrphanDay, escape_key
from flamingo.stats.repository import KeyGuard

COLLECTION = "orphan_days"


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
            inc: Document = {TOTAL: sum(codes.values())}
            inc.update({f"{CODES}.{key}": count for key, count in codes.items()})
            update = {"$inc": inc, "$setOnInsert": {DAY: day}}
            ops.append(Update({"_id": day}, update, upsert=True))
        if ops:
            bulk_update(self.collection, ops)

    def between(self, first: date, last: date) -> list[OrphanDay]:
        docs = self.collection.find({DAY: {"$gte": first.isoformat(), "$lte": last.isoformat()}})
        return [OrphanDay.from_doc(doc) for doc in docs]
