"""Invitations into a workspace: made by admins and owners, bound to one email, single use,
expiring after ``INVITATION_TTL_HOURS``. The secret (``fli_`` + 256 random bits) is in the
creating answer only, and mailed when SMTP is configured; only its SHA-256 is stored.

Who may invite is decided by :meth:`WorkspaceService.require` like everything else.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from flamingo.accounts.auth import Principal
from flamingo.accounts.service import valid_email
from flamingo.accounts.verification import require_verified
from flamingo.audit import service as audit
from flamingo.core import context, signals
from flamingo.core.problems import Problem
from flamingo.core.timefmt import now
from flamingo.workspaces import mail
from flamingo.workspaces.service import WorkspaceService, not_found, session_only
from flamingo.workspaces.workspace import (
    Invitation,
    InvitationCreated,
    InvitationOut,
    InvitationPreview,
    MemberOut,
    Workspace,
)

INVITATION_PREFIX = "fli_"
MAX_OPEN_INVITATIONS = 100


def new_secret() -> str:
    return INVITATION_PREFIX + secrets.token_urlsafe(32)


class Invitations:
    def __init__(self, workspaces: WorkspaceService) -> None:
        self.ws = workspaces
        self.repo = workspaces.repo

    def create(
        self, principal: Principal, workspace_id: str, email: str, role: str
    ) -> InvitationCreated:
        access, workspace = self.ws.load(principal, workspace_id, "members.manage")
        session_only(principal)
        if role == "owner" and access.role != "owner":
            raise Problem(403, "role-forbidden", "only owners invite owners", required_role="owner")
        address = valid_email(email)
        invitee = self.ws.users.by_email(address)
        if invitee is not None and self.ws.role_of(invitee.id, workspace_id) is not None:
            raise Problem(409, "already-member", f"{address} is a member already")
        moment = now()
        if len(self.repo.open_invitations(workspace.id, moment)) >= MAX_OPEN_INVITATIONS:
            raise Problem(
                409, "too-many-invitations", f"revoke one first (at most {MAX_OPEN_INVITATIONS})"
            )
        secret = new_secret()
        expires_at = moment + timedelta(hours=self.ws.mail.invitation_ttl_hours)
        invitation = self.repo.invite(
            workspace.id,
            address,
            role,
            secret=secret,
            creator_id=principal.user_id,
            expires_at=expires_at,
        )
        mailed = mail.send(
            self.ws.mail,
            mail.compose(
                self.ws.mail,
                self.ws.base_url,
                address,
                workspace.name,
                inviter=principal.email,
                secret=secret,
                expires_at=expires_at,
            ),
        )
        audit.record(
            principal.user_id,
            "invitation.create",
            "invitation",
            invitation.id,
            {"email": address, "role": role, "mailed": mailed},
            workspace_id=workspace_id,
        )
        fields = dict(invitation.out())
        return InvitationCreated.model_validate({**fields, "token": secret, "mailed": mailed})

    def list(self, principal: Principal, workspace_id: str) -> list[InvitationOut]:
        _, workspace = self.ws.load(principal, workspace_id, "members.manage")
        return [inv.out() for inv in self.repo.open_invitations(workspace.id, now())]

    def revoke(self, principal: Principal, workspace_id: str, invitation_id: str) -> None:
        _, workspace = self.ws.load(principal, workspace_id, "members.manage")
        session_only(principal)
        if not self.repo.revoke_invitation(workspace.id, invitation_id):
            raise not_found("invitation")
        audit.record(
            principal.user_id,
            "invitation.revoke",
            "invitation",
            invitation_id,
            workspace_id=workspace_id,
        )

    def _open_for(self, principal: Principal, secret: str) -> tuple[Invitation, Workspace]:
        """The invitation and its workspace, if ``principal`` may accept it now: the same
        answers for looking and for accepting (404 unknown or revoked, 403 another email, 409
        used, 410 expired, 409 already a member)."""
        session_only(principal)
        invitation = self.repo.invitation_by_secret(secret) if len(secret) <= 100 else None
        if invitation is None or invitation.revoked_at is not None:
            raise not_found("invitation")
        workspace = self.repo.get(invitation.workspace_id)
        if workspace is None:
            raise not_found("invitation")
        if invitation.email != principal.email:
            raise Problem(
                403,
                "invitation-wrong-email",
                "this invitation is for another email address: sign in with that one",
            )
        if invitation.accepted_at is not None:
            raise Problem(409, "invitation-used", "this invitation has been used already")
        if invitation.expires_at <= now():
            raise Problem(410, "invitation-expired", "this invitation has expired: ask for another")
        if self.ws.role_of(principal.user_id, workspace.id) is not None:
            raise Problem(409, "already-member", "you are a member of this workspace already")
        return invitation, workspace

    def preview(self, principal: Principal, secret: str) -> InvitationPreview:
        """What accepting would do (the workspace's name, the role), for the invitee only."""
        invitation, workspace = self._open_for(principal, secret)
        return InvitationPreview(
            workspace_id=workspace.id,
            workspace_name=workspace.name,
            email=invitation.email,
            role=invitation.role,
            expires_at=invitation.expires_at,
        )

    def accept(self, principal: Principal, secret: str) -> MemberOut:
        """Join with the invitation's role: a signed-in user whose email is the invited one;
        once; before it expires."""
        invitation, workspace = self._open_for(principal, secret)
        # The invitation is bound to an email: only its proven owner may use it (a forwarded
        # link is not enough to sign up as the invited address and join).
        invitee = self.ws.users.get(principal.user_id)
        if invitee is None:
            raise not_found("invitation")
        require_verified(invitee)
        workspace_id = workspace.id
        if not self.repo.consume_invitation(invitation, principal.user_id):
            raise Problem(409, "invitation-used", "this invitation has been used already")
        member = self.repo.add_member(workspace.id, principal.user_id, invitation.role)
        if member is None:
            raise Problem(409, "already-member", "you are a member of this workspace already")
        audit.record(
            principal.user_id,
            "invitation.accept",
            "invitation",
            invitation.id,
            {"role": invitation.role},
            workspace_id=workspace_id,
        )
        audit.record(
            principal.user_id,
            "member.add",
            "member",
            principal.user_id,
            {"role": invitation.role},
            workspace_id=workspace_id,
        )
        event = {"workspace_id": workspace_id, "user_id": principal.user_id, "role": member.role}
        signals.emit(context.stores().redis, "member.added", workspace_id, event)
        return member.out(principal.email)
