"""Data migrations of the links domain, run by ``flamingo migrate`` and ``flamingo ensure-indexes``
(the chart's hook Job)
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


def assign_workspaces(db: Database[dict[str, Any]]) -> int:
    """Links made before workspaces go into their owner's personal workspace (whose id is the
    owner's id, ``flamingo.workspaces``); how many were changed."""
    links = db[COLLECTION]
    changed = 0
    for owner_id in links.distinct("owner_id", {"workspace_id": {"$exists": False}}):
        result = links.update_many(
            {"owner_id": owner_id, "workspace_id": {"$exists": False}},
            {"$set": {"workspace_id": str(owner_id)}},
        )
        changed += int(result.modified_count)
    return changed
