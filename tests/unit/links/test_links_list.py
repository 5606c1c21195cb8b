"""The links list's clicks (total, last 7 days), state badges and ``?sort=newest|clicks``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from bson import ObjectId
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.clicks import events as clicks
from flamingo.clicks.events import STREAM
from flamingo.clicks.worker import ClickWorker
from flamingo.core import context
from flamingo.links.listing import RECENT_CLICKS
from flamingo.stats.migrations import count_link_clicks
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, user_headers

FUTURE = (datetime.now(UTC) + timedelta(days=3)).isoformat()


@pytest.fixture
def app() -> Flask:
    app = create_app(
        make_settings(LOG_REQUESTS="false", CLICK_FLUSH_INTERVAL_MS="3600000", **FAST_HASH)
    )
    context.stores_of(app).redis.delete(STREAM)  # one embedded Redis per process
    return app


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


def create(client: FlaskClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("target", "https://example.com/a")
    response = client.post("/api/v1/links", json=body, headers=headers)
    assert response.status_code == 201, response.data
    link: dict[str, Any] = response.get_json()
    return link


def visit(app: Flask, client: FlaskClient, link: dict[str, Any], times: int = 1) -> None:
    for _ in range(times):
        client.get(f"/{link['code']}")
    clicks.buffer_of(app).flush()
    stores = context.stores_of(app)
    worker = ClickWorker(stores.redis, stores.db, consumer="test")
    worker.ensure_group()
    while worker.step(block_ms=0):
        pass


def listing(client: FlaskClient, headers: dict[str, str], **params: str) -> dict[str, Any]:
    response = client.get("/api/v1/links", query_string=params, headers=headers)
    assert response.status_code == 200, response.data
    body: dict[str, Any] = response.get_json()
    return body


def by_id(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in body["items"]}


def test_each_item_has_its_clicks_total_and_last_7_days(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    busy, quiet = create(client, alice), create(client, alice)
    visit(app, client, busy, 3)
    # A click 10 days ago counts in the total, not in the last 7 days.
    db = context.stores_of(app).db
    old_day = (date.today() - timedelta(days=10)).isoformat()
    db.click_days.insert_one(
        {"_id": f"{busy['id']}:{old_day}", "link_id": busy["id"], "day": old_day, "total": 5}
    )
    db.links.update_one({"_id": ObjectId(busy["id"])}, {"$inc": {"clicks_total": 5}})
    items = by_id(listing(client, alice))
    assert items[busy["id"]]["clicks"] == {"total": 8, "last_7_days": 3}
    assert items[quiet["id"]]["clicks"] == {"total": 0, "last_7_days": 0}


def test_recent_clicks_are_read_once_per_page_not_per_link(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    for _ in range(5):
        create(client, alice)
    calls: list[Sequence[str]] = []
    real = RECENT_CLICKS.of(app)

    def counting(ids: Sequence[str], first: date) -> dict[str, int]:
        calls.append(ids)
        return real(ids, first)

    RECENT_CLICKS.put(app, counting)
    listing(client, alice)
    assert len(calls) == 1 and len(calls[0]) == 5


def test_states(app: Flask, client: FlaskClient, alice: dict[str, str]) -> None:
    db = context.stores_of(app).db
    active = create(client, alice)
    disabled = create(client, alice)
    client.patch(f"/api/v1/links/{disabled['id']}", json={"disabled": True}, headers=alice)
    blocked = create(client, alice)
    db.links.update_one(
        {"_id": ObjectId(blocked["id"])}, {"$set": {"disabled": True, "disabled_by_admin": True}}
    )
    scheduled = create(client, alice, valid_from=FUTURE)
    expired = create(client, alice, expires_at=FUTURE)
    past = datetime.now(UTC) - timedelta(minutes=1)
    db.links.update_one({"_id": ObjectId(expired["id"])}, {"$set": {"expires_at": past}})
    used_up = create(client, alice, max_clicks=1)
    capped = create(client, alice, max_clicks=5)
    visit(app, client, used_up)
    visit(app, client, capped)
    states = {i: item["state"] for i, item in by_id(listing(client, alice)).items()}
    assert states == {
        active["id"]: "active",
        disabled["id"]: "disabled",
        blocked["id"]: "admin-disabled",
        scheduled["id"]: "scheduled",
        expired["id"]: "expired",
        used_up["id"]: "used-up",
        capped["id"]: "active",
    }


def test_sort_by_clicks_pages_every_link_once_in_order(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    links = [create(client, alice, title=f"l{i}") for i in range(7)]
    # Clicks 0, 2, 1, 2, 0, 3, 0: ties and links never clicked (no counter yet) included.
    for link, n in zip(links, [0, 2, 1, 2, 0, 3, 0], strict=True):
        if n:
            visit(app, client, link, n)
    seen: list[tuple[int, str]] = []
    cursor = None
    while True:
        params = {"sort": "clicks", "limit": "2", **({"cursor": cursor} if cursor else {})}
        body = listing(client, alice, **params)
        seen += [(item["clicks"]["total"], item["title"]) for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    # Most clicked first; ties newest (highest id) first.
    counts = [0, 2, 1, 2, 0, 3, 0]
    ranked = sorted(zip(counts, links, strict=True), key=lambda p: (p[0], p[1]["id"]), reverse=True)
    assert seen == [(n, link["title"]) for n, link in ranked]
    assert seen[:4] == [(3, "l5"), (2, "l3"), (2, "l1"), (1, "l2")]


def test_newest_is_the_default_order(client: FlaskClient, alice: dict[str, str]) -> None:
    first, second = create(client, alice), create(client, alice)
    ids = [item["id"] for item in listing(client, alice, sort="newest")["items"]]
    assert ids == [second["id"], first["id"]]
    assert [item["id"] for item in listing(client, alice)["items"]] == ids


@pytest.mark.parametrize("cursor", ["!!!", "bgAAAA", "YWJj"])
def test_malformed_clicks_cursor_is_400(
    client: FlaskClient, alice: dict[str, str], cursor: str
) -> None:
    response = client.get(
        "/api/v1/links", query_string={"sort": "clicks", "cursor": cursor}, headers=alice
    )
    assert response.status_code == 400
    assert problem(response)["type"].endswith("invalid-cursor")


def test_unknown_sort_is_422(client: FlaskClient, alice: dict[str, str]) -> None:
    response = client.get("/api/v1/links", query_string={"sort": "oldest"}, headers=alice)
    assert response.status_code == 422


def test_migration_counts_the_clicks_of_links_from_before(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    old, new = create(client, alice), create(client, alice)
    visit(app, client, old, 2)
    db = context.stores_of(app).db
    # As before this release: clicks in the buckets, no count on the link.
    db.links.update_many({}, {"$unset": {"clicks_total": ""}})
    assert count_link_clicks(db) == 2
    assert by_id(listing(client, alice))[old["id"]]["clicks"]["total"] == 2
    assert by_id(listing(client, alice))[new["id"]]["clicks"]["total"] == 0
    assert count_link_clicks(db) == 0  # idempotent


def test_the_admin_list_names_each_owner_by_email(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(client, alice)
    admin = user_headers(app, "root@example.com", role="admin")
    items = client.get("/api/v1/admin/links", headers=admin).get_json()["items"]
    assert [(item["id"], item["owner_email"]) for item in items] == [
        (link["id"], "alice@example.com")
    ]
    assert items[0]["state"] == "active" and items[0]["clicks"]["total"] == 0
