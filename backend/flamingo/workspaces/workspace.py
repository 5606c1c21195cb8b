"""A workspace, a membership and an invitation: their fields, as stored and as the API answers
them — the one place that names them (the OpenAPI ``Workspace``, ``Member``, ``Invitation``…
schemas are generated from here).

Documents (ids are ObjectIds; a personal workspace's ``_id`` IS its user's ``_id``)::

    workspaces   _id, name, personal bool, created_by, created_at, updated_at
    memberships  _id, workspace_id, user_id, role owner|admin|member|viewer,
                 created_at, updated_at          (unique: workspace_id + user_id)
    invitations  _id, workspace_id, email (normalised), role, token_hash (SHA-256 of the
                 secret, unique), created_by, created_at, expires_at,
                 accepted_at | None, accepted_by | None, revoked_at | None
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bson import ObjectId
from pydantic import ConfigDict, Field

from flamingo.core.stored import Document, Oid, StoredModel, new_oid
from flamingo.core.timefmt import Timestamp
from flamingo.http.render import Answer
from flamingo.workspaces.models import Role, WorkspaceName, WorkspaceRole

_IDS = ("_id", "workspace_id", "user_id", "created_by", "accepted_by")


class _Stored(StoredModel):
    id: Oid = Field(default_factory=new_oid, validation_alias="_id")

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Any:
        return cls.model_validate(doc)

    def to_doc(self) -> Document:
        """The document, in the collection's shape (ids as ObjectIds)."""
        doc = {"_id": self.id, **self.model_dump(exclude={"id"})}
        return {k: ObjectId(v) if k in _IDS and v is not None else v for k, v in doc.items()}


class Workspace(_Stored):
    name: str
    personal: bool = False
    created_by: Oid | None = None
    updated_at: datetime | None = None

    def out(self, role: str | None) -> WorkspaceOut:
        fields = self.model_dump(include=set(WorkspaceOut.model_fields))
        return WorkspaceOut.model_validate(
            {**fields, "updated_at": self.updated_at or self.created_at, "role": role}
        )


class Membership(_Stored):
    workspace_id: Oid
    user_id: Oid
    role: Role
    updated_at: datetime | None = None

    def out(self, email: str | None) -> MemberOut:
        fields = self.model_dump(include=set(MemberOut.model_fields))
        return MemberOut.model_validate({**fields, "email": email, "joined_at": self.created_at})


class Invitation(_Stored):
    workspace_id: Oid
    email: str
    role: Role
    token_hash: str
    created_by: Oid | None = None
    expires_at: datetime
    accepted_at: datetime | None = None
    accepted_by: Oid | None = None
    revoked_at: datetime | None = None

    def out(self) -> InvitationOut:
        return InvitationOut.model_validate(
            self.model_dump(include=set(InvitationOut.model_fields))
        )


# --- answers ----------------------------------------------------------------------------------


class WorkspaceOut(Answer):
    model_config = ConfigDict(title="Workspace")
    id: str
    name: str
    personal: bool = Field(
        description="The user's own workspace, made at signup; it cannot be deleted."
    )
    role: WorkspaceRole | None = Field(
        description="The caller's role (null for an instance admin who is not a member)."
    )
    created_at: Timestamp
    updated_at: Timestamp


class WorkspaceList(Answer):
    items: list[WorkspaceOut]


class MemberOut(Answer):
    model_config = ConfigDict(title="Member")
    workspace_id: str
    user_id: str
    email: str | None
    role: WorkspaceRole
    joined_at: Timestamp


class MemberList(Answer):
    items: list[MemberOut]


class InvitationOut(Answer):
    model_config = ConfigDict(title="Invitation")
    id: str
    workspace_id: str
    email: str
    role: WorkspaceRole
    created_at: Timestamp
    expires_at: Timestamp


class InvitationCreated(InvitationOut):
    model_config = ConfigDict(title="InvitationCreated")
    token: str = Field(
        pattern=r"^fli_[A-Za-z0-9_-]{43}$",
        description="Shown here only; accept with `POST /api/v1/invitations/{token}/accept`.",
    )
    mailed: bool = Field(
        description="Whether it was mailed to the invitee (SMTP configured and it took it)."
    )


class InvitationList(Answer):
    items: list[InvitationOut]


class InvitationPreview(Answer):
    workspace_id: str
    workspace_name: WorkspaceName
    email: str = Field(description="The invited address (the caller's).")
    role: WorkspaceRole
    expires_at: Timestamp
