"""A shared workspace with one user of each role, for the workspaces tests.

``World`` holds signed-in test clients (sessions) for ``owner``, ``admin``, ``member``, ``viewer``
of one workspace, an ``outsider`` (signed in, not a member), an ``instance_admin`` (not a member)
and ``foreign_token``: a bearer token of the owner made for their *personal* workspace, so every
answer it gets in the shared one is about the token's workspace, not the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from flamingo.accounts.users import Users
from flamingo.core import context
from flamingo.workspaces.repository import WorkspaceRepository
from tests.unit.accounts.test_accounts import csrf, signup

ROLES = ("owner", "admin", "member", "viewer")
CALLERS = (*ROLES, "outsider", "instance_admin", "foreign_token")


@dataclass
class Caller:
    client: FlaskClient
    user_id: str
    email: str
    headers: dict[str, str] = field(default_factory=dict)

    def call(self, method: str, path: str, json: Any = None) -> Any:
        headers = dict(self.headers)
        if not headers and method != "GET":
            headers |= csrf(self.client)
        return self.client.open(path, method=method, json=json, headers=headers)


@dataclass
class World:
    app: Flask
    workspace_id: str
    callers: dict[str, Caller]
    link_id: str = ""
    invitation_id: str = ""

    def __getitem__(self, name: str) -> Caller:
        return self.callers[name]


def verified_signup(app: Flask, client: FlaskClient, email: str) -> dict[str, Any]:
    """Sign up and mark the address verified, as opening the mailed link does (tests of
    invitations that are not about verification;
    tests/unit/accounts/test_email_verification.py is)."""
    user = signup(client, email)
    assert Users(context.stores_of(app).db).mark_email_verified(user["id"], email)
    return user


def _signed_in(app: Flask, email: str) -> Caller:
    client = app.test_client()
    user = signup(client, email)
    return Caller(client, user["id"], email)


def build_world(app: Flask) -> World:
    callers = {name: _signed_in(app, f"{name}@example.com") for name in CALLERS[:-1]}
    db = context.stores_of(app).db
    Users(db).set_role(callers["instance_admin"].user_id, "admin")
    owner = callers["owner"]
    created = owner.call("POST", "/api/v1/workspaces", {"name": "Team"})
    assert created.status_code == 201, created.data
    workspace_id = created.get_json()["id"]
    repo = WorkspaceRepository(db)
    for role in ("admin", "member", "viewer"):
        assert repo.add_member(created_oid(repo, workspace_id), callers[role].user_id, role)
    token = owner.call(
        "POST",
        "/api/v1/tokens",
        {"name": "personal", "scopes": ["links:read", "links:write", "stats:read"]},
    )
    assert token.status_code == 201, token.data
    callers["foreign_token"] = Caller(
        app.test_client(),
        owner.user_id,
        owner.email,
        {"Authorization": f"Bearer {token.get_json()['token']}"},
    )
    world = World(app, workspace_id, callers)
    link = owner.call(
        "POST", "/api/v1/links", {"target": "https://example.com/t", "workspace_id": workspace_id}
    )
    assert link.status_code == 201, link.data
    world.link_id = link.get_json()["id"]
    invitation = owner.call(
        "POST",
        f"/api/v1/workspaces/{workspace_id}/invitations",
        {"email": "invitee@example.com", "role": "viewer"},
    )
    assert invitation.status_code == 201, invitation.data
    world.invitation_id = invitation.get_json()["id"]
    return world


def created_oid(repo: WorkspaceRepository, workspace_id: str) -> Any:
    workspace = repo.get(workspace_id)
    assert workspace is not None
    return workspace.id
