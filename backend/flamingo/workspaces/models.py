"""Roles, what each may do, the request models of the workspaces API and its JSON shapes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from flamingo.core.timefmt import iso
from flamingo.workspaces.repository import Document

Role = Literal["owner", "admin", "member", "viewer"]
ROLES: tuple[Role, ...] = ("owner", "admin", "member", "viewer")
# Higher ranks can do everything the lower ones can.
RANK: dict[str, int] = {"viewer": 0, "member": 1, "admin": 2, "owner": 3}

# Action -> the lowest role that may do it: the one table of the workspace model (security.md).
ACTIONS: dict[str, Role] = {
    "workspace.read": "viewer",  # see the workspace, its members; read links and stats
    "links.read": "viewer",
    "stats.read": "viewer",
    "tokens.create": "viewer",  # a token of one's own, never stronger than one's role
    "links.write": "member",  # create, edit, delete links
    "members.manage": "admin",  # invite, revoke invitations, change roles, remove members
    "workspace.update": "admin",  # settings (the name)
    "audit.read": "admin",  # GET /api/v1/workspaces/{id}/audit
    "workspace.delete": "owner",
}


def _clean_name(value: str) -> str:
    value = value.strip()
    if not value or not value.isprintable():
        raise ValueError("must be printable text, not blank")
    return value


Name = Annotated[StrictStr, Field(min_length=1, max_length=100), AfterValidator(_clean_name)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WorkspaceCreate(_Body):
    name: Name


class WorkspacePatch(_Body):
    name: Name


class RolePatch(_Body):
    role: Role


class InvitationCreate(_Body):
    email: Annotated[StrictStr, Field(min_length=3, max_length=254)]
    role: Role


def workspace_json(doc: Document, role: str | None) -> dict[str, Any]:
    return {
        "id": str(doc["_id"]),
        "name": doc["name"],
        "personal": bool(doc.get("personal")),
        "role": role,
        "created_at": iso(doc["created_at"]),
        "updated_at": iso(doc.get("updated_at") or doc["created_at"]),
    }


def member_json(doc: Document, email: str | None) -> dict[str, Any]:
    return {
        "workspace_id": str(doc["workspace_id"]),
        "user_id": str(doc["user_id"]),
        "email": email,
        "role": doc["role"],
        "joined_at": iso(doc["created_at"]),
    }


def invitation_json(doc: Document, token: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": str(doc["_id"]),
        "workspace_id": str(doc["workspace_id"]),
        "email": doc["email"],
        "role": doc["role"],
        "created_at": iso(doc["created_at"]),
        "expires_at": iso(doc["expires_at"]),
    }
    if token is not None:
        body["token"] = token
    return body
