"""Analytics API on embedded stores: clicks recorded → worker → stats, CSV, overview, authz."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from bson import ObjectId
from flask import Flask
from flask.testing import FlaskClient

from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import Users
from flamingo.app import create_app
from flamingo.clicks import events as clicks
from flamingo.clicks.events import STREAM, record_click
from flamingo.clicks.worker import ClickWorker
from flamingo.core import context
from flamingo.links.repository import LinkRepository
from flamingo.stats.reports import link_report
from flamingo.stats.repository import ClickStatsRepository, DayDelta, partial_months
from flamingo.workspaces.repository import WorkspaceRepository
from tests.conftest import make_settings, problem

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def app() -> Flask:
    app = create_app(make_settings(LOG_REQUESTS="false", CLICK_FLUSH_INTERVAL_MS="3600000"))
    context.stores_of(app).redis.delete(STREAM)  # one embedded Redis per process
    return app


def _db(app: Flask) -> Any:
    return context.stores_of(app).db


def _user(app: Flask, email: str, role: str = "user") -> str:
    return Users(_db(app)).create(email, "not-a-real-hash", role=role).id


def _auth(
    app: Flask,
    user_id: str,
    scopes: tuple[str, ...] = ("stats:read",),
    workspace_id: str | None = None,
) -> dict[str, str]:
    _, secret = Tokens(_db(app)).create(user_id, "t", list(scopes), None, workspace_id)
    return {"Authorization": f"Bearer {secret}"}


def _link(app: Flask, owner_id: str, code: str = "abc", workspace_id: str | None = None) -> str:
    now = datetime.now(UTC)
    # Inserted as a stored document (a link made before workspaces may lack workspace_id).
    result = LinkRepository(_db(app)).collection.insert_one(
        {
            "code": code,
            "owner_id": owner_id,
            **({"workspace_id": workspace_id} if workspace_id else {}),
            "target": "https://example.com/",
            "title": code,
            "tags": [],
            "redirect_status": 302,
            "disabled": False,
            "created_at": now,
            "updated_at": now,
        }
    )
    return str(result.inserted_id)


def _click(
    app: Flask, code: str, link_id: str, ua: str, ip: str = "198.51.100.1", **headers: str
) -> None:
    with app.test_request_context(
        f"/{code}", headers={"User-Agent": ua, **headers}, environ_base={"REMOTE_ADDR": ip}
    ):
        record_click(code, link_id, is_head=False)


def _process(app: Flask) -> None:
    clicks.buffer_of(app).flush()
    stores = context.stores_of(app)
    worker = ClickWorker(stores.redis, stores.db, consumer="test")
    worker.ensure_group()
    while worker.step(block_ms=0):
        pass


@pytest.fixture
def owner(app: Flask) -> str:
    return _user(app, "owner@example.com")


@pytest.fixture
def link_id(app: Flask, owner: str) -> str:
    return _link(app, owner)


def test_clicks_flow_into_stats(app: Flask, client: FlaskClient, owner: str, link_id: str) -> None:
    for i in range(3):
        _click(
            app,
            "abc",
            link_id,
            CHROME,
            ip=f"198.51.100.{i}",
            Referer="https://news.example.com/x",
            **{"X-Client-Geo-Location": "DE,Berlin"},
        )
    _click(app, "abc", link_id, CHROME, ip="198.51.100.0")  # a returning visitor
    _click(app, "abc", link_id, IPHONE, ip="203.0.113.7", **{"X-Client-Geo-Location": "US"})
    _click(app, "abc", link_id, "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")
    _click(app, "abc", link_id, "Twitterbot/1.0")
    _click(app, "abc", link_id, "curl/8.5.0")
    _process(app)

    response = client.get(f"/api/v1/links/{link_id}/stats", headers=_auth(app, owner))
    assert response.status_code == 200, response.data
    body = response.get_json()
    today = datetime.now(UTC).date()
    assert body["to"] == today.isoformat()
    assert body["from"] == (today - timedelta(days=29)).isoformat()
    assert len(body["series"]) == 30  # zero-filled
    assert body["series"][-1] == {
        "date": today.isoformat(),
        "total": 8,
        "human": 5,
        "bot": 3,
        "unique": 4,
    }
    assert all(p["total"] == 0 for p in body["series"][:-1])
    assert body["totals"] == {"total": 8, "human": 5, "bot": 3, "unique": 4}
    assert body["referrers"] == [
        {"key": "(none)", "count": 5},
        {"key": "news.example.com", "count": 3},
    ]
    assert {"key": "DE", "count": 3} in body["countries"]
    assert {"key": "US", "count": 1} in body["countries"]
    assert {"key": "mobile", "count": 1} in body["devices"]
    assert {"key": "bot", "count": 3} in body["devices"]
    assert body["browsers"][0] == {"key": "Chrome", "count": 4}


def test_range_and_zero_filled_days(
    app: Flask, client: FlaskClient, owner: str, link_id: str
) -> None:
    repo = ClickStatsRepository(_db(app))
    delta = DayDelta(link_id, "2025-02-10", owner)
    delta.add(bot=False, referrer="", country="FR", browser="Firefox", os="Linux", device="desktop")
    repo.apply([delta])
    response = client.get(
        f"/api/v1/links/{link_id}/stats?from=2025-02-09&to=2025-02-11", headers=_auth(app, owner)
    )
    body = response.get_json()
    assert [(p["date"], p["total"]) for p in body["series"]] == [
        ("2025-02-09", 0),
        ("2025-02-10", 1),
        ("2025-02-11", 0),
    ]
    assert body["countries"] == [{"key": "FR", "count": 1}]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("from=2025-13-01", "validation-error"),
        ("from=yesterday", "validation-error"),
        ("to=1700000000", "validation-error"),
        ("from=2025-01-01T00:00:00", "validation-error"),
        ("from=2025-03-02&to=2025-03-01", "invalid-date-range"),
        ("from=2020-01-01&to=2025-01-01", "invalid-date-range"),
        ("unknown=1", "validation-error"),
    ],
)
def test_bad_ranges_are_422_problems(
    app: Flask, client: FlaskClient, owner: str, query: str, slug: str
) -> None:
    link_id = _link(app, owner)
    response = client.get(f"/api/v1/links/{link_id}/stats?{query}", headers=_auth(app, owner))
    assert response.status_code == 422
    assert problem(response)["type"].endswith("/" + slug)
    assert problem(response)["errors"]


def test_other_users_link_stats_are_404(app: Flask, client: FlaskClient, link_id: str) -> None:
    stranger = _user(app, "stranger@example.com")
    for path in ("stats", "stats.csv"):
        response = client.get(f"/api/v1/links/{link_id}/{path}", headers=_auth(app, stranger))
        assert response.status_code == 404
        problem(response)


def test_unknown_and_malformed_link_ids_are_404(
    app: Flask, client: FlaskClient, owner: str
) -> None:
    for link_id in (str(ObjectId()), "not-an-id"):
        response = client.get(f"/api/v1/links/{link_id}/stats", headers=_auth(app, owner))
        assert response.status_code == 404


def test_admin_sees_any_links_stats(app: Flask, client: FlaskClient, link_id: str) -> None:
    admin = _user(app, "admin@example.com", role="admin")
    response = client.get(f"/api/v1/links/{link_id}/stats", headers=_auth(app, admin))
    assert response.status_code == 200


def test_stats_need_the_stats_read_scope(
    app: Flask, client: FlaskClient, owner: str, link_id: str
) -> None:
    response = client.get(
        f"/api/v1/links/{link_id}/stats", headers=_auth(app, owner, ("links:read",))
    )
    assert response.status_code == 403
    assert client.get(f"/api/v1/links/{link_id}/stats").status_code == 401


def test_csv_has_the_same_data(app: Flask, client: FlaskClient, owner: str, link_id: str) -> None:
    repo = ClickStatsRepository(_db(app))
    delta = DayDelta(link_id, "2025-02-10", owner)
    delta.add(
        bot=True, referrer="=cmd.example", country="", browser="curl", os="Other", device="bot"
    )
    repo.apply([delta])
    response = client.get(
        f"/api/v1/links/{link_id}/stats.csv?from=2025-02-10&to=2025-02-11",
        headers=_auth(app, owner),
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["section", "key", "date", "total", "human", "bot", "unique"]
    assert rows[1] == ["day", "", "2025-02-10", "1", "0", "1", "0"]
    assert rows[2] == ["day", "", "2025-02-11", "0", "0", "0", "0"]
    assert ["referrers", "'=cmd.example", "", "1", "", "", ""] in rows  # no formula injection
    assert ["browsers", "curl", "", "1", "", "", ""] in rows


def test_overview_lists_the_callers_totals_and_top_links(
    app: Flask, client: FlaskClient, owner: str, link_id: str
) -> None:
    second = _link(app, owner, "second")
    stranger = _user(app, "stranger@example.com")
    foreign = _link(app, stranger, "foreign")
    for target, n in ((link_id, 2), (second, 5), (foreign, 7)):
        for _ in range(n):
            _click(app, "x", target, CHROME)
    _process(app)
    response = client.get("/api/v1/stats/overview", headers=_auth(app, owner))
    assert response.status_code == 200
    body = response.get_json()
    assert body["totals"] == {"total": 7, "human": 7, "bot": 0}
    assert len(body["series"]) == 30
    assert [(t["code"], t["total"]) for t in body["top_links"]] == [("second", 5), ("abc", 2)]
    assert (
        client.get("/api/v1/stats/overview", headers=_auth(app, stranger)).get_json()["totals"][
            "total"
        ]
        == 7
    )


def test_overview_counts_one_workspace_for_its_members_only(
    app: Flask, client: FlaskClient, owner: str, link_id: str
) -> None:
    """A shared workspace's overview counts its links whoever made them; the personal overview
    leaves them out; a viewer may read it, a non-member gets 404 (as for every object)."""
    colleague = _user(app, "colleague@example.com")
    viewer = _user(app, "viewer@example.com")
    stranger = _user(app, "outsider@example.com")
    repo = WorkspaceRepository(_db(app))
    team = repo.create("Team", owner)
    repo.add_member(team.id, colleague, "member")
    repo.add_member(team.id, viewer, "viewer")
    team_id = team.id
    shared = _link(app, colleague, "shared", workspace_id=team_id)
    for target, n in ((link_id, 2), (shared, 3)):
        for _ in range(n):
            _click(app, "x", target, CHROME)
    _process(app)

    def overview(user: str, workspace: str | None) -> Any:
        """As ``user``, with a token of ``workspace`` (a token acts in one workspace only)."""
        suffix = f"?workspace_id={workspace}" if workspace else ""
        headers = _auth(app, user, workspace_id=workspace)
        return client.get(f"/api/v1/stats/overview{suffix}", headers=headers)

    for reader in (owner, colleague, viewer):
        body = overview(reader, team_id).get_json()
        assert body.get("workspace_id") == team_id, body
        assert body["totals"]["total"] == 3
        assert [(t["code"], t["total"]) for t in body["top_links"]] == [("shared", 3)]
    personal = overview(owner, None).get_json()
    assert personal["workspace_id"] == owner
    assert personal["totals"]["total"] == 2
    assert [t["code"] for t in personal["top_links"]] == ["abc"]
    assert overview(colleague, None).get_json()["totals"]["total"] == 0  # made, not owned
    personal_token = _auth(app, owner)  # a token of the personal workspace, asking for the team's
    for response in (
        overview(stranger, team_id),
        client.get(f"/api/v1/stats/overview?workspace_id={team_id}", headers=personal_token),
        client.get(
            f"/api/v1/stats/overview?workspace_id={owner}", headers=_auth(app, stranger)
        ),  # someone else's personal workspace
    ):
        assert response.status_code == 404
        assert problem(response)["type"].endswith("/not-found")


def test_partial_months() -> None:
    assert partial_months(date(2025, 1, 1), date(2025, 12, 31)) == []
    assert partial_months(date(2025, 1, 15), date(2025, 3, 10)) == [
        (date(2025, 1, 15), date(2025, 1, 31)),
        (date(2025, 3, 1), date(2025, 3, 10)),
    ]
    assert partial_months(date(2024, 2, 2), date(2024, 2, 28)) == [
        (date(2024, 2, 2), date(2024, 2, 28))
    ]
    assert partial_months(date(2024, 2, 1), date(2024, 2, 29)) == []


def test_breakdowns_respect_a_range_that_cuts_months(app: Flask, owner: str, link_id: str) -> None:
    repo = ClickStatsRepository(_db(app))
    for day, country in (("2025-01-10", "FR"), ("2025-01-20", "DE"), ("2025-02-05", "US")):
        delta = DayDelta(link_id, day, owner)
        delta.add(bot=False, referrer="", country=country, browser="B", os="O", device="desktop")
        repo.apply([delta])
    report = link_report(repo, link_id, date(2025, 1, 15), date(2025, 2, 28))
    assert report.countries == {"DE": 1, "US": 1}  # the 10th is outside the range
    assert sum(p.total for p in report.series) == 2
    whole = link_report(repo, link_id, date(2025, 1, 1), date(2025, 2, 28))
    assert whole.countries == {"FR": 1, "DE": 1, "US": 1}


def test_a_year_reads_twelve_month_documents(app: Flask, owner: str, link_id: str) -> None:
    """O(days) and better: a whole year is 12 month documents, however many clicks they hold."""
    repo = ClickStatsRepository(_db(app))
    start = date(2025, 1, 1)
    deltas = []
    for i in range(365):
        delta = DayDelta(link_id, (start + timedelta(days=i)).isoformat(), owner)
        delta.total = delta.human = 1000
        deltas.append(delta)
    repo.apply(deltas)
    end = start + timedelta(days=364)
    assert len(repo.link_months(link_id, start, end)) == 12
    report = link_report(repo, link_id, start, end)
    assert sum(p.total for p in report.series) == 365_000
    assert all(p.total == 1000 for p in report.series)
