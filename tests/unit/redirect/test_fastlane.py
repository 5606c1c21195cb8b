"""The redirect fast lane answers cache hits of plain links exactly as the Flask view would."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.clicks.events import STREAM, buffer_of
from flamingo.core import context
from flamingo.core.metrics import REQUEST_DURATION
from flamingo.links.cache import CACHE_HITS, CACHE_MISSES, CachedLink, cache_key, cache_of
from flamingo.links.service import LinkService
from flamingo.redirect.fastlane import RedirectFastLane
from tests.conftest import make_settings
from tests.support import metrics
from tests.support.links import FAST_HASH, user_headers


@pytest.fixture
def app() -> Flask:
    return create_app(
        make_settings(
            LOG_REQUESTS="false",
            PERMANENT_REDIRECT_MAX_AGE="600",
            GEO_HEADER="X-Client-Geo-Location",
            # The test decides when the buffer is flushed (it counts what is buffered).
            CLICK_FLUSH_INTERVAL_MS="3600000",
            **FAST_HASH,
        )
    )


@pytest.fixture
def headers(app: Flask) -> dict[str, str]:
    return user_headers(app, "fast@example.com")


@pytest.fixture
def view_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Codes that reached the Flask view (i.e. were not answered by the fast lane)."""
    seen: list[str] = []
    original = LinkService.for_redirect

    def spy(self: LinkService, host: str, code: str) -> Any:
        seen.append(code)
        return original(self, host, code)

    monkeypatch.setattr(LinkService, "for_redirect", spy)
    return seen


def create(client: FlaskClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("target", "https://example.com/landing?q=1")
    response = client.post("/api/v1/links", json=body, headers=headers)
    assert response.status_code == 201, response.data
    link: dict[str, Any] = response.get_json()
    return link


def test_is_installed_inside_the_app(app: Flask) -> None:
    layer: Any = app.wsgi_app
    while not isinstance(layer, RedirectFastLane):
        layer = layer.app  # ProxyFix when TRUSTED_PROXY_COUNT > 0
    assert isinstance(layer, RedirectFastLane)


def test_hit_is_answered_without_the_view_and_like_it(
    client: FlaskClient, headers: dict[str, str], view_calls: list[str], app: Flask
) -> None:
    link = create(client, headers, redirect_status=308)
    first = client.get(f"/{link['code']}")  # a miss: the view looks it up and caches it
    assert view_calls == [link["code"]]
    hits_before = metrics.counter(CACHE_HITS)
    clicks_before = len(buffer_of(app))
    second = client.get(
        f"/{link['code']}",
        headers={
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0",
            "Referer": "https://news.example.org/item?id=1",
            "X-Client-Geo-Location": "NL,Amsterdam",
            "X-Request-ID": "trace-me-1",
        },
    )
    assert view_calls == [link["code"]], "the hit must not reach the view"
    for response in (first, second):
        assert response.status_code == 308
        assert response.headers["Location"] == "https://example.com/landing?q=1"
        assert response.headers["Cache-Control"] == "private, max-age=600"
        assert response.data == b""
    assert second.headers["X-Request-ID"] == "trace-me-1"
    assert metrics.counter(CACHE_HITS) == hits_before + 1
    assert len(buffer_of(app)) == clicks_before + 1
    assert buffer_of(app).flush() >= 1
    # One embedded Redis per test process: other apps' clicks may be in the stream too.
    mine = [f for _, f in context.stores_of(app).redis.xrange(STREAM) if f["c"] == link["code"]]
    event = mine[-1]
    assert (event["c"], event["l"]) == (link["code"], link["id"])
    assert (event["r"], event["g"]) == ("news.example.org", "NL")
    assert event["u"].startswith("Mozilla/5.0")
    assert "127.0.0.1" not in event.values(), "the address only enters the visitor hash"


def test_head_hit_is_answered_but_not_a_click(
    client: FlaskClient, headers: dict[str, str], view_calls: list[str], app: Flask
) -> None:
    link = create(client, headers)
    client.get(f"/{link['code']}")
    clicks_before = len(buffer_of(app))
    response = client.head(f"/{link['code']}")
    assert response.status_code == 302
    assert response.headers["Location"] == "https://example.com/landing?q=1"
    assert len(buffer_of(app)) == clicks_before
    assert view_calls == [link["code"]]


def test_generated_request_id_and_metrics_label(
    client: FlaskClient, headers: dict[str, str]
) -> None:
    link = create(client, headers)
    client.get(f"/{link['code']}")
    labels = {"route": "/<code:code>", "method": "GET", "status": "302"}
    before = metrics.histogram_sum(REQUEST_DURATION, **labels)
    response = client.get(f"/{link['code']}", headers={"X-Request-ID": 'bad "id"'})
    assert len(response.headers["X-Request-ID"]) == 32
    assert response.headers["X-Request-ID"] != 'bad "id"'
    assert metrics.histogram_sum(REQUEST_DURATION, **labels) > before


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"password": "open sesame 123"}, 302),  # to the unlock page, from the view
        ({"max_clicks": 5}, 302),  # the atomic cap lives in the view
    ],
)
def test_special_links_go_through_the_view(
    client: FlaskClient,
    headers: dict[str, str],
    view_calls: list[str],
    body: dict[str, Any],
    status: int,
) -> None:
    link = create(client, headers, **body)
    for _ in range(2):
        assert client.get(f"/{link['code']}").status_code == status
    assert view_calls == [link["code"], link["code"]]


def test_expired_hit_goes_to_the_view_for_its_410(
    client: FlaskClient, headers: dict[str, str], view_calls: list[str], app: Flask
) -> None:
    soon = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    link = create(client, headers, expires_at=soon)
    client.get(f"/{link['code']}")
    # Move the cached copy past its expiry without touching the cache's own TTL.
    cache = cache_of(app)
    key = cache_key(link["domain"], link["code"])
    cached = cache.get(key, count=False)
    assert isinstance(cached, CachedLink), "the first visit must have cached the link"
    cache.put(key, dataclasses.replace(cached, expires_at=1.0), cache.epoch)
    response = client.get(f"/{link['code']}")
    assert response.status_code == 410
    assert view_calls == [link["code"], link["code"]]


def test_misses_unknown_codes_and_other_methods_fall_through(
    client: FlaskClient, view_calls: list[str]
) -> None:
    misses = metrics.counter(CACHE_MISSES)
    assert client.get("/NoSuchCode1").status_code == 404
    assert client.get("/NoSuchCode1").status_code == 404  # negative cache, still the view's page
    assert view_calls == ["NoSuchCode1", "NoSuchCode1"]
    # The fast lane does not count the miss the view counts again.
    assert metrics.counter(CACHE_MISSES) == misses + 1
    assert client.post("/NoSuchCode1").status_code == 405
    assert client.get("/healthz").status_code == 200
