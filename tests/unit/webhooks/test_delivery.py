"""Real deliveries to a real HTTP receiver on loopback (ALLOW_PRIVATE_TARGETS on, as a
developer's receiver needs), verified with the `standardwebhooks` library as a receiver would;
retries, disabling (410, and a run of failed deliveries: audited and mailed), no redirect
followed, the answer capped, batched clicks, the test event and a redelivery."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import standardwebhooks
from aiosmtpd.controller import Controller
from flask import Flask
from prometheus_client import REGISTRY

from flamingo.audit.repository import AuditRepository
from flamingo.core import context, signals
from flamingo.webhooks import outbox, transport
from flamingo.webhooks.dispatcher import Dispatcher
from tests.support.processes import free_port
from tests.support.webhook_receiver import Receiver, Reply, running_receiver
from tests.support.workspaces import World, build_world
from tests.unit.accounts.test_accounts import accounts_app
from tests.unit.workspaces.test_invitation_mail import Inbox

BASE = {"RATELIMIT_ENABLED": "false", "PUBLIC_BASE_URL": "http://flamingo.example"}


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    box, port = Inbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


@pytest.fixture
def app(inbox: tuple[Inbox, int]) -> Flask:
    return accounts_app(
        **BASE,
        ALLOW_PRIVATE_TARGETS="true",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(inbox[1]),
        SMTP_STARTTLS="false",
        SMTP_FROM="links@example.com",
    )


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as running:
        yield running


def dispatcher(app: Flask, **options: Any) -> Dispatcher:
    worker = Dispatcher(
        context.stores_of(app), context.settings_of(app), consumer="test", **options
    )
    context.stores_of(app).redis.delete(outbox.STREAM)  # the embedded Redis outlives an app
    worker.ensure_group()
    return worker


def hook(world: World, url: str, events: list[str], caller: str = "owner") -> dict[str, Any]:
    path = f"/api/v1/workspaces/{world.workspace_id}/webhooks"
    created = world[caller].call("POST", path, {"url": url, "events": events})
    assert created.status_code == 201, created.data
    body: dict[str, Any] = created.get_json()
    return body


def new_link(world: World, target: str = "https://example.com/new") -> dict[str, Any]:
    made = world["owner"].call(
        "POST", "/api/v1/links", {"target": target, "workspace_id": world.workspace_id}
    )
    assert made.status_code == 201, made.data
    body: dict[str, Any] = made.get_json()
    return body


def log(world: World, hook_id: str) -> list[dict[str, Any]]:
    path = f"/api/v1/workspaces/{world.workspace_id}/webhooks/{hook_id}/deliveries"
    answer = world["owner"].call("GET", path)
    assert answer.status_code == 200, answer.data
    items: list[dict[str, Any]] = answer.get_json()["items"]
    return items


def verify(secret: str, received: Any) -> dict[str, Any]:
    payload: dict[str, Any] = standardwebhooks.Webhook(secret).verify(
        received.body, received.headers
    )
    return payload


def test_a_new_link_is_delivered_signed_in_the_standard_format(
    world: World, receiver: Receiver
) -> None:
    made = hook(world, receiver.url, ["link.created"])
    worker = dispatcher(world.app)
    link = new_link(world)
    assert receiver.received == []  # never in the request
    worker.step()
    [got] = receiver.received
    payload = verify(made["secret"], got)
    assert payload["type"] == "link.created"
    assert payload["data"]["id"] == link["id"] and payload["data"]["code"] == link["code"]
    assert set(json.loads(got.body)) == {"type", "timestamp", "data"}
    [entry] = log(world, made["id"])
    assert (entry["status"], entry["attempts"], entry["status_code"]) == ("delivered", 1, 200), (
        entry["error"]
    )
    assert entry["msg_id"] == got.headers["webhook-id"]
    assert entry["event_type"] == "link.created" and entry["response_excerpt"] == "ok"
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook("whsec_" + "A" * 43 + "=").verify(got.body, got.headers)


def test_after_a_rotation_both_secrets_verify_for_a_day(world: World, receiver: Receiver) -> None:
    made = hook(world, receiver.url, ["link.deleted"])
    path = f"/api/v1/workspaces/{world.workspace_id}/webhooks/{made['id']}/rotate-secret"
    rotated = world["owner"].call("POST", path).get_json()
    worker = dispatcher(world.app)
    world["owner"].call("DELETE", f"/api/v1/links/{world.link_id}")
    worker.step()
    [got] = receiver.received
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    assert verify(made["secret"], got)["data"]["id"] == world.link_id
    assert verify(rotated["secret"], got)["type"] == "link.deleted"


def _run(worker: Dispatcher, rounds: int) -> None:
    for _ in range(rounds):
        worker.step()


def test_failures_are_retried_then_a_run_of_them_disables_the_hook(
    app: Flask, world: World, receiver: Receiver, inbox: tuple[Inbox, int]
) -> None:
    receiver.reply = lambda _: Reply(500, b"broken")
    disabled = REGISTRY.get_sample_value("flamingo_webhooks_disabled_total", {"reason": "failing"})
    failed = REGISTRY.get_sample_value("flamingo_webhook_deliveries_total", {"outcome": "failed"})
    made = hook(world, receiver.url, ["link.created"])
    worker = dispatcher(app, schedule=(0, 0), jitter=0, disable_after=2)
    new_link(world, "https://example.com/a")
    new_link(world, "https://example.com/b")
    _run(worker, 8)
    entries = log(world, made["id"])
    assert [(e["status"], e["attempts"], e["status_code"]) for e in entries] == [
        ("failed", 3, 500),
        ("failed", 3, 500),
    ]
    assert len(receiver.received) == 6
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert len(set(ids)) == 2  # the same webhook-id on every attempt of a delivery
    state = (
        world["owner"]
        .call("GET", f"/api/v1/workspaces/{world.workspace_id}/webhooks/{made['id']}")
        .get_json()
    )
    assert (state["enabled"], state["disabled_reason"], state["failures"]) == (
        False,
        "failing",
        2,
    )
    after = REGISTRY.get_sample_value("flamingo_webhooks_disabled_total", {"reason": "failing"})
    assert (after or 0) - (disabled or 0) == 1
    fails = REGISTRY.get_sample_value("flamingo_webhook_deliveries_total", {"outcome": "failed"})
    assert (fails or 0) - (failed or 0) == 2
    audit = AuditRepository(context.stores_of(app).db).page(cursor=None, limit=50)
    assert [e.target_id for e in audit.items if e.action == "webhook.disable"] == [made["id"]]
    [(envelope, message)] = [
        (e, m) for e, m in inbox[0].messages if "webhook" in str(m["Subject"]).lower()
    ]
    assert envelope.rcpt_tos == ["owner@example.com"]
    assert made["id"] in message.get_payload()
    new_link(world, "https://example.com/c")
    _run(worker, 2)
    assert len(receiver.received) == 6  # disabled: nothing more is sent


def test_410_disables_the_hook_at_once(world: World, receiver: Receiver) -> None:
    receiver.reply = lambda _: Reply(410, b"gone")
    made = hook(world, receiver.url, ["link.created"])
    worker = dispatcher(world.app, schedule=(0, 0))
    new_link(world)
    _run(worker, 3)
    assert len(receiver.received) == 1
    [entry] = log(world, made["id"])
    assert (entry["status"], entry["status_code"]) == ("failed", 410)
    path = f"/api/v1/workspaces/{world.workspace_id}/webhooks/{made['id']}"
    assert world["owner"].call("GET", path).get_json()["disabled_reason"] == "gone"


def test_a_redirect_is_not_followed(world: World, receiver: Receiver) -> None:
    elsewhere = f"http://127.0.0.1:{receiver.port}/elsewhere"
    receiver.reply = lambda got: (
        Reply(302, b"", {"Location": elsewhere}) if got.path == "/hook" else Reply()
    )
    made = hook(world, receiver.url, ["link.created"])
    worker = dispatcher(world.app, schedule=(3600,))
    new_link(world)
    worker.step()
    assert [r.path for r in receiver.received] == ["/hook"]
    [entry] = log(world, made["id"])
    assert (entry["status"], entry["status_code"]) == ("pending", 302)


def test_the_answer_is_read_only_up_to_the_cap(world: World, receiver: Receiver) -> None:
    receiver.reply = lambda _: Reply(200, b"x" * 200_000)
    made = hook(world, receiver.url, ["link.created"])
    worker = dispatcher(world.app)
    new_link(world)
    worker.step()
    [entry] = log(world, made["id"])
    assert entry["status"] == "delivered"
    assert entry["response_excerpt"] == "x" * transport.EXCERPT_CHARS


def test_clicks_are_batched_by_100_per_delivery(
    app: Flask, world: World, receiver: Receiver
) -> None:
    made = hook(world, receiver.url, ["link.clicked"])
    redis = context.stores_of(app).redis
    worker = dispatcher(app)
    entries = [
        (f"{1700000000000 + i}-0", {"l": world.link_id, "c": "abc", "t": "1700000000000"})
        for i in range(250)
    ]
    other = "0" * 24  # a link of a workspace without a click hook
    signals.clicks_folded(
        redis,
        [*entries, ("1-0", {"l": other, "t": "1"})],
        {world.link_id: world.workspace_id, other: world["owner"].user_id},
    )
    assert redis.xlen(outbox.STREAM) == 3
    _run(worker, 3)
    sizes = sorted(len(verify(made["secret"], r)["data"]["clicks"]) for r in receiver.received)
    assert sizes == [50, 100, 100]
    click = verify(made["secret"], receiver.received[0])["data"]["clicks"][0]
    assert click["link_id"] == world.link_id and "h" not in click and "ip" not in click
    assert sorted(e["events"] for e in log(world, made["id"])) == [50, 100, 100]


def test_the_test_event_and_a_redelivery(world: World, receiver: Receiver) -> None:
    made = hook(world, receiver.url, ["member.added"])
    base = f"/api/v1/workspaces/{world.workspace_id}/webhooks/{made['id']}"
    queued = world["admin"].call("POST", f"{base}/test")
    assert queued.status_code == 202, queued.data
    worker = dispatcher(world.app)
    worker.step()
    [first] = receiver.received
    assert verify(made["secret"], first)["type"] == "webhook.test"
    again = world["admin"].call("POST", f"{base}/deliveries/{queued.get_json()['id']}/redeliver")
    assert again.status_code == 202, again.data
    assert again.get_json()["id"] != queued.get_json()["id"]
    worker.step()
    assert [r.headers["webhook-id"] for r in receiver.received] == [first.headers["webhook-id"]] * 2
    missing = world["admin"].call("POST", f"{base}/deliveries/dlv_nope/redeliver")
    assert missing.status_code == 404


def test_the_connection_goes_to_the_checked_address(
    world: World, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transport, "resolve", lambda host, port: ["127.0.0.1"])
    made = hook(world, f"http://receiver.example.com:{receiver.port}/hook", ["link.created"])
    worker = dispatcher(world.app)
    new_link(world)
    worker.step()
    [got] = receiver.received
    assert got.headers["host"] == f"receiver.example.com:{receiver.port}"
    assert verify(made["secret"], got)["type"] == "link.created"


def test_a_name_rebound_to_loopback_after_the_check_is_refused_at_delivery(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = accounts_app(**BASE)  # ALLOW_PRIVATE_TARGETS off (the default)
    world = build_world(app)
    answers = {"now": ["93.184.216.34"]}
    monkeypatch.setattr(transport, "resolve", lambda host, port: answers["now"])
    made = hook(world, f"http://rebind.example.com:{receiver.port}/hook", ["link.created"])
    answers["now"] = ["127.0.0.1"]  # the name now points inside
    worker = dispatcher(app, schedule=(3600,))
    new_link(world)
    worker.step()
    assert receiver.received == []
    [entry] = log(world, made["id"])
    assert entry["status"] == "pending" and entry["status_code"] is None
    assert entry["error"].startswith("refused (target-private-address)")
