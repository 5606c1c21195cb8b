"""Data migrations of the stats domain, run by ``flamingo migrate`` and ``flamingo ensure-indexes``
before a release serves traffic; idempotent."""

from __future__ import annotations

from typing import Any

from pymongo.database import Database

from flamingo.links.repository import COLLECTION as LINKS
from flamingo.stats.repository import LINK_MONTHS

BATCH = 500


def count_link_clicks(db: Database[dict[str, Any]]) -> int:
    """Links made before the list showed clicks get ``clicks_total`` from their month buckets
    (the click worker keeps it from then on); how many were set. A click folded between the two
    reads of one batch is counted in the buckets but may miss the total: the list is a summary,
    the stats stay exact."""
    changed = 0
    while True:
        ids = [
            doc["_id"]
            for doc in db[LINKS].find({"clicks_total": {"$exists": False}}, {"_id": 1}).limit(BATCH)
        ]
        if not ids:
            return changed
        totals = dict.fromkeys((str(i) for i in ids), 0)
        for month in db[LINK_MONTHS].find(
            {"link_id": {"$in": list(totals)}}, {"link_id": 1, "days": 1}
        ):
            days = month.get("days") or {}
            totals[month["link_id"]] += sum(int(day.get("total") or 0) for day in days.values())
        for oid in ids:
            result = db[LINKS].update_one(
                {"_id": oid, "clicks_total": {"$exists": False}},
                {"$set": {"clicks_total": totals[str(oid)]}},
            )
            changed += result.modified_count
