"""What becomes a webhook event: each change of links, members and domains is queued on the
Redis stream with its workspace (never sent in the request); the delivery log keeps the last
100 per hook; the delivery metrics count outcomes."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from prometheus_client import REGISTRY

from flamingo.core import context
from flamingo.core.timefmt import now
from flamingo.webhooks import outbox
from flamingo.webhooks.hook import Delivery
from flamingo.webhooks.repository import LOG_SIZE, WebhookRepository
from tests.support.workspaces import World, build_world, verified_signup
from tests.unit.accounts.test_accounts import accounts_app, csrf, signup
from tests.unit.workspaces.test_workspaces import _invite


@pytest.fixture
def app() -> Flask:
    return accounts_app(RATELIMIT_ENABLED="false")


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


def _events(app: Flask) -> list[tuple[str, str, dict[str, Any]]]:
    entries: Any = context.stores_of(app).redis.xrange(outbox.STREAM)
    return [(f["type"], f["ws"], json.loads(f["data"])) for _, f in entries]


def test_link_changes_are_queued_with_their_workspace(app: Flask, world: World) -> None:
    context.stores_of(app).redis.delete(outbox.STREAM)
    owner = world["owner"]
    link = owner.call(
        "POST",
        "/api/v1/links",
        {"target": "https://example.com/a", "workspace_id": world.workspace_id},
    ).get_json()
    owner.call("PATCH", f"/api/v1/links/{link['id']}", {"title": "Renamed"})
    blocked = world["instance_admin"].call("POST", f"/api/v1/admin/links/{link['id']}/disable")
    assert blocked.status_code == 200, blocked.data
    owner.call("DELETE", f"/api/v1/links/{link['id']}")
    events = _events(app)
    assert [(t, ws) for t, ws, _ in events] == [
        ("link.created", world.workspace_id),
        ("link.updated", world.workspace_id),
        ("link.updated", world.workspace_id),
        ("link.deleted", world.workspace_id),
    ]
    assert events[1][2]["title"] == "Renamed" and events[1][2]["id"] == link["id"]
    assert events[2][2]["disabled"] is True  # an administrator disabled it
    assert events[3][2] == {
        "id": link["id"],
        "workspace_id": world.workspace_id,
        "domain": link["domain"],
        "code": link["code"],
        "target": link["target"],
    }


def test_members_joining_and_leaving_and_new_domains_are_queued(app: Flask, world: World) -> None:
    context.stores_of(app).redis.delete(outbox.STREAM)
    token = _invite(world, "newbie@example.com", "viewer")
    newbie = app.test_client()
    user = verified_signup(app, newbie, "newbie@example.com")
    accepted = newbie.post(f"/api/v1/invitations/{token}/accept", headers=csrf(newbie))
    assert accepted.status_code == 200, accepted.data
    removed = world["owner"].call(
        "DELETE", f"/api/v1/workspaces/{world.workspace_id}/members/{user['id']}"
    )
    assert removed.status_code == 204
    made = world["instance_admin"].call("POST", "/api/v1/admin/domains", {"host": "go.example"})
    assert made.status_code == 201, made.data
    member = {"workspace_id": world.workspace_id, "user_id": user["id"], "role": "viewer"}
    assert _events(app) == [
        ("member.added", world.workspace_id, member),
        ("member.removed", world.workspace_id, member),
        ("domain.created", "", {"host": "go.example"}),  # every workspace
    ]


def test_an_event_is_queued_not_sent_even_without_hooks(app: Flask) -> None:
    client = app.test_client()
    signup(client, "solo@example.com")
    before = context.stores_of(app).redis.xlen(outbox.STREAM)
    client.post("/api/v1/links", json={"target": "https://example.com"}, headers=csrf(client))
    assert context.stores_of(app).redis.xlen(outbox.STREAM) == before + 1


def test_the_log_keeps_the_last_100_finished_deliveries(app: Flask) -> None:
    repo = WebhookRepository(context.stores_of(app).db)
    hook_id, start = "6b0000000000000000000001", now()
    for i in range(LOG_SIZE + 5):
        repo.add_delivery(
            Delivery(
                hook_id=hook_id,
                workspace_id=hook_id,
                event_type="link.created",
                body="{}",
                status="delivered" if i else "pending",
                created_at=start + timedelta(seconds=i),
            )
        )
    repo.prune(hook_id)
    kept = repo.log(hook_id, limit=1000)
    assert len(kept) == LOG_SIZE + 1  # the newest 100, and the oldest: still pending
    assert kept[-1].status == "pending"


def test_delivery_metrics_are_exported() -> None:
    from flamingo.webhooks import dispatcher  # noqa: PLC0415, F401 - registers the metrics

    names = {metric.name for metric in REGISTRY.collect()}
    assert {
        "flamingo_webhook_deliveries",
        "flamingo_webhook_attempts",
        "flamingo_webhooks_disabled",
        "flamingo_webhook_attempt_duration_seconds",
        "flamingo_webhook_events_dropped",
    } <= names
