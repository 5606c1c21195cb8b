"""``POST /api/v1/links/batch``: per-item results, partial success, bounds."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, user_headers


@pytest.fixture
def app() -> Flask:
    return create_app(
        make_settings(LOG_REQUESTS="false", MAX_REQUEST_BYTES=str(8 * 1024 * 1024), **FAST_HASH)
    )


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


def test_partial_success_keeps_order_and_names_each_failure(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    client.post(
        "/api/v1/links", json={"target": "https://example.com", "alias": "taken"}, headers=alice
    )
    items: list[Any] = [
        {"target": "https://example.com/1", "title": "one"},
        {"target": "javascript:alert(1)"},
        {"target": "https://example.com/3", "alias": "taken"},
        {"target": "https://example.com/4", "alias": "fresh-one"},
        {"target": "https://example.com/5", "max_clicks": 0},
        "not an object",
        {"target": "https://example.com/7", "alias": "fresh-one"},
        {"target": "https://example.com/8", "bogus": True},
    ]
    response = client.post("/api/v1/links/batch", json={"items": items}, headers=alice)
    assert response.status_code == 207, response.data
    body = response.get_json()
    results = body["items"]
    assert [r["index"] for r in results] == list(range(len(items)))
    assert [r["status"] for r in results] == [201, 422, 409, 201, 422, 422, 409, 422]
    assert (body["created"], body["failed"]) == (2, 6)
    assert results[0]["link"]["title"] == "one"
    assert results[3]["link"]["code"] == "fresh-one"
    assert results[2]["error"]["type"].endswith("/alias-taken")
    assert results[4]["error"]["errors"][0]["field"] == "max_clicks"
    assert results[7]["error"]["errors"][0]["field"] == "bogus"
    listed = client.get("/api/v1/links", headers=alice).get_json()["items"]
    assert len(listed) == 3  # "taken" + the two created by the batch


def test_batch_links_redirect_at_once(client: FlaskClient, alice: dict[str, str]) -> None:
    assert client.get("/batch-made").status_code == 404  # now negatively cached
    client.post(
        "/api/v1/links/batch",
        json={"items": [{"target": "https://example.com/x", "alias": "batch-made"}]},
        headers=alice,
    )
    assert client.get("/batch-made").status_code == 302


def test_a_thousand_items_are_accepted(client: FlaskClient, alice: dict[str, str]) -> None:
    items = [{"target": f"https://example.com/{i}"} for i in range(1000)]
    response = client.post("/api/v1/links/batch", json={"items": items}, headers=alice)
    assert response.status_code == 207
    body = response.get_json()
    assert body["created"] == 1000
    assert len({r["link"]["code"] for r in body["items"]}) == 1000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"items": [{"target": "https://example.com"}] * 1001}, "items"),
        ({"items": []}, "items"),
        ({}, "items"),
        ({"items": "https://example.com"}, "items"),
        ({"items": [{"target": "https://example.com"}], "dry_run": True}, "dry_run"),
    ],
)
def test_bad_batches_are_422(
    client: FlaskClient, alice: dict[str, str], body: dict[str, Any], field: str
) -> None:
    response = client.post("/api/v1/links/batch", json=body, headers=alice)
    assert response.status_code == 422
    assert field in {e["field"] for e in problem(response)["errors"]}


def test_batch_needs_write_scope(app: Flask, client: FlaskClient) -> None:
    from tests.support.links import bearer, make_user  # noqa: PLC0415

    headers = bearer(app, make_user(app, "ro@example.com"), ("links:read",))
    response = client.post(
        "/api/v1/links/batch", json={"items": [{"target": "https://example.com"}]}, headers=headers
    )
    assert response.status_code == 403
