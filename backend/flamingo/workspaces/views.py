"""``/api/v1/workspaces`` and ``/api/v1/invitations/{token}/accept`` (PRODUCT.md's fixed paths).

Views parse, call :class:`WorkspaceService` / :class:`Invitations` (which decide who may do what)
and render.
"""

from __future__ import annotations

from flask import Blueprint, Response

from flamingo.accounts.auth import current_principal, require_auth
from flamingo.audit.labels import labelled
from flamingo.audit.models import AuditPage, AuditQuery
from flamingo.core import context
from flamingo.http.bodies import json_body, query
from flamingo.http.openapi import Contract
from flamingo.http.render import answer
from flamingo.workspaces.invitations import Invitations
from flamingo.workspaces.models import InvitationCreate, RolePatch, WorkspaceCreate, WorkspacePatch
from flamingo.workspaces.service import WorkspaceService
from flamingo.workspaces.workspace import (
    InvitationCreated,
    InvitationList,
    InvitationPreview,
    MemberList,
    MemberOut,
    WorkspaceList,
    WorkspaceOut,
)

bp = Blueprint("workspaces", __name__, url_prefix="/api/v1")

# What these APIs read and answer: the document's schemas are generated from these models.
CONTRACT = Contract(
    requests=(WorkspaceCreate, WorkspacePatch, RolePatch, InvitationCreate),
    responses=(
        WorkspaceOut,
        WorkspaceList,
        MemberOut,
        MemberList,
        InvitationCreated,
        InvitationList,
        InvitationPreview,
    ),
)


def _service() -> WorkspaceService:
    return context.service(WorkspaceService)


@bp.post("/workspaces")
@require_auth()
def create_workspace() -> tuple[Response, int, dict[str, str]]:
    body = json_body(WorkspaceCreate)
    workspace = _service().create(current_principal(), body.name)
    return answer(workspace), 201, {"Location": f"/api/v1/workspaces/{workspace.id}"}


@bp.get("/workspaces")
@require_auth()
def list_workspaces() -> Response:
    return answer(WorkspaceList(items=_service().list_for(current_principal())))


@bp.get("/workspaces/<workspace_id>")
@require_auth()
def get_workspace(workspace_id: str) -> Response:
    return answer(_service().get(current_principal(), workspace_id))


@bp.patch("/workspaces/<workspace_id>")
@require_auth()
def patch_workspace(workspace_id: str) -> Response:
    body = json_body(WorkspacePatch)
    return answer(_service().rename(current_principal(), workspace_id, body.name))


@bp.delete("/workspaces/<workspace_id>")
@require_auth()
def delete_workspace(workspace_id: str) -> Response:
    _service().delete(current_principal(), workspace_id)
    return Response(status=204)


@bp.get("/workspaces/<workspace_id>/members")
@require_auth()
def list_members(workspace_id: str) -> Response:
    return answer(MemberList(items=_service().members(current_principal(), workspace_id)))


@bp.patch("/workspaces/<workspace_id>/members/<user_id>")
@require_auth()
def patch_member(workspace_id: str, user_id: str) -> Response:
    body = json_body(RolePatch)
    return answer(_service().set_role(current_principal(), workspace_id, user_id, body.role))


@bp.delete("/workspaces/<workspace_id>/members/<user_id>")
@require_auth()
def remove_member(workspace_id: str, user_id: str) -> Response:
    _service().remove(current_principal(), workspace_id, user_id)
    return Response(status=204)


@bp.post("/workspaces/<workspace_id>/invitations")
@require_auth()
def create_invitation(workspace_id: str) -> tuple[Response, int]:
    body = json_body(InvitationCreate)
    invitation = Invitations(_service()).create(
        current_principal(), workspace_id, body.email, body.role
    )
    return answer(invitation), 201


@bp.get("/workspaces/<workspace_id>/invitations")
@require_auth()
def list_invitations(workspace_id: str) -> Response:
    invitations = Invitations(_service()).list(current_principal(), workspace_id)
    return answer(InvitationList(items=invitations))


@bp.delete("/workspaces/<workspace_id>/invitations/<invitation_id>")
@require_auth()
def revoke_invitation(workspace_id: str, invitation_id: str) -> Response:
    Invitations(_service()).revoke(current_principal(), workspace_id, invitation_id)
    return Response(status=204)


@bp.get("/invitations/<token>")
@require_auth()
def preview_invitation(token: str) -> Response:
    """What accepting would do: the workspace and the role (for the invited email only)."""
    return answer(Invitations(_service()).preview(current_principal(), token))


@bp.post("/invitations/<token>/accept")
@require_auth()
def accept_invitation(token: str) -> Response:
    return answer(Invitations(_service()).accept(current_principal(), token))


@bp.get("/workspaces/<workspace_id>/audit")
@require_auth()
def workspace_audit(workspace_id: str) -> Response:
    """The workspace's audit log (owners and admins), newest first, ``?action&cursor&limit``."""
    params = query(AuditQuery)
    page = _service().audit(current_principal(), workspace_id, params)
    return answer(
        AuditPage(items=labelled(context.app(), page.items), next_cursor=page.next_cursor)
    )
