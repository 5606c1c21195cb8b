"""Workspace stats across links and the filtered overview (embedded stores)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.core.config import ConfigError
from flamingo.workspaces.repository import WorkspaceRepository
from tests.conftest import make_settings, problem
from tests.unit.stats.clicking import BOT, IPHONE, auth, click, db, link, make_app, process, user


@pytest.fixture
def app() -> Flask:
    return make_app()


def test_workspace_stats_break_down_across_links_for_members_only(
    app: Flask, client: FlaskClient
) -> None:
    owner = user(app, "owner@example.com")
    team = WorkspaceRepository(db(app)).create("Team", owner).id
    first = link(app, owner, "one", workspace_id=team)
    second = link(app, owner, "two", workspace_id=team)
    elsewhere = link(app, owner, "mine")  # the personal workspace: not counted
    for _ in range(3):
        click(app, "one", first, **{"X-Client-Geo-Location": "DE"})
    click(
        app, "two", second, IPHONE, query="utm_campaign=spring", **{"X-Client-Geo-Location": "AT"}
    )
    click(app, "two", second, BOT)
    click(app, "mine", elsewhere)
    process(app)
    headers = auth(app, owner, workspace_id=team)
    body = client.get(f"/api/v1/workspaces/{team}/stats", headers=headers).get_json()
    assert body["workspace_id"] == team
    assert body["totals"] == {"total": 5, "human": 4, "bot": 1}
    assert [(t["code"], t["total"]) for t in body["top_links"]] == [("one", 3), ("two", 2)]
    assert {r["key"]: r["count"] for r in body["countries"]} == {"DE": 3, "AT": 1, "(none)": 1}
    assert body["utm_campaign"] == [{"key": "spring", "count": 1}]
    humans = client.get(
        f"/api/v1/workspaces/{team}/stats?bot=false&country=!DE", headers=headers
    ).get_json()
    assert [(t["code"], t["total"]) for t in humans["top_links"]] == [("two", 1)]
    stranger = user(app, "stranger@example.com")
    refused = client.get(f"/api/v1/workspaces/{team}/stats", headers=auth(app, stranger))
    assert refused.status_code == 404


def test_the_overview_takes_filters(app: Flask, client: FlaskClient) -> None:
    owner = user(app, "owner@example.com")
    first = link(app, owner, "one")
    click(app, "one", first, **{"X-Client-Geo-Location": "DE"})
    click(app, "one", first, **{"X-Client-Geo-Location": "FR"})
    process(app)
    headers = auth(app, owner)
    plain = client.get("/api/v1/stats/overview", headers=headers).get_json()
    german = client.get("/api/v1/stats/overview?country=DE", headers=headers).get_json()
    assert (plain["source"], plain["totals"]["total"]) == ("counters", 2)
    assert (german["source"], german["totals"]["total"]) == ("events", 1)
    assert german["series"][-1]["total"] == 1


@pytest.mark.parametrize("value", ["0", "-1", "many", "4000"])
def test_the_retention_setting_is_checked(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        make_settings(CLICK_EVENTS_RETENTION_DAYS=value)
    assert caught.value.setting == "CLICK_EVENTS_RETENTION_DAYS"


def test_the_retention_names_itself_in_the_problem(client: FlaskClient, app: Flask) -> None:
    owner = user(app, "owner@example.com")
    first = link(app, owner, "one")
    response = client.get(f"/api/v1/links/{first}/visits?from=2000-01-01", headers=auth(app, owner))
    body = problem(response)
    assert body["type"].endswith("range-beyond-retention")
    assert "CLICK_EVENTS_RETENTION_DAYS" in body["errors"][0]["message"]
