"""Who may do what in a workspace: the ONE place that decides membership and role.

:meth:`WorkspaceService.require` answers every question "may this caller do ``action`` in this
workspace?" — for the workspaces API here, and for links, stats and tokens, whose services call
it with the workspace of the object they loaded. The rules (docs/security.md, "Workspaces"):

* a non-member gets 404 for the workspace and everything in it (as if it did not exist); a
  member whose role is too low gets 403 ``role-forbidden``;
* an API token acts only in its own workspace: any other answers 404, even for its user
  (instance admins' tokens excepted: admins keep their instance-wide powers);
* a user is always the owner of their personal workspace (its id is the user's id), so users
  made before workspaces existed keep their links;
* instance admins may do everything in every workspace (they keep their powers);
* a workspace always keeps at least one owner (409 ``last-owner``); only owners make or unmake
  owners.

Membership is read on every request, so a removed member loses access at once, with a session
or a token (their tokens of that workspace are revoked too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask

from flamingo.accounts.auth import Principal
from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import Users
from flamingo.audit import service as audit
from flamingo.audit.models import AuditQuery
from flamingo.audit.repository import AuditEntry
from flamingo.core import context, signals
from flamingo.core.config_identity import MailSettings
from flamingo.core.context import Key
from flamingo.core.pagination import Page
from flamingo.core.problems import Problem
from flamingo.workspaces.models import ACTIONS, RANK
from flamingo.workspaces.repository import LastOwner, OwnersBusy, WorkspaceRepository
from flamingo.workspaces.workspace import MemberOut, Membership, Workspace, WorkspaceOut

MAX_WORKSPACES_PER_USER = 100
MAX_MEMBERS = 1000

# Whether a workspace still holds objects of other domains (its links): set by the app factory,
# since links import workspaces and not the other way round.
IN_USE: Key[Callable[[str], bool]] = Key("workspaces.in_use")


@contextmanager
def _owners_rule() -> Iterator[None]:
    """The repository's refusals (checked under its lock) as problems."""
    try:
        yield
    except LastOwner:
        raise Problem(
            409,
            "last-owner",
            "a workspace keeps at least one owner: make another member owner first",
        ) from None
    except OwnersBusy:
        raise Problem(
            409, "owners-busy", "the owners of this workspace are being changed: try again"
        ) from None


def not_found(what: str = "workspace") -> Problem:
    return Problem(404, "not-found", f"no such {what}")


def session_only(principal: Principal) -> None:
    """Changes to workspaces, members and invitations come from a signed-in session: a leaked
    token cannot add members or mint invitations."""
    if principal.via != "session":
        raise Problem(403, "session-required", "manage workspaces from a signed-in session")


@dataclass(frozen=True)
class Access:
    """What :meth:`WorkspaceService.require` found: the workspace id, the caller's effective
    role (``owner`` for instance admins who are not members) and their own membership role."""

    workspace_id: str
    role: str
    member_role: str | None


class WorkspaceService:
    def __init__(
        self,
        repo: WorkspaceRepository,
        users: Users,
        tokens: Tokens,
        *,
        mail: MailSettings,
        base_url: str,
        in_use: Callable[[str], bool] | None = None,
    ) -> None:
        self.repo = repo
        self.users = users
        self.tokens = tokens
        self.mail = mail  # invitations are mailed, with links to base_url
        self.base_url = base_url
        self.in_use = in_use

    @classmethod
    def build(cls, app: Flask) -> WorkspaceService:
        """The app's one instance (``context.service(WorkspaceService)``): built once per app,
        after the factory wired ``IN_USE``."""
        db = context.stores_of(app).db
        settings = context.settings_of(app)
        return cls(
            WorkspaceRepository(db),
            Users(db),
            Tokens(db),
            mail=settings.mail,
            base_url=settings.server.public_base_url,
            in_use=IN_USE.find(app),
        )

    # --- the one rule ---------------------------------------------------------------------

    def role_of(self, user_id: str, workspace_id: str) -> str | None:
        """The user's role in the workspace, None for a non-member."""
        if workspace_id == user_id:
            return "owner"  # one's personal workspace, with or without its documents yet
        membership = self.repo.membership(workspace_id, user_id)
        return None if membership is None else membership.role

    def require(self, principal: Principal, workspace_id: str, action: str) -> Access:
        """May ``principal`` do ``action`` in the workspace? 404 for a non-member (or a token of
        another workspace), 403 when their role is too low; else what they may do."""
        needed = RANK[ACTIONS[action]]
        member_role = self.role_of(principal.user_id, str(workspace_id))
        if principal.is_admin:
            # Instance admins keep their powers everywhere, with a session or any token of theirs
            # (but nothing goes into a workspace that does not exist).
            if member_role is None and not self._exists(str(workspace_id)):
                raise not_found()
            return Access(str(workspace_id), "owner", member_role)
        if principal.token_workspace_id not in (None, str(workspace_id)) or member_role is None:
            raise not_found()
        role = member_role
        if RANK[role] < needed:
            raise Problem(
                403,
                "role-forbidden",
                f"the role {role!r} may not do this here ({ACTIONS[action]} or above needed)",
                required_role=ACTIONS[action],
            )
        return Access(str(workspace_id), role, member_role)

    def _exists(self, workspace_id: str) -> bool:
        """A workspace document, or a user's personal workspace (implicit until migrated)."""
        return self.repo.get(workspace_id) is not None or self.users.get(workspace_id) is not None

    def load(
        self, principal: Principal, workspace_id: str, action: str
    ) -> tuple[Access, Workspace]:
        access = self.require(principal, workspace_id, action)
        workspace = self.repo.get(workspace_id)
        if workspace is None and workspace_id == principal.user_id:
            self.repo.ensure_personal(principal.user_id)
            workspace = self.repo.get(workspace_id)
        if workspace is None:
            raise not_found()
        return access, workspace

    def default_for(self, principal: Principal) -> str:
        """Where an object goes without a ``workspace_id``: a token's workspace, else personal."""
        return principal.token_workspace_id or principal.user_id

    # --- workspaces -----------------------------------------------------------------------

    def ensure_personal(self, user_id: str) -> None:
        self.repo.ensure_personal(user_id)

    def list_for(self, principal: Principal) -> list[WorkspaceOut]:
        """The caller's workspaces (a token sees only its own), personal first."""
        self.repo.ensure_personal(principal.user_id)
        roles: dict[str, str] = {
            m.workspace_id: m.role for m in self.repo.memberships_of(principal.user_id)
        }
        roles[principal.user_id] = "owner"
        if principal.token_workspace_id is not None:
            roles = {k: v for k, v in roles.items() if k == principal.token_workspace_id}
        workspaces = self.repo.many(list(roles))
        workspaces.sort(key=lambda w: (not w.personal, w.id))
        return [w.out(roles.get(w.id)) for w in workspaces]

    def get(self, principal: Principal, workspace_id: str) -> WorkspaceOut:
        access, workspace = self.load(principal, workspace_id, "workspace.read")
        return workspace.out(access.member_role)

    def create(self, principal: Principal, name: str) -> WorkspaceOut:
        session_only(principal)
        if len(self.repo.memberships_of(principal.user_id)) >= MAX_WORKSPACES_PER_USER:
            raise Problem(
                409, "too-many-workspaces", f"at most {MAX_WORKSPACES_PER_USER} workspaces each"
            )
        workspace = self.repo.create(name, principal.user_id)
        wid = workspace.id
        audit.record(
            principal.user_id,
            "workspace.create",
            "workspace",
            wid,
            {"name": name},
            workspace_id=wid,
        )
        return workspace.out("owner")

    def rename(self, principal: Principal, workspace_id: str, name: str) -> WorkspaceOut:
        access, workspace = self.load(principal, workspace_id, "workspace.update")
        session_only(principal)
        updated = self.repo.rename(workspace, name) or workspace
        audit.record(
            principal.user_id,
            "workspace.update",
            "workspace",
            workspace_id,
            audit.field_changes({"name": workspace.name}, {"name": name}),
            workspace_id=workspace_id,
        )
        return updated.out(access.member_role)

    def delete(self, principal: Principal, workspace_id: str) -> None:
        _, workspace = self.load(principal, workspace_id, "workspace.delete")
        session_only(principal)
        if workspace.personal:
            raise Problem(409, "personal-workspace", "a personal workspace cannot be deleted")
        if self.in_use is not None and self.in_use(workspace_id):
            raise Problem(409, "workspace-not-empty", "delete or move the workspace's links first")
        for member in self.repo.members(workspace.id):
            self.tokens.revoke_in_workspace(member.user_id, workspace_id)
        self.repo.delete(workspace)
        audit.record(
            principal.user_id,
            "workspace.delete",
            "workspace",
            workspace_id,
            {"name": workspace.name},
            workspace_id=workspace_id,
        )

    def audit(
        self, principal: Principal, workspace_id: str, params: AuditQuery
    ) -> Page[AuditEntry]:
        """The workspace's audit entries (owners and admins), newest first."""
        self.require(principal, workspace_id, "audit.read")
        return audit.entries(
            params.cursor, params.limit, action=params.action, workspace_id=workspace_id
        )

    # --- members --------------------------------------------------------------------------

    def members(self, principal: Principal, workspace_id: str) -> list[MemberOut]:
        _, workspace = self.load(principal, workspace_id, "workspace.read")
        items = []
        for member in self.repo.members(workspace.id)[:MAX_MEMBERS]:
            user = self.users.get(member.user_id)
            items.append(member.out(user.email if user else None))
        return items

    def _target(self, workspace: Workspace, user_id: str) -> Membership:
        member = self.repo.membership(workspace.id, user_id)
        if member is None:
            raise not_found("member")
        if workspace.id == user_id:
            raise Problem(
                409, "personal-owner", "the owner of a personal workspace cannot be changed"
            )
        return member

    @staticmethod
    def _owners_only(access: Access, *roles: str) -> None:
        if "owner" in roles and access.role != "owner":
            raise Problem(
                403,
                "role-forbidden",
                "only owners make, change or remove owners",
                required_role="owner",
            )

    def set_role(
        self, principal: Principal, workspace_id: str, user_id: str, role: str
    ) -> MemberOut:
        access, workspace = self.load(principal, workspace_id, "members.manage")
        session_only(principal)
        member = self._target(workspace, user_id)
        self._owners_only(access, member.role, role)
        with _owners_rule():  # the write itself requires another owner to remain
            updated = self.repo.set_role(member, role) or member
        audit.record(
            principal.user_id,
            "member.update",
            "member",
            user_id,
            {"role": {"old": member.role, "new": role}},
            workspace_id=workspace_id,
        )
        user = self.users.get(user_id)
        return updated.out(user.email if user else None)

    def remove(self, principal: Principal, workspace_id: str, user_id: str) -> None:
        """Remove a member (admins and owners), or leave (anyone, for themselves)."""
        leaving = user_id == principal.user_id
        action = "workspace.read" if leaving else "members.manage"
        access, workspace = self.load(principal, workspace_id, action)
        session_only(principal)
        member = self._target(workspace, user_id)
        if not leaving:
            self._owners_only(access, member.role)
        with _owners_rule():
            self.repo.remove_member(member)
        self.tokens.revoke_in_workspace(user_id, workspace_id)
        audit.record(
            principal.user_id,
            "member.remove",
            "member",
            user_id,
            {"role": member.role, "left": leaving},
            workspace_id=workspace_id,
        )
        event = {"workspace_id": workspace_id, "user_id": user_id, "role": member.role}
        signals.emit(context.stores().redis, "member.removed", workspace_id, event)
