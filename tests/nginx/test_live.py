"""The live feeds through the project's Nginx: routed to LIVE_UPSTREAM (never the API's backend),
passed on event by event, not compressed, allowed to stay open."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.nginx.server import Nginx
from tests.support.processes import Gunicorn, free_port
from tests.support.sse import SseClient

PASSWORD = "a live password"
LIVE_LOCATION = re.compile(r"location ~ \^/api/v1/\S*live\S* \{(?P<body>[^}]*)\}")


@pytest.fixture(scope="module")
def live_only(spa_dist: None, backend: Gunicorn) -> Iterator[Nginx]:
    """Live feeds to the (embedded, feed-holding) backend; everything else to a closed port."""
    server = Nginx(f"127.0.0.1:{free_port()}", LIVE_UPSTREAM=f"127.0.0.1:{backend.port}")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def watcher(backend: Gunicorn) -> tuple[dict[str, Any], str]:
    """A user (signed up at the backend itself) and one of their links; the session cookie."""
    http = requests.Session()
    signup = http.post(
        f"{backend.base}/api/v1/auth/signup",
        json={"email": "nginx-live@example.com", "password": PASSWORD},
        timeout=10,
    )
    assert signup.status_code == 201, signup.text
    created = http.post(
        f"{backend.base}/api/v1/links",
        json={"target": "https://example.com/"},
        headers={"X-CSRF-Token": http.cookies["flamingo_csrf"]},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    return created.json(), "; ".join(f"{c.name}={c.value}" for c in http.cookies)


@pytest.mark.parametrize("form", ["/api/v1/links/{id}/live", "/api/v1/live/links/{id}"])
def test_a_click_reaches_the_browser_through_nginx(
    live_only: Nginx, backend: Gunicorn, watcher: tuple[dict[str, Any], str], form: str
) -> None:
    link, cookie = watcher
    feed = SseClient(
        live_only.base + form.format(id=link["id"]),
        {"Cookie": cookie, "Accept-Encoding": "gzip"},
    )
    try:
        assert feed.status == 200
        assert feed.headers["content-type"].startswith("text/event-stream")
        assert "content-encoding" not in feed.headers
        feed.opened()
        visit = requests.get(f"{backend.base}/{link['code']}", allow_redirects=False, timeout=10)
        assert visit.status_code == 302
        assert feed.next_click()[1]["code"] == link["code"]
    finally:
        feed.close()


def test_the_rest_of_the_api_still_goes_to_the_backend_upstream(live_only: Nginx) -> None:
    """Only the feeds go to LIVE_UPSTREAM: here the backend upstream is a closed port."""
    assert requests.get(f"{live_only.base}/api/v1/version", timeout=10).status_code == 502


def test_the_live_location_streams_and_waits(live_only: Nginx) -> None:
    """What the backend cannot vouch for (its X-Accel-Buffering header covers buffering): the
    location keeps an idle feed open far longer than the API's 60 s, and speaks HTTP/1.1."""
    match = LIVE_LOCATION.search(live_only.config_text)
    assert match, "no live location in the rendered config"
    body = {
        line.split(None, 1)[0]: line.split(None, 1)[1].rstrip(";")
        for line in (raw.strip() for raw in match["body"].splitlines())
        if line and not line.startswith("#")
    }
    assert body["proxy_buffering"] == "off"
    assert body["gzip"] == "off"
    assert body["proxy_http_version"] == "1.1"
    assert body["proxy_read_timeout"] == "1h"
    assert body["proxy_pass"] == "http://$flamingo_live"
