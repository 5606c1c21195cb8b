"""``GET /<code>`` on embedded stores: statuses, headers, the cache, 404/410, unlock, max clicks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pymongo.errors import ServerSelectionTimeoutError

from flamingo.app import create_app
from flamingo.clicks.events import buffer_of
from flamingo.core import context
from flamingo.links.cache import cache_key, cache_of
from flamingo.links.domains import DomainRepository
from flamingo.links.repository import LinkRepository
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, user_headers


@pytest.fixture
def app() -> Flask:
    return create_app(
        make_settings(
            LOG_REQUESTS="false",
            PERMANENT_REDIRECT_MAX_AGE="600",
            # The tests count what is buffered: no background flush behind their back.
            CLICK_FLUSH_INTERVAL_MS="3600000",
            **FAST_HASH,
        )
    )


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


def create(client: FlaskClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("target", "https://example.com/landing")
    response = client.post("/api/v1/links", json=body, headers=headers)
    assert response.status_code == 201, response.data
    link: dict[str, Any] = response.get_json()
    return link


def clicks(app: Flask) -> int:
    return len(buffer_of(app))


class Calls:
    """Counts MongoDB lookups by code and Redis commands issued from the test's own thread."""

    def __init__(self) -> None:
        self.mongo = 0
        self.redis = 0


@pytest.fixture
def calls(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Iterator[Calls]:
    counted = Calls()
    me = threading.get_ident()
    by_code = LinkRepository.by_code
    domain_get = DomainRepository.get

    def counting_by_code(self: LinkRepository, *args: Any, **kwargs: Any) -> Any:
        counted.mongo += 1
        return by_code(self, *args, **kwargs)

    def counting_domain_get(self: DomainRepository, host: str) -> Any:
        counted.mongo += 1
        return domain_get(self, host)

    client = context.stores_of(app).redis
    execute = client.execute_command

    def counting_execute(*args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == me:
            counted.redis += 1
        return execute(*args, **kwargs)

    monkeypatch.setattr(LinkRepository, "by_code", counting_by_code)
    monkeypatch.setattr(DomainRepository, "get", counting_domain_get)
    monkeypatch.setattr(client, "execute_command", counting_execute)
    yield counted


def test_redirect_is_302_by_default(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice)
    response = client.get("/" + link["code"])
    assert response.status_code == 302
    assert response.headers["Location"] == "https://example.com/landing"
    assert response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("status", [301, 307, 308])
def test_chosen_status_and_bounded_cache_for_permanent(
    client: FlaskClient, alice: dict[str, str], status: int
) -> None:
    link = create(client, alice, redirect_status=status)
    response = client.get("/" + link["code"])
    assert response.status_code == status
    expected = "private, max-age=600" if status in (301, 308) else "private, no-store"
    assert response.headers["Cache-Control"] == expected


def test_permanent_max_age_never_outlives_the_expiry(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    soon = (datetime.now(UTC) + timedelta(seconds=120)).isoformat()
    link = create(client, alice, redirect_status=301, expires_at=soon)
    max_age = int(client.get("/" + link["code"]).headers["Cache-Control"].split("=")[1])
    assert 0 < max_age <= 120


def test_cache_hit_makes_no_mongo_call_and_no_redis_round_trip(
    app: Flask, client: FlaskClient, alice: dict[str, str], calls: Calls
) -> None:
    link, other = create(client, alice), create(client, alice)
    # A miss: one read of the link, plus one of its domain the first time the process sees it.
    assert client.get("/" + link["code"]).status_code == 302
    assert calls.mongo == 2
    assert client.get("/" + other["code"]).status_code == 302
    assert calls.mongo == 3, "the domain is cached: a miss is one read"
    before = calls.redis
    for _ in range(5):
        assert client.get("/" + link["code"]).status_code == 302
    assert calls.mongo == 3
    assert calls.redis == before  # the click went to the in-process buffer
    assert clicks(app) == 7


def test_capped_link_costs_exactly_one_redis_round_trip(
    client: FlaskClient, alice: dict[str, str], calls: Calls
) -> None:
    link = create(client, alice, max_clicks=100)
    client.get("/" + link["code"])
    before_mongo, before_redis = calls.mongo, calls.redis
    assert client.get("/" + link["code"]).status_code == 302
    assert (calls.mongo, calls.redis) == (before_mongo, before_redis + 1)


def test_edit_and_delete_invalidate_the_cache(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice)
    url = f"/api/v1/links/{link['id']}"
    assert client.get("/" + link["code"]).headers["Location"] == "https://example.com/landing"
    client.patch(url, json={"target": "https://example.org/v2"}, headers=alice)
    assert client.get("/" + link["code"]).headers["Location"] == "https://example.org/v2"
    client.patch(url, json={"redirect_status": 307}, headers=alice)
    assert client.get("/" + link["code"]).status_code == 307
    client.patch(url, json={"disabled": True}, headers=alice)
    assert client.get("/" + link["code"]).status_code == 410
    client.patch(url, json={"disabled": False}, headers=alice)
    assert client.get("/" + link["code"]).status_code == 307
    client.delete(url, headers=alice)
    assert client.get("/" + link["code"]).status_code == 404


def test_unknown_code_is_404_and_negatively_cached_until_created(
    client: FlaskClient, alice: dict[str, str], calls: Calls
) -> None:
    for _ in range(3):
        response = client.get("/later-alias")
        assert response.status_code == 404
        assert response.mimetype == "text/html"
        assert "no link" in response.get_data(as_text=True)
    assert calls.mongo == 2, "one read of the code and one of its domain, then both cached"
    create(client, alice, alias="later-alias")
    assert client.get("/later-alias").status_code == 302


def test_json_clients_get_problem_details(client: FlaskClient, alice: dict[str, str]) -> None:
    response = client.get("/nothing-here", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert problem(response)["type"].endswith("/link-not-found")
    html_first = client.get("/nothing-here", headers={"Accept": "text/html,*/*;q=0.8"})
    assert html_first.mimetype == "text/html"


@pytest.mark.parametrize("path", ["/api", "/app", "/healthz", "/metrics", "/readyz"])
def test_service_routes_are_not_shadowed(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code != 302
    assert response.headers.get("Location") is None


def test_reserved_and_malformed_codes_are_404_without_a_lookup(
    client: FlaskClient, calls: Calls
) -> None:
    for path in ("/login", "/api", "/favicon.ico", "/a.b", "/" + "x" * 65):
        assert client.get(path).status_code == 404
    assert calls.mongo == 0


def test_head_answers_but_is_not_a_click(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(client, alice, max_clicks=1)
    for _ in range(3):
        head = client.head("/" + link["code"])
        assert head.status_code == 302 and head.headers["Location"].startswith("https://")
    assert clicks(app) == 0
    assert client.get("/" + link["code"]).status_code == 302  # the cap is untouched by HEADs
    assert clicks(app) == 1
    assert client.head("/" + link["code"]).status_code == 410


def test_max_clicks_then_410(app: Flask, client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice, max_clicks=3)
    statuses = [client.get("/" + link["code"]).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 410, 410]
    assert clicks(app) == 3
    got = client.get(f"/api/v1/links/{link['id']}", headers=alice).get_json()
    assert got["clicks_used"] >= 3


def test_expired_link_is_410(app: Flask, client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice)
    # The API refuses a past expiry, so age the stored link (and drop it from the cache).
    repo = LinkRepository(context.stores_of(app).db)
    stored = repo.by_code(link["domain"], link["code"])
    assert stored is not None
    repo.update(stored, stored.changed({"expires_at": datetime.now(UTC) - timedelta(seconds=1)}))
    cache_of(app).drop(cache_key(link["domain"], link["code"]))
    response = client.get("/" + link["code"])
    assert response.status_code == 410 and "expired" in response.get_data(as_text=True)
    as_json = client.get("/" + link["code"], headers={"Accept": "application/problem+json"})
    assert problem(as_json)["type"].endswith("/link-gone")


def test_password_protected_link_goes_through_unlock(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(client, alice, password="open sesame", max_clicks=1)
    response = client.get("/" + link["code"])
    assert response.status_code == 302
    assert response.headers["Location"] == f"/app/unlock/{link['code']}"
    assert clicks(app) == 0

    url = f"/api/v1/unlock/{link['code']}"
    wrong = client.post(url, json={"password": "guess"})
    assert wrong.status_code == 403 and problem(wrong)["type"].endswith("/wrong-password")
    assert client.post(url, json={}).status_code == 422
    assert client.post(url, json={"password": "open sesame", "x": 1}).status_code == 422
    right = client.post(url, json={"password": "open sesame"})
    assert right.status_code == 200 and right.get_json() == {"target": link["target"]}
    assert clicks(app) == 1
    # The only allowed click was used by the unlock.
    assert client.post(url, json={"password": "open sesame"}).status_code == 410
    assert client.post("/api/v1/unlock/nope-nope", json={"password": "x"}).status_code == 404


def test_unlock_is_rate_limited(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice, password="open sesame")
    statuses = [
        client.post(f"/api/v1/unlock/{link['code']}", json={"password": "nope"}).status_code
        for _ in range(12)
    ]
    assert statuses[:10] == [403] * 10
    assert statuses[-1] == 429


def test_mongo_down_cached_redirects_work_and_the_api_says_503(
    app: Flask, client: FlaskClient, alice: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    link = create(client, alice)
    assert client.get("/" + link["code"]).status_code == 302  # now cached

    def down(*args: Any, **kwargs: Any) -> Any:
        raise ServerSelectionTimeoutError("no servers")

    monkeypatch.setattr(LinkRepository, "by_code", down)
    monkeypatch.setattr(LinkRepository, "by_id", down)
    monkeypatch.setattr(LinkRepository, "page", down)
    assert client.get("/" + link["code"]).status_code == 302
    uncached = client.get("/not-cached-code")
    assert uncached.status_code == 503
    assert problem(uncached)["type"].endswith("/dependency-unavailable")
    listed = client.get("/api/v1/links", headers=alice)
    assert listed.status_code == 503 and listed.headers["Retry-After"] == "5"


def test_location_is_always_ascii(app: Flask, client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice)
    # A target stored before today's URL policy quoted it (or by hand) is still sent safely.
    repo = LinkRepository(context.stores_of(app).db)
    stored = repo.by_code(link["domain"], link["code"])
    assert stored is not None
    repo.update(stored, stored.changed({"target": "https://example.com/ünï?q=é"}))
    cache_of(app).drop(cache_key(link["domain"], link["code"]))
    response = client.get("/" + link["code"])
    assert response.headers["Location"] == "https://example.com/%C3%BCn%C3%AF?q=%C3%A9"
    assert response.headers["Content-Length"] == "0" and response.data == b""
