"""The webhooks API on embedded stores: who may (owners and admins, through the workspace
rule), the secret shown once and rotated, audited changes, and bad input as problem+json
naming the problem (an unknown event, a URL the link-target policy refuses, a name that resolves
to a private address)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from flamingo.audit.repository import AuditRepository
from flamingo.core import context
from flamingo.webhooks import transport
from tests.conftest import problem
from tests.support.workspaces import World, build_world
from tests.unit.accounts.test_accounts import accounts_app

HOOK = {"url": "https://hooks.example.com/in", "events": ["link.created", "link.clicked"]}


@pytest.fixture
def app() -> Flask:
    return accounts_app(RATELIMIT_ENABLED="false")


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.fixture(autouse=True)
def public_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names resolve as the test says (no network here): by default to a public address."""
    table: dict[str, list[str]] = {}

    def resolve(host: str, port: int) -> list[str]:
        return table.get(host, ["93.184.216.34"])

    monkeypatch.setattr(transport, "resolve", resolve)
    return table


def _hooks(world: World, rest: str = "") -> str:
    return f"/api/v1/workspaces/{world.workspace_id}/webhooks{rest}"


def _slug(response: Any) -> str:
    return str(problem(response)["type"]).rsplit("/", 1)[-1]


def _create(world: World, caller: str = "owner", **body: Any) -> Any:
    return world[caller].call("POST", _hooks(world), {**HOOK, **body})


def _actions(app: Flask, target_id: str) -> list[str]:
    page = AuditRepository(context.stores_of(app).db).page(cursor=None, limit=100)
    return sorted(e.action for e in page.items if e.target_id == target_id)


def test_create_answers_201_with_the_secret_once(world: World) -> None:
    created = _create(world, description="CRM")
    assert created.status_code == 201, created.data
    hook = created.get_json()
    assert hook["secret"].startswith("whsec_") and len(hook["secret"]) == 50
    assert hook["events"] == ["link.created", "link.clicked"] and hook["enabled"] is True
    assert created.headers["Location"].endswith(f"/webhooks/{hook['id']}")
    listed = world["admin"].call("GET", _hooks(world)).get_json()["items"]
    assert [h["id"] for h in listed] == [hook["id"]]
    assert "secret" not in listed[0]
    one = world["owner"].call("GET", _hooks(world, f"/{hook['id']}")).get_json()
    assert "secret" not in one and one["description"] == "CRM"


@pytest.mark.parametrize(
    ("caller", "status"), [("member", 403), ("viewer", 403), ("outsider", 404)]
)
def test_only_owners_and_admins_manage_webhooks(world: World, caller: str, status: int) -> None:
    assert _create(world, caller).status_code == status
    assert world[caller].call("GET", _hooks(world)).status_code == status


def test_a_token_cannot_create_a_webhook(world: World) -> None:
    answer = _create(world, "foreign_token")
    assert answer.status_code in (403, 404)  # a token of another workspace: not even seen


@pytest.mark.parametrize(
    ("body", "slug"),
    [
        ({"events": ["link.exploded"]}, "validation-error"),
        ({"events": []}, "validation-error"),
        ({"url": "ftp://hooks.example.com/x"}, "target-scheme-not-allowed"),
        ({"url": "http://10.1.2.3:9000/x"}, "target-private-address"),
        ({"url": "http://169.254.169.254/latest"}, "target-private-address"),
        ({"url": "https://user:pw@hooks.example.com/"}, "target-has-credentials"),
        ({"url": "not a url"}, "target-invalid-characters"),
    ],
)
def test_bad_input_is_a_clear_problem(world: World, body: dict[str, Any], slug: str) -> None:
    answer = _create(world, **body)
    assert answer.status_code == 422, answer.data
    assert _slug(answer) == slug


def test_a_name_that_resolves_to_loopback_is_refused(
    world: World, public_dns: dict[str, list[str]]
) -> None:
    public_dns["sneaky.example.com"] = ["93.184.216.34", "127.0.0.1"]
    answer = _create(world, url="https://sneaky.example.com/hook")
    assert answer.status_code == 422
    body = problem(answer)
    assert body["type"].endswith("target-private-address")
    assert body["errors"][0]["field"] == "url"


def test_patch_delete_and_rotate_are_audited(app: Flask, world: World) -> None:
    hook = _create(world).get_json()
    path = _hooks(world, f"/{hook['id']}")
    patched = world["admin"].call("PATCH", path, {"enabled": False, "events": ["link.deleted"]})
    assert patched.status_code == 200, patched.data
    assert patched.get_json()["enabled"] is False
    assert patched.get_json()["events"] == ["link.deleted"]
    assert _slug(world["admin"].call("PATCH", path, {"url": "gopher://x.example"})) == (
        "target-scheme-not-allowed"
    )
    rotated = world["owner"].call("POST", f"{path}/rotate-secret")
    assert rotated.status_code == 200, rotated.data
    assert rotated.get_json()["secret"] != hook["secret"]
    assert rotated.get_json()["previous_secret_expires_at"] is not None
    assert world["owner"].call("DELETE", path).status_code == 204
    assert world["owner"].call("GET", path).status_code == 404
    assert _actions(app, hook["id"]) == [
        "webhook.create",
        "webhook.delete",
        "webhook.rotate_secret",
        "webhook.update",
    ]


def test_a_hook_of_another_workspace_is_not_found(world: World) -> None:
    hook = _create(world).get_json()
    personal = f"/api/v1/workspaces/{world['owner'].user_id}/webhooks/{hook['id']}"
    assert world["owner"].call("GET", personal).status_code == 404
