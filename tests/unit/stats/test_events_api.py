"""Raw click events through the API (embedded stores): a click becomes an event, filtered stats
equal a brute-force count, counters and events agree, retention bounds, visits, erasure."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.audit.repository import AuditRepository
from flamingo.workspaces.repository import WorkspaceRepository
from tests.conftest import problem
from tests.unit.stats.clicking import (
    BOT,
    CHROME,
    IPHONE,
    auth,
    click,
    db,
    link,
    make_app,
    process,
    user,
)


@pytest.fixture
def app() -> Flask:
    return make_app(CLICK_EVENTS_RETENTION_DAYS="30")


@pytest.fixture
def owner(app: Flask) -> str:
    return user(app, "owner@example.com")


@pytest.fixture
def link_id(app: Flask, owner: str) -> str:
    return link(app, owner)


def test_a_click_becomes_one_event_and_no_ip_is_stored(
    app: Flask, client: FlaskClient, owner: str, link_id: str
) -> None:
    click(
        app,
        "abc",
        link_id,
        CHROME,
        ip="198.51.100.77",
        query="utm_source=news&utm_campaign=launch&x=secret",
        Referer="https://news.example.com/article?id=9",
        **{"Accept-Language": "de-CH, en;q=0.5", "X-Client-Geo-Location": "DE,Berlin"},
    )
    process(app)
    response = client.get(f"/api/v1/links/{link_id}/visits", headers=auth(app, owner))
    assert response.status_code == 200, response.data
    body = response.get_json()
    assert body["next_cursor"] is None
    [visit] = body["items"]
    assert visit["code"] == "abc"
    assert visit["domain"] == "localhost"
    assert visit["country"] == "DE"
    assert visit["referrer"] == "news.example.com"
    assert visit["language"] == "de"
    assert visit["browser"] == "Chrome"
    assert visit["device"] == "desktop"
    assert visit["bot"] is False
    assert (visit["utm_source"], visit["utm_campaign"], visit["utm_medium"]) == (
        "news",
        "launch",
        None,
    )
    assert visit["visitor"]
    stored = json.dumps(list(db(app)["click_events"].find({}, {"_id": 0})), default=str)
    for secret in ("198.51.100.77", "secret", "article", "Mozilla"):
        assert secret not in stored


def _generated(app: Flask, link_id: str) -> list[dict[str, Any]]:
    """Clicks over every combination of a few values; returns what each click was."""
    made = []
    combos = itertools.product(
        [("DE", CHROME), ("US", IPHONE), ("FR", BOT)],
        ["de", "en", ""],
        ["news", "mail", None],
        [0, None],
    )
    for n, ((country, ua), language, source, rule) in enumerate(combos):
        headers = {"X-Client-Geo-Location": country}
        if language:
            headers["Accept-Language"] = f"{language}-XX"
        query = f"utm_source={source}&utm_medium=m{n % 2}" if source else ""
        click(app, "abc", link_id, ua, ip=f"203.0.113.{n % 5}", query=query, rule=rule, **headers)
        made.append(
            {
                "country": country,
                "bot": ua == BOT,
                "device": {CHROME: "desktop", IPHONE: "mobile", BOT: "bot"}[ua],
                "language": language,
                "utm_source": source,
                "utm_medium": f"m{n % 2}" if source else None,
                "rule": rule,
            }
        )
    process(app)
    return made


FILTERS = [
    ("country=DE", lambda c: c["country"] == "DE"),
    ("country=DE&country=US", lambda c: c["country"] in ("DE", "US")),
    ("country=!DE", lambda c: c["country"] != "DE"),
    ("country=!DE&country=!US", lambda c: c["country"] not in ("DE", "US")),
    ("device=mobile&language=de", lambda c: c["device"] == "mobile" and c["language"] == "de"),
    ("language=(none)", lambda c: c["language"] == ""),
    (
        "utm_source=news&utm_medium=m1",
        lambda c: c["utm_source"] == "news" and c["utm_medium"] == "m1",
    ),
    ("utm_source=(none)", lambda c: c["utm_source"] is None),
    ("utm_source=!news", lambda c: c["utm_source"] != "news"),
    ("rule=0", lambda c: c["rule"] == 0),
    ("bot=true", lambda c: c["bot"]),
    ("bot=false&country=FR", lambda c: not c["bot"] and c["country"] == "FR"),
]


BREAKDOWNS = ("referrers", "countries", "browsers", "os", "devices", "languages")
BREAKDOWNS += ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


@pytest.mark.parametrize("case", FILTERS, ids=[q for q, _ in FILTERS])
def test_filtered_counts_equal_a_brute_force_count(
    app: Flask, client: FlaskClient, owner: str, link_id: str, case: tuple[str, Any]
) -> None:
    query, keep = case
    made = _generated(app, link_id)
    response = client.get(f"/api/v1/links/{link_id}/stats?{query}", headers=auth(app, owner))
    assert response.status_code == 200, response.data
    body = response.get_json()
    assert body["source"] == "events"
    expected = [c for c in made if keep(c)]
    assert body["totals"]["total"] == len(expected)
    assert body["totals"]["bot"] == sum(c["bot"] for c in expected)
    countries: dict[str, int] = {}
    for c in expected:
        countries[c["country"]] = countries.get(c["country"], 0) + 1
    assert {row["key"]: row["count"] for row in body["countries"]} == countries


def test_counters_and_events_agree_on_the_same_range(
    app: Flask, client: FlaskClient, owner: str, link_id: str
) -> None:
    _generated(app, link_id)
    headers = auth(app, owner)
    counters = client.get(f"/api/v1/links/{link_id}/stats", headers=headers).get_json()
    # A filter every click passes: the same clicks, answered from the events.
    events = client.get(f"/api/v1/links/{link_id}/stats?country=!ZZ", headers=headers).get_json()
    assert (counters["source"], events["source"]) == ("counters", "events")
    assert counters["totals"]["total"] > 0
    for name in ("totals", "series", "rules", "variants"):
        assert events[name] == counters[name], name
    for name in BREAKDOWNS:
        assert sorted(map(str, events[name])) == sorted(map(str, counters[name])), name


def test_hourly_series_comes_from_events(
    app: Flask, client: FlaskClient, owner: str, link_id: str
) -> None:
    click(app, "abc", link_id)
    click(app, "abc", link_id, BOT)
    process(app)
    today = datetime.now(UTC).date()
    response = client.get(
        f"/api/v1/links/{link_id}/stats?interval=hour&from={today}&to={today}",
        headers=auth(app, owner),
    )
    body = response.get_json()
    assert (body["source"], body["interval"], len(body["hourly"])) == ("events", "hour", 24)
    hour = datetime.now(UTC).hour
    assert (body["hourly"][hour]["total"], body["hourly"][hour]["bot"]) == (2, 1)
    assert body["hourly"][hour]["at"].startswith(f"{today}T{hour:02d}:00:00")


def test_a_filtered_range_past_retention_is_refused_and_counters_still_answer(
    app: Flask, client: FlaskClient, owner: str, link_id: str
) -> None:
    headers = auth(app, owner)
    start = (datetime.now(UTC).date() - timedelta(days=40)).isoformat()
    refused = client.get(f"/api/v1/links/{link_id}/stats?from={start}&country=DE", headers=headers)
    assert refused.status_code == 422
    body = problem(refused)
    assert body["type"].endswith("range-beyond-retention")
    assert "30 days" in body["detail"]
    assert (
        client.get(f"/api/v1/links/{link_id}/stats?from={start}", headers=headers).status_code
        == 200
    )
    too_long = client.get(f"/api/v1/links/{link_id}/stats?interval=hour", headers=headers)
    assert problem(too_long)["type"].endswith("interval-too-long")


@pytest.mark.parametrize(
    "query",
    ["bot=maybe", "interval=week", "utm_medium=a%00b", "&".join(["country=DE"] * 21), "colour=red"],
)
def test_bad_filters_are_422_while_good_ones_answer(
    app: Flask, client: FlaskClient, owner: str, link_id: str, query: str
) -> None:
    headers = auth(app, owner)
    good = client.get(f"/api/v1/links/{link_id}/stats?country=DE&bot=false", headers=headers)
    assert good.status_code == 200
    response = client.get(f"/api/v1/links/{link_id}/stats?{query}", headers=headers)
    assert response.status_code == 422
    assert problem(response)["type"].endswith("validation-error")


@pytest.mark.parametrize("day", ["2106-02-08", "9426-07-12", "9999-12-31"])
def test_a_filtered_range_past_what_an_object_id_can_hold_is_empty_not_a_500(
    app: Flask, client: FlaskClient, owner: str, link_id: str, day: str
) -> None:
    """An event's id holds its time in 4 bytes of seconds (up to 2106); schemathesis asked for
    the year 9426 and got a 500."""
    headers = auth(app, owner)
    paths = [
        f"/api/v1/links/{link_id}/stats?country=DE",
        f"/api/v1/links/{link_id}/visits?country=DE",
        f"/api/v1/workspaces/{owner}/stats?country=DE",
        "/api/v1/stats/overview?country=DE",
    ]
    for path in paths:
        response = client.get(f"{path}&from={day}&to={day}", headers=headers)
        assert response.status_code == 200, (path, response.data)


def test_visits_page_newest_first_and_export_as_csv(
    app: Flask, client: FlaskClient, owner: str, link_id: str
) -> None:
    for n in range(5):
        click(app, "abc", link_id, ip=f"192.0.2.{n}", Referer=f"https://r{n}.example/")
    click(app, "abc", link_id, query="utm_source=%3DHYPERLINK(1)")
    process(app)
    headers = auth(app, owner)
    seen: list[str] = []
    cursor = ""
    while True:
        page = client.get(
            f"/api/v1/links/{link_id}/visits?limit=2{cursor}", headers=headers
        ).get_json()
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert len(seen) == len(set(seen)) == 6
    assert seen == sorted(seen, reverse=True)  # ids start with the click's time
    response = client.get(f"/api/v1/links/{link_id}/visits?format=csv", headers=headers)
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["id"] for row in rows] == seen
    assert "'=HYPERLINK(1)" in [row["utm_source"] for row in rows]
    assert "ip" not in rows[0]
    filtered = client.get(
        f"/api/v1/links/{link_id}/visits?referrer=r1.example&referrer=r2.example", headers=headers
    ).get_json()
    assert sorted(v["referrer"] for v in filtered["items"]) == ["r1.example", "r2.example"]


def test_erasing_visits_needs_an_admin_role_and_is_audited(
    app: Flask, client: FlaskClient, owner: str
) -> None:
    team = WorkspaceRepository(db(app)).create("Team", owner)
    member = user(app, "member@example.com")
    WorkspaceRepository(db(app)).add_member(team.id, member, "member")
    team_link = link(app, owner, "team", workspace_id=team.id)
    click(app, "team", team_link)
    process(app)
    path = f"/api/v1/links/{team_link}/visits"
    refused = client.delete(path, headers=auth(app, member, "links:write", workspace_id=team.id))
    assert refused.status_code == 403
    reader = auth(app, owner, workspace_id=team.id)
    assert len(client.get(path, headers=reader).get_json()["items"]) == 1
    erase = client.delete(path, headers=auth(app, owner, "links:write", workspace_id=team.id))
    assert erase.status_code == 204
    assert client.get(path, headers=reader).get_json()["items"] == []
    stats = client.get(f"/api/v1/links/{team_link}/stats", headers=reader).get_json()
    assert stats["totals"]["total"] == 1  # the counters stay
    entries = AuditRepository(db(app)).page(action="link.visits.erase", cursor=None, limit=10)
    assert [e.target_id for e in entries.items] == [team_link]
