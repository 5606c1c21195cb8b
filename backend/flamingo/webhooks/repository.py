"""The ``webhooks`` and ``webhook_deliveries`` collections: every query of them.

Knows nothing of Flask or of who is asking (:mod:`flamingo.webhooks.service` decides).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database

from flamingo.core.ids import object_id
from flamingo.webhooks.hook import Delivery, Webhook

Document = dict[str, Any]
MAX_HOOKS_PER_WORKSPACE = 20
LOG_SIZE = 100  # deliveries kept per hook once finished (the delivery log)


class WebhookRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.hooks = db["webhooks"]
        self.deliveries = db["webhook_deliveries"]

    # --- hooks -------------------------------------------------------------------------------

    def insert(self, hook: Webhook) -> Webhook:
        self.hooks.insert_one(hook.to_doc())
        return hook

    def get(self, workspace_id: str, hook_id: str) -> Webhook | None:
        oid, wid = object_id(hook_id), object_id(workspace_id)
        if oid is None or wid is None:
            return None
        doc = self.hooks.find_one({"_id": oid, "workspace_id": wid})
        return None if doc is None else Webhook.from_doc(doc)

    def by_id(self, hook_id: str) -> Webhook | None:
        oid = object_id(hook_id)
        doc = None if oid is None else self.hooks.find_one({"_id": oid})
        return None if doc is None else Webhook.from_doc(doc)

    def in_workspace(self, workspace_id: str) -> list[Webhook]:
        wid = object_id(workspace_id)
        if wid is None:
            return []
        docs = self.hooks.find({"workspace_id": wid}).sort("_id", ASCENDING)
        return [Webhook.from_doc(doc) for doc in docs]

    def count_in(self, workspace_id: str) -> int:
        wid = object_id(workspace_id)
        return 0 if wid is None else self.hooks.count_documents({"workspace_id": wid})

    def subscribed(self, event_type: str, workspace_id: str | None) -> list[Webhook]:
        """Enabled hooks of the workspace (of every workspace for None) that want the event."""
        query: Document = {"enabled": True, "events": event_type}
        if workspace_id is not None:
            wid = object_id(workspace_id)
            if wid is None:
                return []
            query["workspace_id"] = wid
        return [Webhook.from_doc(doc) for doc in self.hooks.find(query).sort("_id", ASCENDING)]

    def workspaces_wanting(self, event_type: str) -> set[str]:
        docs = self.hooks.find({"enabled": True, "events": event_type}, {"workspace_id": 1})
        return {str(doc["workspace_id"]) for doc in docs}

    def save(self, hook: Webhook) -> Webhook:
        self.hooks.replace_one({"_id": object_id(hook.id)}, hook.to_doc())
        return hook

    def delete(self, hook: Webhook) -> None:
        oid = object_id(hook.id)
        self.hooks.delete_one({"_id": oid})
        self.deliveries.delete_many({"hook_id": oid})

    def count_failure(self, hook_id: str) -> int:
        """One more delivery whose every attempt failed; the count of such in a row."""
        oid = object_id(hook_id)
        self.hooks.update_one({"_id": oid}, {"$inc": {"failures": 1}})
        doc = self.hooks.find_one({"_id": oid}, {"failures": 1})
        return 0 if doc is None else int(doc.get("failures", 0))

    def reset_failures(self, hook_id: str) -> None:
        self.hooks.update_one(
            {"_id": object_id(hook_id), "failures": {"$ne": 0}}, {"$set": {"failures": 0}}
        )

    # --- deliveries --------------------------------------------------------------------------

    def add_delivery(self, delivery: Delivery) -> bool:
        """Insert unless a delivery with its id exists (a re-read stream entry): False then."""
        result = self.deliveries.update_one(
            {"_id": delivery.id}, {"$setOnInsert": delivery.to_doc()}, upsert=True
        )
        return result.upserted_id is not None

    def delivery(self, hook_id: str, delivery_id: str) -> Delivery | None:
        oid = object_id(hook_id)
        doc = self.deliveries.find_one({"_id": delivery_id, "hook_id": oid})
        return None if doc is None else Delivery.from_doc(doc)

    def log(self, hook_id: str, limit: int = LOG_SIZE) -> list[Delivery]:
        oid = object_id(hook_id)
        if oid is None:
            return []
        docs = (
            self.deliveries.find({"hook_id": oid})
            .sort([("created_at", DESCENDING), ("_id", DESCENDING)])
            .limit(limit)
        )
        return [Delivery.from_doc(doc) for doc in docs]

    def due(self, moment: datetime, limit: int) -> list[Delivery]:
        """Pending deliveries whose next attempt is due, oldest first (order per hook)."""
        docs = (
            self.deliveries.find({"status": "pending", "next_at": {"$lte": moment}})
            .sort([("created_at", ASCENDING), ("_id", ASCENDING)])
            .limit(limit)
        )
        return [Delivery.from_doc(doc) for doc in docs]

    def claim(self, delivery: Delivery, until: datetime) -> bool:
        """Take a due delivery for one attempt (another worker that read it too gets False)."""
        result = self.deliveries.update_one(
            {"_id": delivery.id, "status": "pending", "next_at": delivery.next_at},
            {"$set": {"next_at": until}},
        )
        return result.modified_count == 1

    def record(self, delivery: Delivery) -> None:
        self.deliveries.replace_one({"_id": delivery.id}, delivery.to_doc())

    def prune(self, hook_id: str, keep: int = LOG_SIZE) -> None:
        """Drop finished deliveries beyond the newest ``keep`` of the hook."""
        oid = object_id(hook_id)
        old = (
            self.deliveries.find({"hook_id": oid}, {"_id": 1})
            .sort([("created_at", DESCENDING), ("_id", DESCENDING)])
            .skip(keep)
        )
        ids = [doc["_id"] for doc in old]
        if ids:
            self.deliveries.delete_many({"_id": {"$in": ids}, "status": {"$ne": "pending"}})
