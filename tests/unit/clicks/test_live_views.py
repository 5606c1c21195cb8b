"""The live feed API on embedded stores: who may watch, what a feed sends, the per-process cap."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.clicks import live
from flamingo.clicks.events import make_event
from flamingo.clicks.livefeed import Feed
from flamingo.core import context
from tests.conftest import make_settings, problem
from tests.support.links import bearer, make_user

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)


def _app(**values: str) -> Flask:
    app = create_app(make_settings(LOG_REQUESTS="false", LIVE_HEARTBEAT_SECONDS="1", **values))
    redis = context.stores_of(app).redis
    for key in redis.keys("flamingo:live:*"):  # one embedded Redis per process
        redis.delete(key)
    return app


@pytest.fixture
def app() -> Flask:
    return _app(LIVE_MAX_CONNECTIONS="2")


@pytest.fixture
def owner(app: Flask) -> dict[str, str]:
    return bearer(app, make_user(app, "owner@example.com"))


@pytest.fixture
def link(client: FlaskClient, owner: dict[str, str]) -> dict[str, Any]:
    response = client.post("/api/v1/links", json={"target": "https://example.com/"}, headers=owner)
    assert response.status_code == 201, response.data
    body: dict[str, Any] = response.get_json()
    return body


def _click(app: Flask, link: dict[str, Any], entry_id: str) -> None:
    """What the worker does with a processed click (flamingo.clicks.worker → live.publish)."""
    event = make_event(
        link["code"],
        link["id"],
        user_agent=CHROME,
        referer="https://ref.example/x",
        geo="FR",
        address="198.51.100.7",
        key=b"k" * 32,
    )
    live.publish(
        context.stores_of(app).redis, [(entry_id, event)], {link["id"]: link["workspace_id"]}
    )


def _messages(response: Any) -> Iterator[str]:
    for chunk in response.response:
        yield chunk.decode() if isinstance(chunk, bytes) else chunk


def _next_click(messages: Iterator[str]) -> tuple[str, dict[str, Any]]:
    for message in messages:  # heartbeats (": keep-alive") are skipped; the feed never ends here
        if message.startswith("id: "):
            lines = dict(line.split(": ", 1) for line in message.strip().split("\n"))
            assert lines["event"] == "click"
            return lines["id"], json.loads(lines["data"])
    raise AssertionError("the feed ended")


def test_a_link_feed_sends_each_click(
    app: Flask, client: FlaskClient, owner: dict[str, str], link: dict[str, Any]
) -> None:
    response = client.get(f"/api/v1/links/{link['id']}/live", headers=owner, buffered=False)
    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Accel-Buffering"] == "no"
    messages = _messages(response)
    assert next(messages) == "retry: 2000\n\n"
    _click(app, link, "1700000000000-5")
    _, data = _next_click(messages)
    assert data["id"] == "1700000000000-5"
    assert (data["code"], data["country"], data["referrer"]) == (link["code"], "FR", "ref.example")
    response.close()


def test_a_new_feed_starts_after_what_was_already_there(
    app: Flask, client: FlaskClient, owner: dict[str, str], link: dict[str, Any]
) -> None:
    _click(app, link, "1-0")
    response = client.get(f"/api/v1/links/{link['id']}/live", headers=owner, buffered=False)
    messages = _messages(response)
    _click(app, link, "2-0")
    assert _next_click(messages)[1]["id"] == "2-0"
    response.close()


def test_last_event_id_resumes_where_the_client_left(
    app: Flask, client: FlaskClient, owner: dict[str, str], link: dict[str, Any]
) -> None:
    response = client.get(f"/api/v1/links/{link['id']}/live", headers=owner, buffered=False)
    messages = _messages(response)
    _click(app, link, "1-0")
    seen, _ = _next_click(messages)
    response.close()
    _click(app, link, "2-0")  # while the client was away
    _click(app, link, "3-0")
    again = client.get(
        f"/api/v1/links/{link['id']}/live",
        headers={**owner, "Last-Event-ID": seen},
        buffered=False,
    )
    messages = _messages(again)
    assert [_next_click(messages)[1]["id"] for _ in range(2)] == ["2-0", "3-0"]
    again.close()


def test_the_workspace_feed_sends_its_links_clicks(
    app: Flask, client: FlaskClient, owner: dict[str, str], link: dict[str, Any]
) -> None:
    response = client.get(
        f"/api/v1/workspaces/{link['workspace_id']}/live", headers=owner, buffered=False
    )
    assert response.status_code == 200
    messages = _messages(response)
    _click(app, link, "7-0")
    assert _next_click(messages)[1]["link_id"] == link["id"]
    response.close()


def test_a_silent_feed_sends_keep_alive_comments(
    client: FlaskClient, owner: dict[str, str], link: dict[str, Any]
) -> None:
    response = client.get(f"/api/v1/links/{link['id']}/live", headers=owner, buffered=False)
    messages = _messages(response)
    next(messages)  # retry:
    assert next(messages) == ": keep-alive\n\n"  # LIVE_HEARTBEAT_SECONDS=1, nothing clicked
    response.close()


@pytest.mark.parametrize("path", ["/api/v1/links/{link}/live", "/api/v1/live/links/{link}"])
def test_others_get_404_like_stats(
    app: Flask, client: FlaskClient, link: dict[str, Any], path: str
) -> None:
    stranger = bearer(app, make_user(app, "stranger@example.com"))
    stats = client.get(f"/api/v1/links/{link['id']}/stats", headers=stranger)
    feed = client.get(path.format(link=link["id"]), headers=stranger)
    assert stats.status_code == feed.status_code == 404
    assert problem(feed)["type"].endswith("/not-found")
    workspace = client.get(f"/api/v1/workspaces/{link['workspace_id']}/live", headers=stranger)
    assert workspace.status_code == 404


def test_without_credentials_or_scope_like_stats(
    app: Flask, client: FlaskClient, link: dict[str, Any]
) -> None:
    assert client.get(f"/api/v1/links/{link['id']}/live").status_code == 401
    links_only = bearer(app, make_user(app, "scoped@example.com"), ("links:read",))
    assert client.get(f"/api/v1/links/{link['id']}/live", headers=links_only).status_code == 403


def test_a_bad_last_event_id_is_a_400(
    client: FlaskClient, owner: dict[str, str], link: dict[str, Any]
) -> None:
    response = client.get(
        f"/api/v1/links/{link['id']}/live", headers={**owner, "Last-Event-ID": "yesterday"}
    )
    assert response.status_code == 400
    assert problem(response)["type"].endswith("/invalid-last-event-id")


def test_beyond_the_cap_is_a_503_until_a_feed_ends(
    client: FlaskClient, owner: dict[str, str], link: dict[str, Any]
) -> None:
    path = f"/api/v1/links/{link['id']}/live"
    held = [client.get(path, headers=owner, buffered=False) for _ in range(2)]  # the cap: 2
    assert [r.status_code for r in held] == [200, 200]
    refused = client.get(path, headers=owner)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"]
    assert problem(refused)["type"].endswith("/live-capacity")
    held[0].close()  # the client left: gunicorn closes the generator
    again = client.get(path, headers=owner, buffered=False)
    assert again.status_code == 200
    again.close()
    held[1].close()


def test_a_process_without_feeds_sends_them_to_the_live_prefix() -> None:
    app = _app(LIVE_MAX_CONNECTIONS="0")
    client = app.test_client()
    owner = bearer(app, make_user(app, "api@example.com"))
    made = client.post("/api/v1/links", json={"target": "https://example.com/"}, headers=owner)
    link_id, workspace_id = made.get_json()["id"], made.get_json()["workspace_id"]
    moved = client.get(f"/api/v1/links/{link_id}/live?x=1", headers=owner)
    assert moved.status_code == 307
    assert moved.headers["Location"] == f"/api/v1/live/links/{link_id}?x=1"
    moved = client.get(f"/api/v1/workspaces/{workspace_id}/live", headers=owner)
    assert moved.headers["Location"] == f"/api/v1/live/workspaces/{workspace_id}"
    odd = client.get("/api/v1/links/%C3%94%0D%25x/live?q=%0D%C3%A9&r", headers=owner)
    assert odd.status_code == 307  # not a 500: the Location is percent-encoded ASCII
    assert odd.headers["Location"] == "/api/v1/live/links/%C3%94%0D%25x?q=%0D%C3%A9&r"
    here = client.get(f"/api/v1/live/links/{link_id}", headers=owner)
    assert here.status_code == 421
    assert problem(here)["type"].endswith("/live-not-served-here")


def test_a_draining_process_ends_its_feeds_and_frees_the_slot() -> None:
    released: list[bool] = []
    feed = Feed(
        client=None,  # type: ignore[arg-type]  # never read: the process drains at once
        stream=live.link_feed("65a1b2c3d4e5f60718293a4b"),
        after="0-0",
        heartbeat_seconds=15,
        release=lambda: released.append(True),
        draining=lambda: True,
    )
    assert list(feed.frames()) == ["retry: 2000\n\n"]
    assert released == [True]
