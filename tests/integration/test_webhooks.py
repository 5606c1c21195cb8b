"""Webhooks on the real stack: gunicorn (2 workers) on redis-server and FerretDB, a real
receiver on loopback (ALLOW_PRIVATE_TARGETS on), the click worker and the webhook worker against
the same stores. A link made through the API and a visit through the redirect reach the
receiver signed in the Standard Webhooks format (verified with the `standardwebhooks` library);
a receiver that fails on purpose is retried, then the hook is disabled; an address the policy
refuses (a private receiver with ALLOW_PRIVATE_TARGETS off) is refused at create."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import standardwebhooks

from flamingo.clicks.worker import ClickWorker
from flamingo.core.config import load_settings
from flamingo.core.stores import Stores, open_stores
from flamingo.webhooks import outbox
from flamingo.webhooks.dispatcher import Dispatcher
from tests.integration.test_accounts import Browser
from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer
from tests.support.webhook_receiver import Receiver, Reply, running_receiver

pytestmark = pytest.mark.integration
HOST = "flamingo.test"


@pytest.fixture
def service(ferretdb: FerretDB, own_redis: RedisServer) -> Iterator[Service]:
    with running_service(
        ferretdb,
        own_redis,
        RATELIMIT_ENABLED="false",
        PUBLIC_BASE_URL=f"http://{HOST}",
        ALLOW_PRIVATE_TARGETS="true",
    ) as running:
        yield running


@pytest.fixture
def stores(service: Service) -> Iterator[Stores]:
    settings = load_settings(environ=service.env, env_file=None)
    opened = open_stores(settings.stores)
    yield opened
    opened.mongo.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as running:
        yield running


def _dispatcher(service: Service, stores: Stores, **options: Any) -> Dispatcher:
    settings = load_settings(environ=service.env, env_file=None)
    worker = Dispatcher(stores, settings, consumer="it", **options)
    worker.ensure_group()
    return worker


def _owner(service: Service) -> tuple[Browser, str]:
    browser = Browser(service.base)
    user = browser.signup(f"{uuid.uuid4().hex[:10]}@example.com")
    return browser, str(user["id"])


def _hook(browser: Browser, workspace: str, url: str, events: list[str]) -> dict[str, Any]:
    made = browser.call(
        "POST", f"/api/v1/workspaces/{workspace}/webhooks", json={"url": url, "events": events}
    )
    assert made.status_code == 201, made.text
    body: dict[str, Any] = made.json()
    return body


def _until(worker: Dispatcher, done: Any, rounds: int = 50) -> None:
    for _ in range(rounds):
        worker.step(block_ms=100)
        if done():
            return
    raise AssertionError("the worker did not get there")


def test_a_link_and_its_clicks_reach_a_real_receiver_signed(
    service: Service, stores: Stores, receiver: Receiver
) -> None:
    browser, workspace = _owner(service)
    hook = _hook(browser, workspace, receiver.url, ["link.created", "link.clicked"])
    worker = _dispatcher(service, stores)
    made = browser.call("POST", "/api/v1/links", json={"target": "https://example.com/x"})
    assert made.status_code == 201, made.text
    link = made.json()
    _until(worker, lambda: len(receiver.received) == 1)
    verifier = standardwebhooks.Webhook(hook["secret"])
    created = verifier.verify(receiver.received[0].body, receiver.received[0].headers)
    assert (created["type"], created["data"]["id"]) == ("link.created", link["id"])

    outbox.subscribe()  # what `flamingo worker` does: the click batches become events
    for _ in range(3):
        visit = service.get(f"/{link['code']}", headers={"Host": HOST})
        assert visit.status_code == 302
    clicks = ClickWorker(stores.redis, stores.db, consumer="it")
    clicks.ensure_group()
    clicked: list[dict[str, Any]] = []
    for _ in range(50):  # the web workers flush their click buffers on their own clock
        clicks.step(100)
        worker.step(block_ms=100)
        clicked = [verifier.verify(r.body, r.headers) for r in receiver.received[1:]]
        if sum(len(c["data"]["clicks"]) for c in clicked) >= 3:
            break
    assert [c["type"] for c in clicked] == ["link.clicked"] * len(clicked)
    assert sum(len(c["data"]["clicks"]) for c in clicked) == 3
    assert {c["link_id"] for p in clicked for c in p["data"]["clicks"]} == {link["id"]}
    log = browser.call("GET", f"/api/v1/workspaces/{workspace}/webhooks/{hook['id']}/deliveries")
    assert {e["status"] for e in log.json()["items"]} == {"delivered"}


def test_a_failing_receiver_is_retried_then_disabled(
    service: Service, stores: Stores, receiver: Receiver
) -> None:
    receiver.reply = lambda _: Reply(503, b"down for maintenance")
    browser, workspace = _owner(service)
    hook = _hook(browser, workspace, receiver.url, ["link.created"])
    worker = _dispatcher(service, stores, schedule=(0, 0), jitter=0, disable_after=1)
    browser.call("POST", "/api/v1/links", json={"target": "https://example.com/y"})
    path = f"/api/v1/workspaces/{workspace}/webhooks/{hook['id']}"
    _until(worker, lambda: browser.call("GET", path).json()["enabled"] is False)
    assert len(receiver.received) == 3  # 3 attempts, then the hook is off
    [entry] = browser.call("GET", f"{path}/deliveries").json()["items"]
    assert (entry["status"], entry["attempts"], entry["status_code"]) == ("failed", 3, 503)
    assert entry["response_excerpt"] == "down for maintenance"
    audit = browser.call("GET", f"/api/v1/workspaces/{workspace}/audit?action=webhook.disable")
    assert [e["target_id"] for e in audit.json()["items"]] == [hook["id"]]


def test_a_private_receiver_is_refused_without_allow_private(
    ferretdb: FerretDB, own_redis: RedisServer, receiver: Receiver
) -> None:
    with running_service(
        ferretdb, own_redis, RATELIMIT_ENABLED="false", PUBLIC_BASE_URL=f"http://{HOST}"
    ) as strict:
        browser, workspace = _owner(strict)
        for url in (receiver.url, f"http://localhost:{receiver.port}/hook"):
            refused = browser.call(
                "POST",
                f"/api/v1/workspaces/{workspace}/webhooks",
                json={"url": url, "events": ["link.created"]},
            )
            assert refused.status_code == 422, refused.text
            assert refused.json()["type"].endswith("target-private-address")
