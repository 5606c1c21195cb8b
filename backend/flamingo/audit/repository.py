"""The ``audit_log`` collection: insert and keyset pages, nothing else.

There is deliberately no update or delete here (nor anywhere else): an entry, once written, is
only ever read. Document shape::

    {_id: ObjectId, at: datetime, actor_id: str | None, action: str, target_type: str,
     target_id: str | None, workspace_id: str | None, ip: str | None, request_id: str | None,
     changes: {...}}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pymongo.database import Database

from flamingo.core.pagination import Page, keyset_page
from flamingo.core.timefmt import iso

Document = dict[str, Any]


@dataclass(frozen=True)
class AuditEntry:
    id: str
    at: datetime
    actor_id: str | None
    action: str
    target_type: str
    target_id: str | None
    workspace_id: str | None
    ip: str | None
    request_id: str | None
    changes: dict[str, Any]

    @classmethod
    def from_doc(cls, doc: Document) -> AuditEntry:
        return cls(
            id=str(doc["_id"]),
            at=doc["at"],
            actor_id=doc.get("actor_id"),
            action=doc["action"],
            target_type=doc["target_type"],
            target_id=doc.get("target_id"),
            workspace_id=doc.get("workspace_id"),
            ip=doc.get("ip"),
            request_id=doc.get("request_id"),
            changes=dict(doc.get("changes") or {}),
        )

    def public(self) -> dict[str, Any]:
        """The entry as the API (and the log line) shows it."""
        return {
            "id": self.id,
            "at": iso(self.at),
            "actor_id": self.actor_id,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "workspace_id": self.workspace_id,
            "ip": self.ip,
            "request_id": self.request_id,
            "changes": self.changes,
        }


class AuditRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.collection = db["audit_log"]

    def insert(self, doc: Document) -> AuditEntry:
        document = dict(doc)
        document["_id"] = self.collection.insert_one(document).inserted_id
        return AuditEntry.from_doc(document)

    def page(
        self,
        *,
        cursor: str | None,
        limit: int,
        action: str | None = None,
        workspace_id: str | None = None,
    ) -> Page[AuditEntry]:
        """Newest first (index ``action_newest`` for ``action``, ``workspace_newest`` later)."""
        query: Document = {}
        if action is not None:
            query["action"] = action
        if workspace_id is not None:
            query["workspace_id"] = workspace_id
        return keyset_page(
            self.collection, query, cursor=cursor, limit=limit, convert=AuditEntry.from_doc
        )
