"""The ``audit_log`` collection: insert and keyset pages, nothing else.

There is deliberately no update or delete here (nor anywhere else): an entry, once written, is
only ever read. A document is an :class:`AuditEntry` (its fields named once; ``_id`` is its
``id``)::

    {_id: ObjectId, at: datetime, actor_id: str | None, action: str, target_type: str,
     target_id: str | None, workspace_id: str | None, ip: str | None, request_id: str | None,
     changes: {...}}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from bson import ObjectId
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pymongo.database import Database
from typing_extensions import TypeAliasType

from flamingo.audit.actions import ACTIONS
from flamingo.core.pagination import Page, keyset_page
from flamingo.core.timefmt import Timestamp

Document = dict[str, Any]
# The one list of actions (audit.actions) is the document's AuditAction enum.
AuditAction = TypeAliasType(
    "AuditAction", Annotated[str, WithJsonSchema({"type": "string", "enum": list(ACTIONS)})]
)
TargetType = Annotated[
    str, WithJsonSchema({"type": "string", "enum": list(dict.fromkeys(ACTIONS.values()))})
]


def _new_id() -> str:
    return str(ObjectId())


class AuditEntry(BaseModel):
    """One entry of the audit log: who did what to which object, when and from where."""

    model_config = ConfigDict(
        frozen=True,
        extra="ignore",
        validate_by_name=True,
        json_schema_serialization_defaults_required=True,
    )
    id: Annotated[str, BeforeValidator(str)] = Field(
        default_factory=_new_id, validation_alias="_id"
    )
    at: Timestamp
    actor_id: str | None = Field(
        default=None,
        description="The user who acted; null for a failed sign-in and for jobs without one.",
    )
    action: AuditAction
    target_type: TargetType
    target_id: str | None = Field(
        default=None,
        description="The object acted on (a user, token or link id, a blocked domain); null "
        "when unknown (a failed sign-in of no account).",
    )
    workspace_id: str | None = Field(
        default=None, description="The workspace of the change; null until workspaces exist."
    )
    ip: str | None = Field(default=None, description="The client IP (after `TRUSTED_PROXY_COUNT`).")
    request_id: str | None = Field(
        default=None, description="The `X-Request-ID` of the request that made the change."
    )
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="What changed: `{field: {old, new}}` for updates (a secret such as a link "
        "password shows `(secret)`, never its value), the fields of what was created, or "
        "details such as `method` and `reason` of a sign-in.",
    )

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> AuditEntry:
        return cls.model_validate({k: v for k, v in doc.items() if v is not None})

    def to_doc(self) -> Document:
        return {"_id": ObjectId(self.id), **self.model_dump(exclude={"id"})}

    def public(self) -> dict[str, Any]:
        """The entry as the API (and the log line) shows it."""
        return self.model_dump(mode="json")


class AuditRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.collection = db["audit_log"]

    def insert(self, entry: AuditEntry) -> AuditEntry:
        self.collection.insert_one(entry.to_doc())
        return entry

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
