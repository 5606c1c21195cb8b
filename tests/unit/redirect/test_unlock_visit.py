"""A password link keeps the visit (issue 22, item 4): the unlocked visit has the query string,
the Referer and the rule inputs of the visit that met the unlock page; the carried visit is
signed and names no target (no open redirect); an unknown code's unlock page can tell."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.clicks.events import STREAM, buffer_of
from flamingo.core import context
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, user_headers
from tests.unit.links.test_links_api import create

PASSWORD = "open sesame"
FROM = "https://news.example/issue/7?secret=1"


@pytest.fixture
def app() -> Flask:
    return create_app(make_settings(LOG_REQUESTS="false", RATELIMIT_ENABLED="false", **FAST_HASH))


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


def _unlock_page(client: FlaskClient, code: str, query: str = "", **headers: str) -> str:
    answer = client.get(f"/{code}{query}", headers=headers)
    assert answer.status_code == 302, answer.data
    location: str = answer.headers["Location"]
    assert location.startswith(f"/app/unlock/{code}")
    return location


def _carried(location: str) -> str | None:
    values = parse_qs(urlsplit(location).query).get("visit")
    return values[0] if values else None


def _unlock(client: FlaskClient, code: str, visit: str | None, **headers: str) -> Any:
    body = {"password": PASSWORD, **({"visit": visit} if visit else {})}
    return client.post(f"/api/v1/unlock/{code}", json=body, headers=headers)


def _events(app: Flask) -> list[dict[str, str]]:
    buffer_of(app).flush()
    return [fields for _, fields in context.stores_of(app).redis.xrange(STREAM)]


def test_forward_query_reaches_the_target_after_the_password(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(
        client, alice, target="https://example.com/page", password=PASSWORD, forward_query=True
    )
    location = _unlock_page(client, link["code"], "?utm_source=nl&utm_medium=mail")
    answer = _unlock(client, link["code"], _carried(location))
    assert answer.status_code == 200, answer.data
    assert answer.get_json()["target"] == "https://example.com/page?utm_source=nl&utm_medium=mail"


def test_a_query_rule_matches_a_password_link(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(
        client,
        alice,
        target="https://example.com/page",
        password=PASSWORD,
        rules=[{"if": {"query": {"utm_source": "nl"}}, "target": "https://example.com/nl"}],
    )
    matched = _unlock(
        client, link["code"], _carried(_unlock_page(client, link["code"], "?utm_source=nl"))
    )
    assert matched.get_json()["target"] == "https://example.com/nl"
    plain = _unlock(client, link["code"], _carried(_unlock_page(client, link["code"])))
    assert plain.get_json()["target"] == "https://example.com/page"


def test_the_click_has_the_visits_referrer_not_the_unlock_page(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(client, alice, password=PASSWORD)
    location = _unlock_page(client, link["code"], Referer=FROM)
    assert "secret" not in location and "issue" not in location  # only the host is carried
    unlock_page = "http://localhost/app/unlock/" + link["code"]
    assert _unlock(client, link["code"], _carried(location), Referer=unlock_page).status_code == 200
    direct = _unlock_page(client, link["code"])  # no Referer: nothing to carry
    assert _carried(direct) is None
    assert _unlock(client, link["code"], None, Referer=unlock_page).status_code == 200
    assert [e["r"] for e in _events(app) if e.get("c") == link["code"]] == ["news.example", ""]


def test_the_carried_visit_is_signed_and_bound_to_its_link(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    first = create(client, alice, password=PASSWORD, forward_query=True)
    second = create(client, alice, password=PASSWORD, forward_query=True)
    visit = _carried(_unlock_page(client, first["code"], "?a=1"))
    assert visit is not None
    for code, value in [
        (second["code"], visit),  # another link's visit
        (first["code"], visit[:-2] + ("AA" if not visit.endswith("AA") else "BB")),  # altered
        (first["code"], "eyJxIjoiYT0yIn0.forged.signature"),
    ]:
        refused = _unlock(client, code, value)
        assert refused.status_code == 400, refused.data
        assert problem(refused)["type"].endswith("/invalid-visit")


def test_the_target_is_still_decided_by_the_server(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(client, alice, target="https://example.com/page", password=PASSWORD)
    visit = _carried(_unlock_page(client, link["code"], "?next=https://evil.example/"))
    answer = _unlock(client, link["code"], visit)
    assert answer.get_json()["target"] == "https://example.com/page"  # no forward_query


def test_the_unlock_page_learns_whether_the_code_exists(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(client, alice, password=PASSWORD)
    known = client.get(f"/api/v1/unlock/{link['code']}")
    assert known.status_code == 200 and known.get_json() == {
        "code": link["code"],
        "protected": True,
    }
    unknown = client.get("/api/v1/unlock/Nope1234")
    assert unknown.status_code == 404 and problem(unknown)["type"].endswith("/link-not-found")
    client.patch(f"/api/v1/links/{link['id']}", json={"disabled": True}, headers=alice)
    gone = client.get(f"/api/v1/unlock/{link['code']}")
    assert gone.status_code == 410 and problem(gone)["type"].endswith("/link-gone")
