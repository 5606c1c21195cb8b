"""Data migrations of the links domain, run by ``flamingo ensure-indexes`` (the chart's hook Job)
before the new release serves traffic; each is idempotent, so a second run changes nothing."""

from __future__ import annotations

from typing import Any

from pymongo.database import Database

from flamingo.links.repository import COLLECTION


def assign_default_domain(db: Database[dict[str, Any]], default_host: str) -> int:
    """Links made before branded domains get the default domain; how many were changed."""
    result = db[COLLECTION].update_many(
        {"domain": {"$exists": False}}, {"$set": {"domain": default_host}}
    )
    return int(result.modified_count)
