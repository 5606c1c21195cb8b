"""The role matrix: every workspace endpoint (and the links, stats and tokens endpoints a
workspace scopes) by every kind of caller → the expected status, generated from ONE table.

Callers (tests/support/workspaces.py): the four roles of the shared workspace, an ``outsider``
(signed in, not a member: 404 for everything), an ``instance_admin`` who is not a member (keeps
their powers) and ``foreign_token`` (the owner's own token, but of their personal workspace: 404).
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.conftest import problem
from tests.support.workspaces import CALLERS, World, build_world
from tests.unit.accounts.test_accounts import accounts_app

W = "{ws}"
L = "{link}"

# endpoint name: (method, path, body, statuses in the order of CALLERS:
#                 owner, admin, member, viewer, outsider, instance_admin, foreign_token)
TABLE: dict[str, tuple[str, str, Any, tuple[int, ...]]] = {
    "get workspace": ("GET", f"/api/v1/workspaces/{W}", None, (200, 200, 200, 200, 404, 200, 404)),
    "rename workspace": (
        "PATCH",
        f"/api/v1/workspaces/{W}",
        {"name": "Renamed"},
        (200, 200, 403, 403, 404, 200, 404),
    ),
    "delete workspace": (
        "DELETE",
        f"/api/v1/workspaces/{W}",
        None,
        # 409: it still has a link; the role check comes first.
        (409, 403, 403, 403, 404, 409, 404),
    ),
    "list members": (
        "GET",
        f"/api/v1/workspaces/{W}/members",
        None,
        (200, 200, 200, 200, 404, 200, 404),
    ),
    "change a role": (
        "PATCH",
        f"/api/v1/workspaces/{W}/members/{{viewer}}",
        {"role": "member"},
        (200, 200, 403, 403, 404, 200, 404),
    ),
    "remove a member": (
        "DELETE",
        f"/api/v1/workspaces/{W}/members/{{member}}",
        None,
        # The member removing themselves is leaving, which anyone may.
        (204, 204, 204, 403, 404, 204, 404),
    ),
    "invite": (
        "POST",
        f"/api/v1/workspaces/{W}/invitations",
        {"email": "new@example.com", "role": "member"},
        (201, 201, 403, 403, 404, 201, 404),
    ),
    "list invitations": (
        "GET",
        f"/api/v1/workspaces/{W}/invitations",
        None,
        (200, 200, 403, 403, 404, 200, 404),
    ),
    "revoke an invitation": (
        "DELETE",
        f"/api/v1/workspaces/{W}/invitations/{{invitation}}",
        None,
        (204, 204, 403, 403, 404, 204, 404),
    ),
    "read the audit log": (
        "GET",
        f"/api/v1/workspaces/{W}/audit",
        None,
        (200, 200, 403, 403, 404, 200, 404),
    ),
    "create a link": (
        "POST",
        "/api/v1/links",
        {"target": "https://example.com/new", "workspace_id": W},
        (201, 201, 201, 403, 404, 201, 404),
    ),
    "list links": (
        "GET",
        f"/api/v1/links?workspace_id={W}",
        None,
        (200, 200, 200, 200, 404, 200, 404),
    ),
    "read a link": ("GET", f"/api/v1/links/{L}", None, (200, 200, 200, 200, 404, 200, 404)),
    "edit a link": (
        "PATCH",
        f"/api/v1/links/{L}",
        {"title": "changed"},
        (200, 200, 200, 403, 404, 200, 404),
    ),
    "delete a link": ("DELETE", f"/api/v1/links/{L}", None, (204, 204, 204, 403, 404, 204, 404)),
    "read a link's stats": (
        "GET",
        f"/api/v1/links/{L}/stats",
        None,
        (200, 200, 200, 200, 404, 200, 404),
    ),
    "read the workspace's overview": (
        "GET",
        f"/api/v1/stats/overview?workspace_id={W}",
        None,
        (200, 200, 200, 200, 404, 200, 404),
    ),
    "make a token of the workspace": (
        "POST",
        "/api/v1/tokens",
        {"name": "ci", "scopes": ["links:read"], "workspace_id": W},
        # Tokens never make tokens (403 session-required), whatever the workspace.
        (201, 201, 201, 201, 404, 201, 403),
    ),
}

CASES = [
    pytest.param(name, caller, statuses[index], id=f"{name}-{caller}")
    for name, (_, _, _, statuses) in TABLE.items()
    for index, caller in enumerate(CALLERS)
]


@pytest.fixture
def app() -> Flask:
    return accounts_app(RATELIMIT_ENABLED="false")


def _fill(value: Any, world: World) -> Any:
    names = {
        "ws": world.workspace_id,
        "link": world.link_id,
        "invitation": world.invitation_id,
        "viewer": world["viewer"].user_id,
        "member": world["member"].user_id,
    }
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    return value


def test_the_table_covers_every_caller() -> None:
    assert all(len(statuses) == len(CALLERS) for *_, statuses in TABLE.values())


@pytest.mark.parametrize(("endpoint", "caller", "expected"), CASES)
def test_role_matrix(app: Flask, endpoint: str, caller: str, expected: int) -> None:
    world = build_world(app)
    method, path, body, _ = TABLE[endpoint]
    response = world[caller].call(method, _fill(path, world), _fill(body, world))
    assert response.status_code == expected, (endpoint, caller, response.data)
    if expected >= 400:
        body_ = problem(response)
        if expected == 404:
            assert body_["type"].endswith("/not-found")  # a non-member learns nothing
