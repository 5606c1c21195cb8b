"""The Shlink, Kutt, YOURLS and Bitly importers on their fixtures (``tests/fixtures/import/peers``,
written from each peer's documented list-API answer; sources in that folder's README): a dry run
reports without writing, a run creates the good rows with their code, target, title, tags,
times, limits and visit count, a re-run skips them all, a clash is reported and never
overwritten, a bad row is named with its error and the good ones are kept."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from flamingo.accounts.auth import Principal
from flamingo.accounts.scopes import SCOPES
from flamingo.app import create_app
from flamingo.core import context
from flamingo.links.importers import sources
from flamingo.links.importers.records import ImportFormatError
from flamingo.links.importers.runner import ImportReport, run_import
from flamingo.links.models import LinkCreate
from flamingo.links.repository import LinkRepository
from flamingo.links.service import LinkService
from tests.conftest import make_settings
from tests.support.links import FAST_HASH, make_user

PEERS = Path(__file__).resolve().parents[2] / "fixtures" / "import" / "peers"
HOST = "localhost"

# What each fixture gives: the codes created, the rows refused (where -> words of the error).
EXPECTED: dict[str, tuple[list[str], dict[str, str]]] = {
    "shlink": (
        ["launch", "Ab3x9"],
        {
            "page 2, shortUrls.data[0]": "target",
            "page 2, shortUrls.data[1]": "dateCreated",
        },
    ),
    "kutt": (["team-wiki", "x7Kp2"], {"data[2]": "password", "data[3]": "reserved"}),
    "yourls": (["1", "ozh"], {"links.link_3": "clicks"}),
    "bitly": (["spring-sale", "4aBcDeF"], {"links[2]": "long_url"}),
}


@pytest.fixture
def app() -> Flask:
    return create_app(make_settings(LOG_REQUESTS="false", **FAST_HASH))


def principal_of(app: Flask, email: str = "importer@example.com") -> Principal:
    return Principal(make_user(app, email), email, "user", frozenset(SCOPES), "session")


def run(app: Flask, peer: str, who: Principal, **options: Any) -> ImportReport:
    rows = sources.read(peer, (PEERS / f"{peer}.json").read_bytes())
    with app.app_context():
        return run_import(context.service_of(app, LinkService), who, rows, **options)


def links(app: Flask) -> dict[str, dict[str, Any]]:
    return {d["code"]: d for d in LinkRepository(context.stores_of(app).db).collection.find()}


def errors(report: ImportReport) -> dict[str, str]:
    return {o.where: o.detail for o in report.rows if o.status == "error"}


@pytest.mark.parametrize("peer", sorted(EXPECTED))
def test_dry_run_run_and_rerun(app: Flask, peer: str) -> None:
    created, refused = EXPECTED[peer]
    who = principal_of(app)

    dry = run(app, peer, who, dry_run=True)
    assert dry.totals() == {
        "created": len(created),
        "skipped": 0,
        "clash": 0,
        "error": len(refused),
    }
    assert links(app) == {}  # a dry run writes nothing

    real = run(app, peer, who)
    assert [o.code for o in real.rows if o.status == "created"] == created
    assert set(links(app)) == set(created)
    bad = errors(real)
    assert set(bad) == set(refused)
    for where, words in refused.items():
        assert words in bad[where], bad[where]

    again = run(app, peer, who)
    assert again.totals() == {
        "created": 0,
        "skipped": len(created),
        "clash": 0,
        "error": len(refused),
    }
    assert len(links(app)) == len(created)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_shlink_keeps_every_field_it_has(app: Flask) -> None:
    run(app, "shlink", principal_of(app))
    launch, old = links(app)["launch"], links(app)["Ab3x9"]
    assert launch["target"] == "https://www.example.com/products/launch?utm_source=shlink"
    assert launch["title"] == "Product launch" and launch["tags"] == ["marketing", "2023"]
    assert launch["created_at"] == at("2023-03-14T08:26:53+00:00")
    assert launch["expires_at"] == at("2999-12-31T23:59:59+00:00")
    assert launch["max_clicks"] == 5000 and launch["forward_query"] is True
    assert launch["clicks_imported"] == 1234 and launch["clicks_total"] == 1234
    # an expired link stays expired, its start kept; the old visitsCount is read too
    assert old["expires_at"] == at("2022-01-01T00:00:00+00:00")
    assert old["valid_from"] == at("2021-06-02T00:00:00+00:00")
    assert old["clicks_imported"] == 42


def test_kutt_yourls_and_bitly_fields(app: Flask) -> None:
    who = principal_of(app)
    for peer in ("kutt", "yourls", "bitly"):
        run(app, peer, who)
    got = links(app)
    assert got["team-wiki"]["title"] == "The team's wiki"
    assert got["team-wiki"]["expires_at"] == at("2999-01-01T00:00:00+00:00")
    assert got["team-wiki"]["clicks_imported"] == 87
    assert got["1"]["target"] == "https://www.example.com/first"  # a one-character YOURLS code
    assert got["1"]["created_at"] == at("2015-04-01T10:20:30+00:00")
    assert got["1"]["clicks_imported"] == 310 and got["ozh"]["title"] == "About the blog"
    sale = got["spring-sale"]  # the custom back-half, not bit.ly/3kTz9Qw
    assert sale["target"] == "https://shop.example.com/spring-sale"
    assert sale["tags"] == ["sales", "spring"] and sale.get("clicks_imported", 0) == 0
    assert sale["created_at"] == at("2022-03-20T14:05:00+00:00")


def create(app: Flask, who: Principal, code: str, target: str) -> None:
    with app.app_context():
        context.service_of(app, LinkService).create(
            who.user_id, LinkCreate(target=target, alias=code)
        )


def test_a_clash_is_reported_and_never_overwritten(app: Flask) -> None:
    who, other = principal_of(app), principal_of(app, "other@example.com")
    create(app, other, "launch", "https://elsewhere.example.net/")
    report = run(app, "shlink", who)
    clash = [o for o in report.rows if o.status == "clash"]
    assert [o.code for o in clash] == ["launch"] and "another link" in clash[0].detail
    assert links(app)["launch"]["target"] == "https://elsewhere.example.net/"
    assert links(app)["launch"]["owner_id"] == other.user_id
    assert report.count("created") == 1  # Ab3x9 still made it


def test_same_code_twice_in_a_file(app: Flask) -> None:
    page = {"data": [{"address": "dup", "target": "https://a.example.com/"}] * 2}
    page["data"].append({"address": "dup", "target": "https://b.example.com/"})
    rows = sources.read("kutt", json.dumps([page]))
    with app.app_context():
        report = run_import(context.service_of(app, LinkService), principal_of(app), rows)
    assert [o.status for o in report.rows] == ["created", "skipped", "clash"]


def test_codes_come_from_the_last_segment_of_a_short_url() -> None:
    """YOURLS may be installed in a folder (its YOURLS_SITE has a path); Bitly ids lack a scheme."""
    yourls = {
        "links": {"link_1": {"shorturl": "https://e.example/s/abc", "url": "https://x.example"}}
    }
    bitly = {"links": [{"id": "bit.ly/Xy12", "long_url": "https://x.example"}]}
    assert [r.code for r in sources.read("yourls", json.dumps(yourls))] == ["abc"]
    assert [r.code for r in sources.read("bitly", json.dumps(bitly))] == ["Xy12"]


def test_progress_is_reported_every_n_rows(app: Flask) -> None:
    data = [{"address": f"code{i}", "target": f"https://example.com/{i}"} for i in range(7)]
    rows = sources.read("kutt", json.dumps({"data": data}))
    seen: list[tuple[int, int]] = []
    progress: Callable[[int, int], None] = lambda done, total: seen.append((done, total))  # noqa: E731
    with app.app_context():
        run_import(
            context.service_of(app, LinkService),
            principal_of(app),
            rows,
            progress=progress,
            every=3,
        )
    assert seen == [(3, 7), (6, 7), (7, 7)]


@pytest.mark.parametrize(
    ("peer", "text", "words"),
    [
        ("shlink", "{not json", "not JSON"),
        ("shlink", '{"data": []}', "shortUrls"),
        ("kutt", '{"shortUrls": {"data": []}}', "'data'"),
        ("yourls", '{"links": 3}', "'links'"),
        ("bitly", "[]", "array"),
        ("mastodon", "{}", "unknown source"),
    ],
)
def test_a_file_of_another_shape_is_refused_whole(peer: str, text: str, words: str) -> None:
    with pytest.raises(ImportFormatError) as refused:
        sources.read(peer, text)
    assert words in str(refused.value)


def test_a_workspace_the_user_may_not_write_is_refused(app: Flask) -> None:
    who, other = principal_of(app), principal_of(app, "other@example.com")
    rows = sources.read("yourls", (PEERS / "yourls.json").read_bytes())
    with app.app_context(), pytest.raises(Exception) as refused:
        run_import(context.service_of(app, LinkService), who, rows, workspace_id=other.user_id)
    assert getattr(refused.value, "status", None) == 404
    assert links(app) == {}


def test_the_cli_offers_every_source() -> None:
    from flamingo import cli  # noqa: PLC0415 - the CLI keeps the importers out of its start-up

    assert cli.PEERS == sources.SOURCES
