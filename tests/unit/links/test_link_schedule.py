"""Scheduled links (``valid_from``), the link's own ``expired_redirect`` and an admin's disable —
through the API and the redirect (the view on a miss, the fast lane on a hit)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.links.cache import CachedLink, cache_key, cache_of
from tests.conftest import make_settings
from tests.support.links import FAST_HASH, create, user_headers


@pytest.fixture
def app() -> Flask:
    return create_app(
        make_settings(LOG_REQUESTS="false", CLICK_FLUSH_INTERVAL_MS="3600000", **FAST_HASH)
    )


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


def test_valid_from_hides_a_link_until_then_even_if_cached(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    start = datetime.now(UTC) + timedelta(seconds=2)
    link = create(client, alice, valid_from=start.isoformat())
    assert client.get("/" + link["code"]).status_code == 404  # cached now, as the link
    assert client.get("/" + link["code"]).status_code == 404
    # The cache holds the link itself (not "unknown"), so the time alone decides:
    cached = cache_of(app).get(cache_key(link["domain"], link["code"]), count=False)
    assert isinstance(cached, CachedLink) and cached.valid_from == pytest.approx(
        start.timestamp(), abs=0.01
    )
    patched = client.patch(
        f"/api/v1/links/{link['id']}",
        json={"valid_from": (datetime.now(UTC) - timedelta(seconds=1)).isoformat()},
        headers=alice,
    )
    assert patched.status_code == 200
    assert client.get("/" + link["code"]).status_code == 302


def test_a_link_before_its_valid_from_is_served_once_the_time_comes(
    app: Flask, client: FlaskClient, alice: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    start = datetime.now(UTC) + timedelta(hours=1)
    link = create(client, alice, valid_from=start.isoformat())
    assert client.get("/" + link["code"]).status_code == 404
    later = start.timestamp() + 1
    monkeypatch.setattr(time, "time", lambda: later)  # the view and the fast lane read it
    assert client.get("/" + link["code"]).status_code == 302  # the cached entry, no re-read


def test_the_links_own_expired_redirect(client: FlaskClient, alice: dict[str, str]) -> None:
    capped = create(client, alice, max_clicks=1, expired_redirect="https://example.com/sorry")
    assert client.get("/" + capped["code"]).headers["Location"] == "https://example.com/default"
    assert client.get("/" + capped["code"]).headers["Location"] == "https://example.com/sorry"
    disabled = create(client, alice, expired_redirect="https://example.com/sorry")
    client.patch(f"/api/v1/links/{disabled['id']}", json={"disabled": True}, headers=alice)
    assert client.get("/" + disabled["code"]).headers["Location"] == "https://example.com/sorry"


def test_an_admin_disabled_link_never_follows_its_owners_redirect(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(client, alice, expired_redirect="https://example.com/owner-choice")
    admin = user_headers(app, "root@example.com", role="admin")
    assert (
        client.post(f"/api/v1/admin/links/{link['id']}/disable", headers=admin).status_code == 200
    )
    assert client.get("/" + link["code"]).status_code == 410
