"""What the fast lane remembers of a hit (per Host and path) never outlives the cache's truth,
and the client address it reads itself is the one ProxyFix gives the view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import fakeredis
import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.middleware.proxy_fix import ProxyFix

from flamingo.app import create_app
from flamingo.clicks.events import STREAM, buffer_of
from flamingo.core import context
from flamingo.links.cache import CachedLink, LinkCache, cache_key
from flamingo.links.domains import DomainRoutes
from flamingo.links.service import LinkService
from flamingo.redirect.fastlane import client_address
from tests.conftest import make_settings
from tests.support.links import FAST_HASH, user_headers
from tests.unit.links.test_domains import add_domain, create, visit

DEFAULT = "short.example"


@pytest.fixture
def app() -> Flask:
    return create_app(
        make_settings(
            LOG_REQUESTS="false",
            PUBLIC_BASE_URL=f"https://{DEFAULT}",
            TRUSTED_PROXY_COUNT="2",
            CLICK_FLUSH_INTERVAL_MS="3600000",  # the test flushes when it reads the stream
            **FAST_HASH,
        )
    )


@pytest.fixture
def admin(app: Flask) -> dict[str, str]:
    return user_headers(app, "root@example.com", role="admin")


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


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


def _remembered(client: FlaskClient, code: str, view_calls: list[str]) -> None:
    """Visit until the fast lane answers from what it remembers (a miss, then two hits)."""
    for _ in range(3):
        assert visit(client, DEFAULT, f"/{code}").status_code == 302
    assert view_calls.count(code) == 1, "only the first visit may reach the view"


Change = Callable[[FlaskClient, dict[str, str], dict[str, str], dict[str, Any]], None]


def _patch(body: dict[str, Any]) -> Change:
    def change(
        client: FlaskClient, admin: dict[str, str], alice: dict[str, str], link: dict[str, Any]
    ) -> None:
        response = client.patch(f"/api/v1/links/{link['id']}", json=body, headers=alice)
        assert response.status_code == 200, response.data

    return change


def _target_becomes_ours(
    client: FlaskClient, admin: dict[str, str], alice: dict[str, str], link: dict[str, Any]
) -> None:
    add_domain(client, admin, "later.example")


@pytest.mark.parametrize(
    ("change", "status", "location"),
    [
        (_patch({"target": "https://example.com/new"}), 302, "https://example.com/new"),
        (_patch({"disabled": True}), 410, None),
        (_patch({"redirect_status": 301}), 301, "https://later.example/landing"),
        (_target_becomes_ours, 410, None),
    ],
    ids=["new-target", "disabled", "status", "target-host-becomes-ours"],
)
def test_a_remembered_hit_follows_every_change(  # noqa: PLR0917 - pytest passes by name
    client: FlaskClient,
    admin: dict[str, str],
    alice: dict[str, str],
    view_calls: list[str],
    change: Change,
    status: int,
    location: str | None,
) -> None:
    link = create(client, alice, target="https://later.example/landing")
    _remembered(client, link["code"], view_calls)
    change(client, admin, alice, link)
    for _ in range(2):  # the view after the invalidation, then the fast lane again
        answer = visit(client, DEFAULT, f"/{link['code']}")
        assert answer.status_code == status
        assert answer.headers.get("Location") == location


def test_a_remembered_hit_on_a_second_domain_follows_a_change(
    client: FlaskClient, admin: dict[str, str], alice: dict[str, str], view_calls: list[str]
) -> None:
    add_domain(client, admin, "b.example")
    link = create(client, alice, domain="b.example")
    for _ in range(3):
        assert visit(client, "b.example", f"/{link['code']}").status_code == 302
    assert view_calls.count(link["code"]) == 1
    response = client.patch(f"/api/v1/links/{link['id']}", json={"disabled": True}, headers=alice)
    assert response.status_code == 200
    assert visit(client, "b.example", f"/{link['code']}").status_code == 410


def _visitor_hashes(app: Flask, code: str) -> list[str]:
    buffer_of(app).flush()
    events = context.stores_of(app).redis.xrange(STREAM)
    return [fields["h"] for _, fields in events if fields.get("c") == code]


def test_the_click_sees_the_client_proxyfix_gives_the_view(
    client: FlaskClient, alice: dict[str, str], view_calls: list[str], app: Flask
) -> None:
    link = create(client, alice)
    behind_proxies = {"X-Forwarded-For": "198.51.100.9, 203.0.113.7, 10.1.2.3"}
    for _ in range(2):  # the view (a miss), then the fast lane
        assert visit(client, DEFAULT, f"/{link['code']}", **behind_proxies).status_code == 302
    assert view_calls == [link["code"]]
    other_client = {"X-Forwarded-For": "198.51.100.9, 203.0.113.8, 10.1.2.3"}
    assert visit(client, DEFAULT, f"/{link['code']}", **other_client).status_code == 302
    first, second, other = _visitor_hashes(app, link["code"])
    assert first == second, "the view and the fast lane must count one visitor once"
    assert other != first, "the address two proxies from the right is the client"


_HEADER = st.lists(
    st.sampled_from(
        ["203.0.113.7", "10.0.0.1", " ", "", '"a, b"', "::1", '"x\\"y"', "\t2001:db8::1"]
    ),
    max_size=5,
).map(",".join)


@given(forwarded=_HEADER, trusted=st.integers(min_value=0, max_value=3))
def test_client_address_is_what_proxyfix_leaves(forwarded: str, trusted: int) -> None:
    environ = {"REMOTE_ADDR": "10.9.9.9", "HTTP_X_FORWARDED_FOR": forwarded}
    seen: dict[str, Any] = {}

    def app(env: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.update(env)
        return []

    ProxyFix(app, x_for=trusted)(dict(environ), lambda *_: None)  # type: ignore[arg-type]
    assert client_address(environ, trusted) == seen["REMOTE_ADDR"]  # type: ignore[arg-type]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


LINK = CachedLink("65f000000000000000000001", "abc1234", "https://example.com/", 302, None, None,
                  protected=False, disabled=False, domain=DEFAULT)  # fmt: skip


def test_hot_is_fresh_until_the_first_of_its_parts_expires() -> None:
    clock = FakeClock()
    client = fakeredis.FakeRedis(server=fakeredis.FakeServer(), decode_responses=True)
    cache = LinkCache(
        client, maxsize=10, ttl=60.0, negative_ttl=10.0, always_synced=True, clock=clock
    )
    assert cache.hot(DEFAULT, LINK.code) is None, "nothing cached yet"
    cache.domain(DEFAULT, lambda host: DomainRoutes(host, default=True))  # expires at 1060
    clock.now += 20
    cache.own_hosts(lambda: frozenset({DEFAULT}))  # expires at 1080
    assert cache.hot(DEFAULT, LINK.code) is None, "the link itself is not cached yet"
    clock.now += 20
    cache.put(cache_key(DEFAULT, LINK.code), LINK, cache.epoch)  # expires at 1100
    hot = cache.hot(DEFAULT, LINK.code)
    assert hot is not None and hot.link == LINK and hot.own_hosts == {DEFAULT}
    clock.now = 1059.9
    assert cache.fresh(hot)
    clock.now = 1060.1
    assert not cache.fresh(hot), "the domain's entry expired first"


def test_hot_is_stale_after_any_invalidation() -> None:
    client = fakeredis.FakeRedis(server=fakeredis.FakeServer(), decode_responses=True)
    cache = LinkCache(client, maxsize=10, ttl=60.0, negative_ttl=10.0, always_synced=True)
    cache.domain(DEFAULT, lambda host: DomainRoutes(host, default=True))
    cache.own_hosts(lambda: frozenset({DEFAULT}))
    cache.put(cache_key(DEFAULT, LINK.code), LINK, cache.epoch)
    hot = cache.hot(DEFAULT, LINK.code)
    assert hot is not None and cache.fresh(hot)
    cache.drop(cache_key(DEFAULT, "other12"))
    assert not cache.fresh(hot)
    assert cache.hot("unknown.example", LINK.code) is None, "a host we do not serve"
