"""Workspaces on embedded stores: the personal workspace, the last-owner rules, invitations
(single use, expiring, bound to the email, stored hashed), a removed member losing access at once,
bad input as problem+json, and answers matching the OpenAPI schemas."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import jsonschema
import pytest
from flask import Flask
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from flamingo.core import context
from flamingo.http import openapi
from tests.conftest import problem
from tests.support.workspaces import Caller, World, build_world, verified_signup
from tests.unit.accounts.test_accounts import accounts_app, signup


@pytest.fixture
def app() -> Flask:
    return accounts_app(RATELIMIT_ENABLED="false")


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


def _ws(world: World, rest: str = "") -> str:
    return f"/api/v1/workspaces/{world.workspace_id}{rest}"


def _slug(response: Any) -> str:
    return str(problem(response)["type"]).rsplit("/", 1)[-1]


def _invite(world: World, email: str, role: str = "member") -> str:
    answer = world["owner"].call("POST", _ws(world, "/invitations"), {"email": email, "role": role})
    assert answer.status_code == 201, answer.data
    token: str = answer.get_json()["token"]
    return token


# --- the personal workspace ------------------------------------------------------------------


def test_signup_makes_a_personal_workspace_the_user_owns(app: Flask) -> None:
    client = app.test_client()
    user = signup(client, "solo@example.com")
    items = client.get("/api/v1/workspaces").get_json()["items"]
    assert [(w["id"], w["personal"], w["role"]) for w in items] == [(user["id"], True, "owner")]
    db = context.stores_of(app).db
    assert db["memberships"].count_documents({"role": "owner"}) == 1
    link = client.post(
        "/api/v1/links",
        json={"target": "https://example.com"},
        headers={"X-CSRF-Token": client.get_cookie("flamingo_csrf").value},  # type: ignore[union-attr]
    ).get_json()
    assert link["workspace_id"] == user["id"]  # default: personal


def test_personal_workspace_cannot_be_deleted_nor_its_owner_changed(world: World) -> None:
    owner = world["owner"]
    personal = f"/api/v1/workspaces/{owner.user_id}"
    assert _slug(owner.call("DELETE", personal)) == "personal-workspace"
    demote = owner.call("PATCH", f"{personal}/members/{owner.user_id}", {"role": "admin"})
    assert demote.status_code == 409 and _slug(demote) == "personal-owner"


def test_a_token_sees_only_its_workspace(world: World) -> None:
    items = world["foreign_token"].call("GET", "/api/v1/workspaces").get_json()["items"]
    assert [w["id"] for w in items] == [world["owner"].user_id]
    owner_items = world["owner"].call("GET", "/api/v1/workspaces").get_json()["items"]
    assert {w["id"] for w in owner_items} == {world["owner"].user_id, world.workspace_id}


# --- owners --------------------------------------------------------------------------------


def test_the_last_owner_cannot_leave_be_removed_or_be_demoted(world: World) -> None:
    owner, admin = world["owner"], world["admin"]
    me = _ws(world, f"/members/{owner.user_id}")
    for answer in (owner.call("DELETE", me), owner.call("PATCH", me, {"role": "admin"})):
        assert answer.status_code == 409 and _slug(answer) == "last-owner"
    # An admin may not touch an owner at all.
    assert _slug(admin.call("PATCH", me, {"role": "viewer"})) == "role-forbidden"
    assert _slug(admin.call("DELETE", me)) == "role-forbidden"
    assert _slug(
        admin.call("PATCH", _ws(world, f"/members/{admin.user_id}"), {"role": "owner"})
    ) == ("role-forbidden")
    # With a second owner the first may step down, and then the second is the last.
    promoted = owner.call("PATCH", _ws(world, f"/members/{admin.user_id}"), {"role": "owner"})
    assert promoted.status_code == 200 and promoted.get_json()["role"] == "owner"
    assert owner.call("PATCH", me, {"role": "member"}).status_code == 200
    last = admin.call("DELETE", _ws(world, f"/members/{admin.user_id}"))
    assert last.status_code == 409 and _slug(last) == "last-owner"
    roles = {
        m["email"]: m["role"] for m in admin.call("GET", _ws(world, "/members")).get_json()["items"]
    }
    assert roles["admin@example.com"] == "owner" and roles["owner@example.com"] == "member"


def test_an_owner_deletes_an_empty_workspace(world: World) -> None:
    owner = world["owner"]
    assert owner.call("DELETE", f"/api/v1/links/{world.link_id}").status_code == 204
    assert owner.call("DELETE", _ws(world)).status_code == 204
    assert owner.call("GET", _ws(world)).status_code == 404
    assert world["member"].call("GET", _ws(world)).status_code == 404


# --- invitations ---------------------------------------------------------------------------


def test_an_invitation_is_accepted_once_by_its_email(app: Flask, world: World) -> None:
    token = _invite(world, "Carol@Example.com", "member")
    stored = context.stores_of(app).db["invitations"].find_one({"email": "carol@example.com"})
    assert stored is not None and token not in str(stored)  # only the hash is kept
    listed = world["admin"].call("GET", _ws(world, "/invitations")).get_json()["items"]
    assert "carol@example.com" in {i["email"] for i in listed}
    assert all("token" not in i for i in listed)

    wrong = Caller(app.test_client(), "", "")
    signup(wrong.client, "mallory@example.com")
    refused = wrong.call("POST", f"/api/v1/invitations/{token}/accept")
    assert refused.status_code == 403 and _slug(refused) == "invitation-wrong-email"
    peek = wrong.call("GET", f"/api/v1/invitations/{token}")  # nor may they look
    assert peek.status_code == 403 and _slug(peek) == "invitation-wrong-email"

    carol = Caller(app.test_client(), "", "carol@example.com")
    carol.user_id = verified_signup(app, carol.client, "carol@example.com")["id"]
    preview = carol.call("GET", f"/api/v1/invitations/{token}")
    assert preview.status_code == 200, preview.data
    assert {k: v for k, v in preview.get_json().items() if k != "expires_at"} == {
        "workspace_id": world.workspace_id,
        "workspace_name": "Team",  # tests/support/workspaces.py names it
        "email": "carol@example.com",
        "role": "member",
    }
    assert carol.call("GET", f"/api/v1/links/{world.link_id}").status_code == 404  # not yet
    joined = carol.call("POST", f"/api/v1/invitations/{token}/accept")
    assert joined.status_code == 200, joined.data
    assert joined.get_json()["role"] == "member"
    assert joined.get_json()["workspace_id"] == world.workspace_id
    assert carol.call("GET", f"/api/v1/links/{world.link_id}").status_code == 200

    again = carol.call("POST", f"/api/v1/invitations/{token}/accept")
    assert again.status_code == 409 and _slug(again) == "invitation-used"
    looked = carol.call("GET", f"/api/v1/invitations/{token}")
    assert looked.status_code == 409 and _slug(looked) == "invitation-used"
    assert wrong.call("POST", f"/api/v1/invitations/{token}/accept").status_code == 403


def test_an_expired_or_revoked_invitation_is_refused(app: Flask, world: World) -> None:
    token = _invite(world, "late@example.com")
    context.stores_of(app).db["invitations"].update_one(
        {"email": "late@example.com"},
        {"$set": {"expires_at": datetime.now(UTC) - timedelta(seconds=1)}},
    )
    late = Caller(app.test_client(), "", "late@example.com")
    signup(late.client, "late@example.com")
    expired = late.call("POST", f"/api/v1/invitations/{token}/accept")
    assert expired.status_code == 410 and _slug(expired) == "invitation-expired"
    assert late.call("GET", f"/api/v1/invitations/{token}").status_code == 410

    token = _invite(world, "gone@example.com")
    invitation_id = next(
        i["id"]
        for i in world["owner"].call("GET", _ws(world, "/invitations")).get_json()["items"]
        if i["email"] == "gone@example.com"
    )
    assert (
        world["admin"].call("DELETE", _ws(world, f"/invitations/{invitation_id}")).status_code
        == 204
    )
    gone = Caller(app.test_client(), "", "gone@example.com")
    signup(gone.client, "gone@example.com")
    assert gone.call("POST", f"/api/v1/invitations/{token}/accept").status_code == 404
    assert gone.call("GET", f"/api/v1/invitations/{token}").status_code == 404
    assert (
        world["admin"].call("DELETE", _ws(world, f"/invitations/{invitation_id}")).status_code
        == 404
    )


def test_the_invitation_ttl_is_a_setting() -> None:
    app = accounts_app(RATELIMIT_ENABLED="false", INVITATION_TTL_HOURS="2")
    world = build_world(app)
    answer = (
        world["owner"]
        .call("POST", _ws(world, "/invitations"), {"email": "ttl@example.com", "role": "viewer"})
        .get_json()
    )
    expires = datetime.fromisoformat(answer["expires_at"])
    assert timedelta(hours=1, minutes=59) < expires - datetime.now(UTC) <= timedelta(hours=2)
    assert answer["mailed"] is False  # no SMTP_HOST: only the inviter has the token


def test_only_owners_invite_owners_and_members_are_not_invited_twice(world: World) -> None:
    admin = world["admin"]
    owner_invite = admin.call(
        "POST", _ws(world, "/invitations"), {"email": "x@example.com", "role": "owner"}
    )
    assert owner_invite.status_code == 403
    twice = admin.call(
        "POST", _ws(world, "/invitations"), {"email": "member@example.com", "role": "viewer"}
    )
    assert twice.status_code == 409 and _slug(twice) == "already-member"


# --- removal -------------------------------------------------------------------------------


def test_a_removed_member_loses_access_at_once(world: World) -> None:
    member = world["member"]
    made = member.call(
        "POST",
        "/api/v1/tokens",
        {"name": "ci", "scopes": ["links:read"], "workspace_id": world.workspace_id},
    )
    token = Caller(member.client.application.test_client(), member.user_id, member.email)
    token.headers = {"Authorization": f"Bearer {made.get_json()['token']}"}
    link = f"/api/v1/links/{world.link_id}"
    assert member.call("GET", link).status_code == 200
    assert token.call("GET", link).status_code == 200

    removed = world["admin"].call("DELETE", _ws(world, f"/members/{member.user_id}"))
    assert removed.status_code == 204
    assert member.call("GET", link).status_code == 404  # the same session, the next request
    assert member.call("GET", _ws(world)).status_code == 404
    assert token.call("GET", link).status_code == 401  # its workspace tokens are revoked
    assert member.call("GET", "/api/v1/workspaces").get_json()["items"][0]["personal"] is True


def test_a_demoted_member_can_no_longer_write(world: World) -> None:
    member = world["member"]
    link = f"/api/v1/links/{world.link_id}"
    assert member.call("PATCH", link, {"title": "a"}).status_code == 200
    world["owner"].call("PATCH", _ws(world, f"/members/{member.user_id}"), {"role": "viewer"})
    denied = member.call("PATCH", link, {"title": "b"})
    assert denied.status_code == 403 and _slug(denied) == "role-forbidden"
    assert member.call("GET", link).status_code == 200


# --- bad input -----------------------------------------------------------------------------

BAD: list[tuple[str, str, Any]] = [
    ("POST", "/api/v1/workspaces", {}),
    ("POST", "/api/v1/workspaces", {"name": ""}),
    ("POST", "/api/v1/workspaces", {"name": "   "}),
    ("POST", "/api/v1/workspaces", {"name": 7}),
    ("POST", "/api/v1/workspaces", {"name": "x" * 101}),
    ("POST", "/api/v1/workspaces", {"name": "a\nb"}),
    ("POST", "/api/v1/workspaces", {"name": "ok", "extra": 1}),
    ("POST", "/api/v1/workspaces", "not an object"),
    ("PATCH", "{ws}", {"name": None}),
    ("PATCH", "{ws}/members/{viewer}", {"role": "god"}),
    ("PATCH", "{ws}/members/{viewer}", {}),
    ("PATCH", "{ws}/members/000000000000000000000000", {"role": "viewer"}),
    ("PATCH", "{ws}/members/not-an-id", {"role": "viewer"}),
    ("DELETE", "{ws}/members/not-an-id", None),
    ("POST", "{ws}/invitations", {"email": "nope", "role": "viewer"}),
    ("POST", "{ws}/invitations", {"email": "a@example.com", "role": "boss"}),
    ("POST", "{ws}/invitations", {"email": "a@example.com"}),
    ("POST", "{ws}/invitations", {"email": ["a@example.com"], "role": "viewer"}),
    ("DELETE", "{ws}/invitations/not-an-id", None),
    ("GET", "/api/v1/workspaces/not-an-id", None),
    ("GET", "/api/v1/workspaces/000000000000000000000000", None),
    ("GET", "{ws}/audit?limit=0", None),
    ("GET", "{ws}/audit?action=nope", None),
    ("POST", "/api/v1/invitations/fli_unknown/accept", None),
    ("POST", "/api/v1/invitations/" + "x" * 300 + "/accept", None),
    ("POST", "/api/v1/links", {"target": "https://example.com", "workspace_id": 5}),
    ("POST", "/api/v1/links", {"target": "https://example.com", "workspace_id": "nope"}),
    ("GET", "/api/v1/links?workspace_id=nope", None),
    ("POST", "/api/v1/tokens", {"name": "t", "scopes": ["links:read"], "workspace_id": "nope"}),
]


@pytest.mark.parametrize(("method", "path", "body"), BAD)
def test_bad_input_is_a_4xx_problem(world: World, method: str, path: str, body: Any) -> None:
    path = path.replace("{ws}", _ws(world)).replace("{viewer}", world["viewer"].user_id)
    response = world["owner"].call(method, path, body)
    assert 400 <= response.status_code < 500, (path, response.status_code, response.data)
    problem(response)


def test_a_body_that_is_not_json_is_a_problem(world: World) -> None:
    owner = world["owner"]
    headers = {"X-CSRF-Token": owner.client.get_cookie("flamingo_csrf").value}  # type: ignore[union-attr]
    for data, content_type, status in (
        ("{", "application/json", 400),
        ("name=x", "application/x-www-form-urlencoded", 415),
    ):
        response = owner.client.post(
            "/api/v1/workspaces", data=data, content_type=content_type, headers=headers
        )
        assert response.status_code == status
        problem(response)


# --- the OpenAPI document ------------------------------------------------------------------


def _validate(document: dict[str, Any], name: str, value: Any) -> None:
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:openapi", resource)
    jsonschema.Draft202012Validator(
        {"$ref": f"urn:openapi#/components/schemas/{name}"}, registry=registry
    ).validate(value)


def test_answers_match_their_schemas(app: Flask, world: World) -> None:
    document = openapi.document()
    owner = world["owner"]
    _validate(document, "WorkspaceList", owner.call("GET", "/api/v1/workspaces").get_json())
    _validate(document, "Workspace", owner.call("GET", _ws(world)).get_json())
    _validate(document, "Workspace", owner.call("PATCH", _ws(world), {"name": "N"}).get_json())
    _validate(document, "MemberList", owner.call("GET", _ws(world, "/members")).get_json())
    member = owner.call(
        "PATCH", _ws(world, f"/members/{world['viewer'].user_id}"), {"role": "viewer"}
    )
    _validate(document, "Member", member.get_json())
    created = owner.call(
        "POST", _ws(world, "/invitations"), {"email": "s@example.com", "role": "admin"}
    )
    _validate(document, "InvitationCreated", created.get_json())
    _validate(document, "InvitationList", owner.call("GET", _ws(world, "/invitations")).get_json())
    audit = owner.call("GET", _ws(world, "/audit")).get_json()
    _validate(document, "AuditPage", audit)
    assert {"workspace.create", "invitation.create", "member.update"} <= {
        e["action"] for e in audit["items"]
    }
    assert all(e["workspace_id"] == world.workspace_id for e in audit["items"])
    invitee = Caller(app.test_client(), "", "s@example.com")
    verified_signup(app, invitee.client, "s@example.com")
    accepted = invitee.call("POST", f"/api/v1/invitations/{created.get_json()['token']}/accept")
    _validate(document, "Member", accepted.get_json())
    link = owner.call("GET", f"/api/v1/links?workspace_id={world.workspace_id}").get_json()
    _validate(document, "LinkPage", link)
    assert [item["workspace_id"] for item in link["items"]] == [world.workspace_id]
    _validate(document, "Problem", owner.call("GET", "/api/v1/workspaces/nope").get_json())


def test_instance_admins_act_in_existing_workspaces_only(world: World) -> None:
    admin = world["instance_admin"]
    body = {"target": "https://example.com/a", "workspace_id": "000000000000000000000000"}
    assert admin.call("POST", "/api/v1/links", body).status_code == 404
    body["workspace_id"] = world.workspace_id
    made = admin.call("POST", "/api/v1/links", body)
    assert made.status_code == 201 and made.get_json()["workspace_id"] == world.workspace_id
