"""Roles, what each may do, and the request models of the workspaces API (the stored things and
the answers: :mod:`flamingo.workspaces.workspace`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr
from typing_extensions import TypeAliasType

Role = Literal["owner", "admin", "member", "viewer"]
ROLES: tuple[Role, ...] = ("owner", "admin", "member", "viewer")
WorkspaceRole = TypeAliasType("WorkspaceRole", Role)  # the document's WorkspaceRole schema
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
    "stats.erase": "admin",  # DELETE /api/v1/links/{id}/visits (a link's raw click events)
    "webhooks.manage": "admin",  # /api/v1/workspaces/{id}/webhooks (flamingo.webhooks)
    "workspace.delete": "owner",
}


def _clean_name(value: str) -> str:
    value = value.strip()
    if not value or not value.isprintable():
        raise ValueError("must be printable text, not blank")
    return value


WorkspaceName = TypeAliasType(
    "WorkspaceName",
    Annotated[
        StrictStr,
        Field(min_length=1, max_length=100, description="Printable text, not blank (trimmed)."),
        AfterValidator(_clean_name),
    ],
)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WorkspaceCreate(_Body):
    name: WorkspaceName


class WorkspacePatch(_Body):
    name: WorkspaceName


class RolePatch(_Body):
    model_config = ConfigDict(title="RoleChange")
    role: WorkspaceRole


class InvitationCreate(_Body):
    email: Annotated[StrictStr, Field(min_length=3, max_length=254)]
    role: WorkspaceRole
