"""Branded domains: the admin API, links per domain, the redirect by (Host, code), and the
per-domain root / not-found / expired redirects (embedded stores; FerretDB in integration)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.clicks.events import STREAM
from flamingo.core import context
from flamingo.core.indexes import ensure_indexes
from flamingo.links.cache import cache_key, cache_of
from flamingo.links.domains import request_host
from flamingo.links.migrations import assign_default_domain
from flamingo.links.repository import LinkRepository
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, user_headers
from tests.unit.links.test_rules import drain

DEFAULT = "short.example"


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


def add_domain(client: FlaskClient, admin: dict[str, str], host: str, **redirects: str) -> Any:
    response = client.post("/api/v1/admin/domains", json={"host": host, **redirects}, headers=admin)
    assert response.status_code == 201, response.data
    return response.get_json()


def create(client: FlaskClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("target", "https://example.com/landing")
    response = client.post("/api/v1/links", json=body, headers=headers)
    assert response.status_code == 201, response.data
    link: dict[str, Any] = response.get_json()
    return link


def visit(client: FlaskClient, host: str, path: str, **headers: str) -> Any:
    return client.get(path, headers={"Host": host, **headers})


def test_the_default_domain_always_exists_and_comes_first(
    client: FlaskClient, admin: dict[str, str]
) -> None:
    add_domain(client, admin, "b.example")
    items = client.get("/api/v1/admin/domains", headers=admin).get_json()["items"]
    assert [(d["host"], d["default"]) for d in items] == [(DEFAULT, True), ("b.example", False)]
    refused = client.delete(f"/api/v1/admin/domains/{DEFAULT}", headers=admin)
    assert refused.status_code == 409 and problem(refused)["type"].endswith("/default-domain")


def test_domains_are_for_admins_only(client: FlaskClient, alice: dict[str, str]) -> None:
    assert client.get("/api/v1/admin/domains").status_code == 401
    assert client.get("/api/v1/admin/domains", headers=alice).status_code == 403
    response = client.post("/api/v1/admin/domains", json={"host": "x.example"}, headers=alice)
    assert response.status_code == 403


def test_every_signed_in_user_may_list_the_hosts_only(
    client: FlaskClient, admin: dict[str, str], alice: dict[str, str]
) -> None:
    add_domain(client, admin, "go.example", root_redirect="https://www.example.com/")
    assert client.get("/api/v1/domains").status_code == 401
    response = client.get("/api/v1/domains", headers=alice)
    assert response.status_code == 200
    assert response.get_json()["items"] == [
        {"host": DEFAULT, "default": True},
        {"host": "go.example", "default": False},
    ]  # the redirects (and times) stay in the admin API
    create(client, alice, domain="go.example")  # and a listed host is one a link may use


@pytest.mark.parametrize(
    ("host", "why"),
    [
        ("127.0.0.1", "IP"),
        ("[::1]", "bare host"),
        ("*.example.com", "wildcard"),
        ("localhost", "fully qualified"),
        ("intranet.local", "reserved"),
        ("https://go.example", "bare host"),
        ("go.example:8080", "bare host"),
        ("bad_label!.example", "not a valid domain"),
        ("10.0.0.1", "IP"),
    ],
)
def test_bad_hosts_are_422_naming_the_field(
    client: FlaskClient, admin: dict[str, str], host: str, why: str
) -> None:
    response = client.post("/api/v1/admin/domains", json={"host": host}, headers=admin)
    assert response.status_code == 422
    body = problem(response)
    assert body["errors"][0]["field"] == "host" and why in body["errors"][0]["message"]


def test_hosts_are_normalised_lower_case_and_idna(
    client: FlaskClient, admin: dict[str, str]
) -> None:
    domain = add_domain(client, admin, "Bücher.Example.")
    assert domain["host"] == "xn--bcher-kva.example"
    again = client.post("/api/v1/admin/domains", json={"host": "BÜCHER.example"}, headers=admin)
    assert again.status_code == 409 and problem(again)["type"].endswith("/domain-exists")


def test_domain_redirects_pass_the_url_policy(client: FlaskClient, admin: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/admin/domains",
        json={"host": "c.example", "not_found_redirect": "javascript:alert(1)"},
        headers=admin,
    )
    assert response.status_code == 422
    assert problem(response)["errors"][0]["field"] == "not_found_redirect"


def test_same_code_on_two_domains_is_two_links(
    client: FlaskClient, admin: dict[str, str], alice: dict[str, str]
) -> None:
    add_domain(client, admin, "b.example")
    first = create(client, alice, alias="promo", target="https://one.example/")
    second = create(client, alice, alias="promo", domain="b.example", target="https://two.example/")
    assert first["short_url"] == f"https://{DEFAULT}/promo"
    assert second["short_url"] == "https://b.example/promo" and second["domain"] == "b.example"
    assert visit(client, DEFAULT, "/promo").headers["Location"] == "https://one.example/"
    assert visit(client, "b.example", "/promo").headers["Location"] == "https://two.example/"
    taken = client.post(
        "/api/v1/links", json={"target": "https://x.example/", "alias": "promo"}, headers=alice
    )
    assert taken.status_code == 409


def test_an_unknown_host_is_404_never_the_default_domain(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(client, alice)
    assert visit(client, DEFAULT, "/" + link["code"]).status_code == 302
    assert visit(client, "evil.example", "/" + link["code"]).status_code == 404
    assert visit(client, "evil.example", "/").status_code == 404


def test_a_link_on_an_unknown_domain_is_refused(client: FlaskClient, alice: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/links",
        json={"target": "https://x.example/", "domain": "nope.example"},
        headers=alice,
    )
    assert response.status_code == 422 and problem(response)["errors"][0]["field"] == "domain"


def test_per_domain_root_and_not_found_redirects(
    client: FlaskClient, admin: dict[str, str]
) -> None:
    add_domain(
        client,
        admin,
        "b.example",
        root_redirect="https://brand.example/",
        not_found_redirect="https://brand.example/missing",
    )
    assert visit(client, "b.example", "/").headers["Location"] == "https://brand.example/"
    missing = visit(client, "b.example", "/nosuchcode")
    assert missing.status_code == 302
    assert missing.headers["Location"] == "https://brand.example/missing"
    assert visit(client, DEFAULT, "/").headers["Location"] == "/app/"  # the SPA
    assert visit(client, DEFAULT, "/nosuchcode").status_code == 404
    add_domain(client, admin, "plain.example")
    assert visit(client, "plain.example", "/").status_code == 404


def test_a_patched_domain_redirect_applies_at_once(
    client: FlaskClient, admin: dict[str, str]
) -> None:
    add_domain(client, admin, "b.example")
    assert visit(client, "b.example", "/").status_code == 404  # now cached as "no root"
    patched = client.patch(
        "/api/v1/admin/domains/b.example",
        json={"root_redirect": "https://brand.example/"},
        headers=admin,
    )
    assert patched.status_code == 200 and patched.get_json()["root_redirect"]
    assert visit(client, "b.example", "/").headers["Location"] == "https://brand.example/"
    cleared = client.patch(
        "/api/v1/admin/domains/b.example", json={"root_redirect": None}, headers=admin
    )
    assert cleared.get_json()["root_redirect"] is None
    assert visit(client, "b.example", "/").status_code == 404


def test_expired_disabled_and_over_cap_links_use_the_domain_fallback(
    app: Flask, client: FlaskClient, admin: dict[str, str], alice: dict[str, str]
) -> None:
    add_domain(client, admin, "b.example", expired_redirect="https://brand.example/expired")
    capped = create(client, alice, domain="b.example", max_clicks=1)
    assert visit(client, "b.example", "/" + capped["code"]).status_code == 302
    over = visit(client, "b.example", "/" + capped["code"])
    assert over.headers["Location"] == "https://brand.example/expired"
    disabled = create(client, alice, domain="b.example")
    client.patch(f"/api/v1/links/{disabled['id']}", json={"disabled": True}, headers=alice)
    gone = visit(client, "b.example", "/" + disabled["code"])
    assert gone.headers["Location"] == "https://brand.example/expired"
    expiring = create(client, alice, domain="b.example")
    repo = LinkRepository(context.stores_of(app).db)
    stored = repo.by_code("b.example", expiring["code"])
    assert stored is not None
    repo.update(stored, stored.changed({"expires_at": datetime.now(UTC) - timedelta(seconds=1)}))
    cache_of(app).drop(cache_key("b.example", expiring["code"]))
    expired = visit(client, "b.example", "/" + expiring["code"])
    assert expired.headers["Location"] == "https://brand.example/expired"
    plain = create(client, alice, max_clicks=1)
    visit(client, DEFAULT, "/" + plain["code"])
    assert visit(client, DEFAULT, "/" + plain["code"]).status_code == 410  # no fallback there


def test_a_domain_with_links_cannot_be_deleted(
    client: FlaskClient, admin: dict[str, str], alice: dict[str, str]
) -> None:
    add_domain(client, admin, "b.example")
    link = create(client, alice, domain="b.example")
    refused = client.delete("/api/v1/admin/domains/b.example", headers=admin)
    assert refused.status_code == 409 and problem(refused)["type"].endswith("/domain-has-links")
    assert client.delete(f"/api/v1/links/{link['id']}", headers=alice).status_code == 204
    assert client.delete("/api/v1/admin/domains/b.example", headers=admin).status_code == 204
    assert visit(client, "b.example", "/").status_code == 404
    missing = client.delete("/api/v1/admin/domains/b.example", headers=admin)
    assert missing.status_code == 404


def test_the_migration_gives_old_links_the_default_domain(app: Flask) -> None:
    db = context.stores_of(app).db
    db["links"].drop_index("domain_code_unique")
    db["links"].create_index("code", name="code_unique", unique=True)  # the old index
    now = datetime.now(UTC)
    for code in ("old1", "old2"):
        db["links"].insert_one(
            {"code": code, "owner_id": "u", "target": "https://old.example/", "created_at": now}
        )
    assert assign_default_domain(db, DEFAULT) == 2
    assert assign_default_domain(db, DEFAULT) == 0, "idempotent"
    ensure_indexes(db)
    ensure_indexes(db)
    indexes = db["links"].index_information()
    assert "code_unique" not in indexes and "domain_code_unique" in indexes
    assert {doc["domain"] for doc in db["links"].find({})} == {DEFAULT}
    db["links"].insert_one(
        {"code": "old1", "domain": "b.example", "owner_id": "u", "target": "https://b.example/"}
    )  # the same code on another domain is allowed now


def test_a_link_from_the_release_before_domains_still_redirects(
    app: Flask, client: FlaskClient
) -> None:
    """While blue and green both run, the old release writes links without ``domain``."""
    context.stores_of(app).db["links"].insert_one(
        {
            "code": "legacy1",
            "owner_id": "u",
            "target": "https://legacy.example/",
            "created_at": datetime.now(UTC),
        }
    )
    assert visit(client, DEFAULT, "/legacy1").headers["Location"] == "https://legacy.example/"
    assert visit(client, "b.example", "/legacy1").status_code == 404


def test_orphan_visits_are_counted_per_day_and_code(
    app: Flask, client: FlaskClient, admin: dict[str, str]
) -> None:
    context.stores_of(app).redis.delete(STREAM)  # one embedded Redis per test process
    add_domain(client, admin, "b.example")
    for path, host, times in (("/gone1", DEFAULT, 3), ("/gone2", "b.example", 1)):
        for _ in range(times):
            assert visit(client, host, path).status_code == 404
    client.head("/gone1", headers={"Host": DEFAULT})  # HEAD: not a visit
    visit(client, "unknown.example", "/gone3")  # not a domain we serve: not counted
    drain(app)
    report = client.get("/api/v1/admin/stats/orphans", headers=admin).get_json()
    assert report["top"] == [
        {"domain": DEFAULT, "code": "gone1", "count": 3},
        {"domain": "b.example", "code": "gone2", "count": 1},
    ]
    assert sum(point["total"] for point in report["series"]) == 4
    assert report["series"][-1]["date"] == datetime.now(UTC).date().isoformat()
    alice = user_headers(app, "alice@example.com")
    assert client.get("/api/v1/admin/stats/orphans", headers=alice).status_code == 403


@pytest.mark.parametrize(
    ("header", "default", "expected"),
    [
        ("Go.Example.COM:443", "short.example", "go.example.com"),
        ("go.example.com.", "short.example", "go.example.com"),
        ("[::1]:8080", "localhost", "localhost"),
        ("127.0.0.1:8080", "localhost", "localhost"),
        ("localhost", "127.0.0.1", "127.0.0.1"),
        ("127.0.0.1", "short.example", "127.0.0.1"),  # loopback aliases only a loopback default
        ("", "short.example", ""),
    ],
)
def test_request_host(header: str, default: str, expected: str) -> None:
    assert request_host(header, default) == expected
