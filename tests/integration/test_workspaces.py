"""Workspaces on real gunicorn (2 workers), redis-server and FerretDB, as a person would use
them: sign up, invite a second user, accept, work in the shared workspace as member and as
viewer, and lose access at once when removed (by session and by token)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.integration.test_accounts import Browser
from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def service(ferretdb: FerretDB, redis_server: RedisServer) -> Iterator[Service]:
    with running_service(ferretdb, redis_server, RATELIMIT_ENABLED="false") as running:
        yield running


def logged_verification_link(service: Service, email: str) -> str:
    """The link the server logged for ``email`` (no SMTP here), as a developer copies it."""
    found = re.findall(
        rf"email verification link for {re.escape(email)}: (http\S+/app/verify-email/flv_[\w-]+)",
        service.server.output(),
    )
    assert len(found) == 1, found
    return str(found[0])


def test_invite_accept_and_work_as_member_then_viewer(service: Service) -> None:
    alice, bob = Browser(service.base), Browser(service.base)
    alice_id = alice.signup("alice.ws@example.com")["id"]
    bob_id = bob.signup("bob.ws@example.com")["id"]
    personal = alice.call("GET", "/api/v1/workspaces").json()["items"]
    assert [(w["id"], w["personal"], w["role"]) for w in personal] == [(alice_id, True, "owner")]

    team = alice.call("POST", "/api/v1/workspaces", json={"name": "Team"}).json()
    ws = f"/api/v1/workspaces/{team['id']}"
    invited = alice.call(
        "POST", f"{ws}/invitations", json={"email": "bob.ws@example.com", "role": "member"}
    )
    assert invited.status_code == 201, invited.text
    token = invited.json()["token"]
    assert bob.call("GET", ws).status_code == 404  # not a member yet
    unverified = bob.call("POST", f"/api/v1/invitations/{token}/accept")
    assert unverified.status_code == 403 and unverified.json()["type"].endswith("/email-unverified")
    link = logged_verification_link(service, "bob.ws@example.com")
    verified = bob.call(
        "POST", "/api/v1/auth/verify-email", json={"token": link.rsplit("/", 1)[-1]}
    )
    assert verified.status_code == 200, verified.text
    joined = bob.call("POST", f"/api/v1/invitations/{token}/accept")
    assert joined.status_code == 200 and joined.json()["role"] == "member"
    assert bob.call("POST", f"/api/v1/invitations/{token}/accept").status_code == 409

    link = bob.call(
        "POST",
        "/api/v1/links",
        json={"target": "https://example.com/w", "workspace_id": team["id"]},
    )
    assert link.status_code == 201, link.text
    link_id = link.json()["id"]
    listed = alice.call("GET", "/api/v1/links", params={"workspace_id": team["id"]}).json()
    assert [item["id"] for item in listed["items"]] == [link_id]
    assert alice.call("GET", "/api/v1/links").json()["items"] == []  # personal stays apart

    made = bob.token(["links:read", "links:write"], workspace_id=team["id"])
    bearer = {"Authorization": f"Bearer {made['token']}"}
    assert service.api("GET", f"/api/v1/links/{link_id}", bearer).status_code == 200

    demoted = alice.call("PATCH", f"{ws}/members/{bob_id}", json={"role": "viewer"})
    assert demoted.status_code == 200
    assert bob.call("PATCH", f"/api/v1/links/{link_id}", json={"title": "x"}).status_code == 403
    assert bob.call("GET", f"/api/v1/links/{link_id}/stats").status_code == 200
    assert (
        alice.call("PATCH", f"{ws}/members/{alice_id}", json={"role": "admin"}).status_code == 409
    )

    assert alice.call("DELETE", f"{ws}/members/{bob_id}").status_code == 204
    assert bob.call("GET", f"/api/v1/links/{link_id}").status_code == 404
    assert service.api("GET", f"/api/v1/links/{link_id}", bearer).status_code == 401
    audit = alice.call("GET", f"{ws}/audit").json()["items"]
    assert {
        "workspace.create",
        "invitation.create",
        "invitation.accept",
        "member.add",
        "member.update",
        "member.remove",
        "link.create",
    } <= {e["action"] for e in audit}
