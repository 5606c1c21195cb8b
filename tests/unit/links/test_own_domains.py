"""Every domain this install serves is "our own domain" (issue 22, item 7): no link, rule,
variant or domain redirect may point at one, and a redirect never loops, even when a domain is
added after a link already points at it."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, user_headers
from tests.unit.links.test_domains import DEFAULT, add_domain, create, visit

OWN = "target-own-domain"


@pytest.fixture
def app() -> Flask:
    return create_app(
        make_settings(LOG_REQUESTS="false", PUBLIC_BASE_URL=f"https://{DEFAULT}", **FAST_HASH)
    )


@pytest.fixture
def admin(app: Flask) -> dict[str, str]:
    return user_headers(app, "root@example.com", role="admin")


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


def _refused(response: Any, field: str) -> None:
    assert response.status_code == 422, response.data
    body = problem(response)
    assert body["type"].endswith("/" + OWN), body
    assert any(e["field"] == field for e in body["errors"]), body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"target": "https://brand.example/x"}, "target"),
        ({"target": "https://BRAND.example./x"}, "target"),
        (
            {
                "target": "https://example.com/",
                "rules": [{"if": {"os": "ios"}, "target": "https://brand.example/y"}],
            },
            "rules.0.target",
        ),
        (
            {
                "target": "https://example.com/",
                "variants": [
                    {"target": "https://example.com/a", "weight": 1},
                    {"target": "http://brand.example/b", "weight": 1},
                ],
            },
            "variants.1.target",
        ),
        (
            {"target": "https://example.com/", "expired_redirect": "https://brand.example/"},
            "expired_redirect",
        ),
    ],
)
def test_a_branded_domain_is_refused_as_a_link_target(
    client: FlaskClient, admin: dict[str, str], alice: dict[str, str], body: Any, field: str
) -> None:
    add_domain(client, admin, "brand.example")
    _refused(client.post("/api/v1/links", json=body, headers=alice), field)
    link = create(client, alice)
    patch = client.patch(f"/api/v1/links/{link['id']}", json=body, headers=alice)
    _refused(patch, field)


@pytest.mark.parametrize("name", ["root_redirect", "not_found_redirect", "expired_redirect"])
def test_a_domain_redirect_may_not_point_at_any_of_our_domains(
    client: FlaskClient, admin: dict[str, str], name: str
) -> None:
    add_domain(client, admin, "brand.example")
    for host in ("loop.example", "other.example"):
        for target in (f"https://{host}/", "https://brand.example/", f"https://{DEFAULT}/x"):
            body = {"host": host, name: target}
            if target == f"https://{host}/":  # itself, named while it is being added
                _refused(client.post("/api/v1/admin/domains", json=body, headers=admin), name)
            else:
                response = client.post("/api/v1/admin/domains", json=body, headers=admin)
                _refused(response, name)
    patch = client.patch(
        "/api/v1/admin/domains/brand.example", json={name: "https://brand.example/"}, headers=admin
    )
    _refused(patch, name)


def test_a_domain_added_after_a_link_points_at_it_does_not_loop(
    client: FlaskClient, admin: dict[str, str], alice: dict[str, str]
) -> None:
    add_domain(client, admin, "first.example", root_redirect="https://later.example/")
    chained = create(client, alice, target="https://later.example/anything")
    ruled = create(
        client,
        alice,
        rules=[{"if": {"query": {"go": "1"}}, "target": "https://later.example/r"}],
    )
    # Warm every cache while later.example is someone else's site.
    assert visit(client, DEFAULT, f"/{chained['code']}").status_code == 302
    assert visit(client, "first.example", "/").headers["Location"] == "https://later.example/"

    add_domain(client, admin, "later.example")

    answer = visit(client, DEFAULT, f"/{chained['code']}")
    assert answer.status_code == 410 and "Location" not in answer.headers
    assert visit(client, DEFAULT, f"/{ruled['code']}?go=1").status_code == 410
    assert visit(client, DEFAULT, f"/{ruled['code']}").headers["Location"] == (
        "https://example.com/landing"
    )
    root = visit(client, "first.example", "/")
    assert root.status_code == 404 and "Location" not in root.headers
