"""The links API on embedded stores: CRUD, validation, ownership, scopes, pagination, search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.core import context
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, bearer, make_user, user_headers

FUTURE = (datetime.now(UTC) + timedelta(days=3)).isoformat()


@pytest.fixture
def app() -> Flask:
    return create_app(make_settings(LOG_REQUESTS="false", **FAST_HASH))


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


@pytest.fixture
def bob(app: Flask) -> dict[str, str]:
    return user_headers(app, "bob@example.com")


def create(client: FlaskClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("target", "https://example.com/a")
    response = client.post("/api/v1/links", json=body, headers=headers)
    assert response.status_code == 201, response.data
    link: dict[str, Any] = response.get_json()
    return link


def test_create_returns_the_link_with_its_short_url(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    response = client.post(
        "/api/v1/links",
        json={
            "target": "https://Example.com/path?q=1",
            "title": "Docs",
            "tags": ["work", " docs ", "work"],
            "expires_at": FUTURE,
            "max_clicks": 5,
            "password": "s3cret!",
            "redirect_status": 308,
        },
        headers=alice,
    )
    assert response.status_code == 201, response.data
    link = response.get_json()
    assert response.headers["Location"] == f"/api/v1/links/{link['id']}"
    assert len(link["code"]) == 7 and link["code"].isalnum()
    assert link["short_url"] == f"http://localhost:8080/{link['code']}"
    assert link["target"] == "https://example.com/path?q=1"  # normalised by the URL policy
    assert link["tags"] == ["work", "docs"]
    assert link["has_password"] is True and "password" not in link
    assert "password_hash" not in str(link)
    assert link["redirect_status"] == 308 and link["max_clicks"] == 5
    assert link["expires_at"].endswith("Z") and link["disabled"] is False


def test_password_is_stored_as_argon2id(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(client, alice, password="s3cret!")
    doc = context.stores_of(app).db["links"].find_one({"code": link["code"]})
    assert doc["password_hash"].startswith("$argon2id$")


def test_alias_is_used_as_code_case_sensitively(client: FlaskClient, alice: dict[str, str]) -> None:
    assert create(client, alice, alias="My-Link_1")["code"] == "My-Link_1"
    assert create(client, alice, alias="my-link_1")["code"] == "my-link_1"
    taken = client.post(
        "/api/v1/links", json={"target": "https://example.com", "alias": "My-Link_1"}, headers=alice
    )
    assert taken.status_code == 409
    assert problem(taken)["type"].endswith("/alias-taken")


@pytest.mark.parametrize(
    ("body", "status", "slug", "field"),
    [
        ({"target": "https://example.com", "alias": "ab"}, 422, "validation-error", "alias"),
        ({"target": "https://example.com", "alias": "a b c"}, 422, "validation-error", "alias"),
        ({"target": "https://example.com", "alias": "x" * 65}, 422, "validation-error", "alias"),
        ({"target": "https://example.com", "alias": "healthz"}, 422, "reserved-alias", "alias"),
        ({"target": "https://example.com", "alias": "API"}, 422, "reserved-alias", "alias"),
        ({"target": "https://example.com", "alias": "login"}, 422, "reserved-alias", "alias"),
        (
            {"target": "https://example.com", "expires_at": "2001-01-01T00:00:00Z"},
            422,
            "expiry-in-past",
            "expires_at",
        ),
        ({"target": "https://example.com", "max_clicks": 0}, 422, "validation-error", "max_clicks"),
        (
            {"target": "https://example.com", "max_clicks": -3},
            422,
            "validation-error",
            "max_clicks",
        ),
        (
            {"target": "https://example.com", "max_clicks": "5"},
            422,
            "validation-error",
            "max_clicks",
        ),
        (
            {"target": "https://example.com", "redirect_status": 303},
            422,
            "validation-error",
            "redirect_status",
        ),
        ({"target": "https://example.com", "tags": "a,b"}, 422, "validation-error", "tags"),
        ({"target": "https://example.com", "tags": [" "]}, 422, "validation-error", "tags.0"),
        ({"target": "https://example.com", "password": "abc"}, 422, "validation-error", "password"),
        ({"target": "https://example.com", "colour": "red"}, 422, "validation-error", "colour"),
        ({"target": 42}, 422, "validation-error", "target"),
        ({}, 422, "validation-error", "target"),
        ({"target": "ftp://example.com/file"}, 422, None, "target"),
        ({"target": "http://localhost:8080/abc"}, 422, None, "target"),
    ],
)
def test_bad_input_is_a_4xx_problem_naming_the_field(  # noqa: PLR0917 - parametrized
    client: FlaskClient,
    alice: dict[str, str],
    body: dict[str, Any],
    status: int,
    slug: str | None,
    field: str,
) -> None:
    response = client.post("/api/v1/links", json=body, headers=alice)
    assert response.status_code == status, response.data
    details = problem(response)
    if slug is not None:
        assert details["type"].endswith("/" + slug)
    fields = {e["field"] for e in details.get("errors", [])} | {details.get("field")}
    assert field in fields, details


def test_body_that_is_not_json(client: FlaskClient, alice: dict[str, str]) -> None:
    not_json = client.post("/api/v1/links", data="target=x", headers=alice)
    assert not_json.status_code == 415
    broken = client.post(
        "/api/v1/links", data="{", headers={**alice, "Content-Type": "application/json"}
    )
    assert broken.status_code == 400 and problem(broken)["type"].endswith("/malformed-json")
    array = client.post("/api/v1/links", json=["https://example.com"], headers=alice)
    assert array.status_code == 422


def test_get_patch_delete(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice, title="old", max_clicks=3, password="s3cret!")
    url = f"/api/v1/links/{link['id']}"
    got = client.get(url, headers=alice).get_json()
    assert got["title"] == "old" and got["clicks_used"] == 0

    patched = client.patch(
        url,
        json={
            "target": "https://example.org/new",
            "title": None,
            "max_clicks": None,
            "password": None,
            "tags": ["x"],
            "redirect_status": 301,
        },
        headers=alice,
    )
    assert patched.status_code == 200, patched.data
    body = patched.get_json()
    assert body["target"] == "https://example.org/new"
    assert body["title"] is None and body["max_clicks"] is None and body["has_password"] is False
    assert body["tags"] == ["x"] and body["redirect_status"] == 301
    assert body["code"] == link["code"] and body["updated_at"] >= link["updated_at"]

    assert client.delete(url, headers=alice).status_code == 204
    assert client.get(url, headers=alice).status_code == 404
    assert client.delete(url, headers=alice).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"target": None}, "target"),
        ({"disabled": None}, "disabled"),
        ({"code": "new"}, "code"),
        ({"max_clicks": 0}, "max_clicks"),
        ({"expires_at": "yesterday"}, "expires_at"),
        ({"tags": None}, "tags"),
        ({"alias": None}, "alias"),
        ({"alias": "no spaces here"}, "alias"),
        ({"alias": "ab"}, "alias"),
    ],
)
def test_bad_patches(
    client: FlaskClient, alice: dict[str, str], body: dict[str, Any], field: str
) -> None:
    link = create(client, alice)
    response = client.patch(f"/api/v1/links/{link['id']}", json=body, headers=alice)
    assert response.status_code == 422
    assert field in {e["field"] for e in problem(response)["errors"]}


def test_patch_alias_moves_the_link(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice)
    old = link["code"]
    assert client.get(f"/{old}").status_code == 302  # cached under the old code
    assert client.get("/spring-sale").status_code == 404  # cached as unknown
    response = client.patch(
        f"/api/v1/links/{link['id']}", json={"alias": "spring-sale"}, headers=alice
    )
    assert response.status_code == 200, response.data
    body = response.get_json()
    assert body["code"] == "spring-sale"
    assert body["short_url"].endswith("/spring-sale")
    assert client.get(f"/{old}").status_code == 404
    moved = client.get("/spring-sale")
    assert moved.status_code == 302
    assert moved.headers["Location"] == link["target"]
    # Sending the current alias again changes nothing.
    same = client.patch(f"/api/v1/links/{link['id']}", json={"alias": "spring-sale"}, headers=alice)
    assert same.status_code == 200 and same.get_json()["code"] == "spring-sale"


def test_patch_alias_taken_or_reserved(client: FlaskClient, alice: dict[str, str]) -> None:
    create(client, alice, alias="taken-one")
    link = create(client, alice)
    url = f"/api/v1/links/{link['id']}"
    taken = client.patch(url, json={"alias": "taken-one"}, headers=alice)
    assert taken.status_code == 409
    assert problem(taken)["type"].endswith("/alias-taken")
    reserved = client.patch(url, json={"alias": "healthz"}, headers=alice)
    assert reserved.status_code == 422
    assert problem(reserved)["type"].endswith("/reserved-alias")
    assert client.get(f"/{link['code']}").status_code == 302  # unchanged after both refusals


def test_patch_expiry_in_the_past(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice)
    response = client.patch(
        f"/api/v1/links/{link['id']}", json={"expires_at": "2020-01-01T00:00:00Z"}, headers=alice
    )
    assert response.status_code == 422 and problem(response)["type"].endswith("/expiry-in-past")


def test_other_users_links_are_404(
    client: FlaskClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    link = create(client, alice)
    url = f"/api/v1/links/{link['id']}"
    for method in ("get", "delete"):
        assert getattr(client, method)(url, headers=bob).status_code == 404
    assert client.patch(url, json={"title": "mine"}, headers=bob).status_code == 404
    assert client.get(url + "/qr.svg", headers=bob).status_code == 404
    assert client.get("/api/v1/links", headers=bob).get_json()["items"] == []
    assert client.get(url, headers=alice).status_code == 200
    assert client.get("/api/v1/links/not-an-id", headers=alice).status_code == 404


def test_credentials_and_scopes(app: Flask, client: FlaskClient) -> None:
    assert client.get("/api/v1/links").status_code == 401
    user = make_user(app, "carol@example.com")
    read_only = bearer(app, user, ("links:read",))
    assert client.get("/api/v1/links", headers=read_only).status_code == 200
    refused = client.post(
        "/api/v1/links", json={"target": "https://example.com"}, headers=read_only
    )
    assert refused.status_code == 403
    stats_only = bearer(app, user, ("stats:read",))
    assert client.get("/api/v1/links", headers=stats_only).status_code == 403


def test_pagination_walks_every_link_once(client: FlaskClient, alice: dict[str, str]) -> None:
    created = [create(client, alice, title=f"n{i}")["id"] for i in range(23)]
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": "5", **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/links", query_string=params, headers=alice).get_json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
        # A link created while paging appears on no later page, and shifts nothing.
        create(client, alice, title="late")
    assert pages == 5
    assert seen == list(reversed(created))


@pytest.mark.parametrize("cursor", ["!!!", "abc", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "YWJj"])
def test_malformed_cursor_is_400(client: FlaskClient, alice: dict[str, str], cursor: str) -> None:
    response = client.get("/api/v1/links", query_string={"cursor": cursor}, headers=alice)
    assert response.status_code in (400, 422)
    assert problem(response)["status"] == response.status_code


@pytest.mark.parametrize("limit", ["0", "101", "ten", "-1"])
def test_limit_out_of_range_is_422(client: FlaskClient, alice: dict[str, str], limit: str) -> None:
    response = client.get("/api/v1/links", query_string={"limit": limit}, headers=alice)
    assert response.status_code == 422
    assert problem(response)["errors"][0]["field"] == "limit"


def test_search_and_tag_filter(client: FlaskClient, alice: dict[str, str]) -> None:
    create(client, alice, target="https://docs.python.org/3/", title="Python docs", tags=["dev"])
    create(client, alice, target="https://example.com/cats", title="Cats (a+b)", tags=["fun"])
    create(client, alice, target="https://example.com/dogs", alias="doggo", tags=["fun", "dev"])

    def titles(**params: str) -> set[str | None]:
        body = client.get("/api/v1/links", query_string=params, headers=alice).get_json()
        return {item["title"] or item["code"] for item in body["items"]}

    assert titles(q="PYTHON") == {"Python docs"}
    assert titles(q="example.com") == {"Cats (a+b)", "doggo"}
    assert titles(q="(a+b)") == {"Cats (a+b)"}  # regex characters are literal
    assert titles(q="dogg") == {"doggo"}  # the alias (code) is searched too
    assert titles(tag="fun") == {"Cats (a+b)", "doggo"}
    assert titles(tag="dev", q="dogs") == {"doggo"}
    assert titles(tag="none") == set()


def test_owner_disables_and_enables(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(client, alice)
    url = f"/api/v1/links/{link['id']}"
    assert client.patch(url, json={"disabled": True}, headers=alice).get_json()["disabled"]
    assert not client.patch(url, json={"disabled": False}, headers=alice).get_json()["disabled"]


def test_admin_lists_disables_and_owner_cannot_reenable(
    app: Flask, client: FlaskClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    link = create(client, alice)
    create(client, bob)
    admin = user_headers(app, "root@example.com", role="admin")
    assert client.get("/api/v1/admin/links", headers=alice).status_code == 403
    everyone = client.get("/api/v1/admin/links", headers=admin).get_json()["items"]
    assert len(everyone) == 2
    only_alice = client.get(
        "/api/v1/admin/links", query_string={"owner_id": link["owner_id"]}, headers=admin
    ).get_json()["items"]
    assert [item["id"] for item in only_alice] == [link["id"]]

    disabled = client.post(f"/api/v1/admin/links/{link['id']}/disable", headers=admin)
    assert disabled.status_code == 200
    assert disabled.get_json()["disabled"] and disabled.get_json()["disabled_by_admin"]
    refused = client.patch(f"/api/v1/links/{link['id']}", json={"disabled": False}, headers=alice)
    assert refused.status_code == 403 and problem(refused)["type"].endswith("/disabled-by-admin")
    enabled = client.post(f"/api/v1/admin/links/{link['id']}/enable", headers=admin).get_json()
    assert not enabled["disabled"] and not enabled["disabled_by_admin"]
    assert client.post("/api/v1/admin/links/nope/disable", headers=admin).status_code == 404
