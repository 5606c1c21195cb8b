"""``POST /api/v1/links/import?from=<peer>&dry_run=``: the same importer as ``flamingo import
--from`` behind the API's auth, on each peer's fixture (``tests/fixtures/import/peers``): a dry
run writes nothing, a run creates and audits, a re-run skips; bad files are problems."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.audit import service as audit
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, user_headers

PEERS = Path(__file__).resolve().parents[2] / "fixtures" / "import" / "peers"


@pytest.fixture
def app() -> Flask:
    return create_app(make_settings(LOG_REQUESTS="false", **FAST_HASH))


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


def post(client: FlaskClient, headers: dict[str, str], peer: str, body: Any, **q: str) -> Any:
    params = "&".join(f"{k}={v}" for k, v in {"from": peer, **q}.items())
    return client.post(f"/api/v1/links/import?{params}", json=body, headers=headers)


def fixture(peer: str) -> Any:
    return json.loads((PEERS / f"{peer}.json").read_text())


def codes(client: FlaskClient, headers: dict[str, str]) -> set[str]:
    page = client.get("/api/v1/links?limit=100", headers=headers).get_json()
    return {item["code"] for item in page["items"]}


@pytest.mark.parametrize(
    ("peer", "made"),
    [("shlink", 2), ("kutt", 2), ("yourls", 2), ("bitly", 2)],
)
def test_dry_run_run_rerun(
    app: Flask, client: FlaskClient, alice: dict[str, str], peer: str, made: int
) -> None:
    dry = post(client, alice, peer, fixture(peer), dry_run="true")
    assert dry.status_code == 200, dry.data
    assert dry.get_json()["dry_run"] is True and dry.get_json()["created"] == made
    assert codes(client, alice) == set()

    run = post(client, alice, peer, fixture(peer)).get_json()
    assert run["created"] == made and run["error"] >= 1
    created = {row["code"] for row in run["rows"] if row["status"] == "created"}
    assert codes(client, alice) == created
    assert all(row["link_id"] for row in run["rows"] if row["status"] == "created")
    refused = [row for row in run["rows"] if row["status"] == "error"]
    assert all(row["where"] and row["detail"] for row in refused)
    with app.app_context():
        logged = [e for e in audit.entries(None, 200).items if e.action == "link.create"]
    assert len(logged) == made

    again = post(client, alice, peer, fixture(peer)).get_json()
    assert (again["created"], again["skipped"]) == (0, made)


def test_the_link_answer_shows_imported_clicks(client: FlaskClient, alice: dict[str, str]) -> None:
    post(client, alice, "shlink", fixture("shlink"))
    page = client.get("/api/v1/links", headers=alice).get_json()["items"]
    launch = next(item for item in page if item["code"] == "launch")
    assert launch["clicks_imported"] == 1234 and launch["clicks"]["total"] == 1234
    assert launch["created_at"] == "2023-03-14T08:26:53.000Z"
    one = client.get(f"/api/v1/links/{launch['id']}", headers=alice).get_json()
    assert one["clicks_imported"] == 1234
    assert one["clicks_used"] == 1234  # Shlink's maxVisits counted them: so does the cap here


@pytest.mark.parametrize(
    ("peer", "body", "slug"),
    [
        ("kutt", {"shortUrls": {}}, "import-format"),
        ("mastodon", {}, "validation-error"),
        ("yourls", [1, 2], "import-format"),
    ],
)
def test_bad_files_are_problems(
    client: FlaskClient, alice: dict[str, str], peer: str, body: Any, slug: str
) -> None:
    response = post(client, alice, peer, body)
    assert response.status_code == 422
    assert problem(response)["type"].endswith(slug)


def test_too_many_rows(client: FlaskClient, alice: dict[str, str]) -> None:
    data = [{"address": f"c{i}", "target": "https://example.com/"} for i in range(2001)]
    response = post(client, alice, "kutt", {"data": data})
    assert response.status_code == 413 and "2001 rows" in problem(response)["detail"]
    assert codes(client, alice) == set()


def test_auth_scope_and_workspace(app: Flask, client: FlaskClient, alice: dict[str, str]) -> None:
    assert post(client, {}, "kutt", fixture("kutt")).status_code == 401
    bob = user_headers(app, "bob@example.com")
    bob_id = client.get("/api/v1/me", headers=bob).get_json()["id"]
    elsewhere = post(client, alice, "kutt", fixture("kutt"), workspace_id=bob_id)
    assert elsewhere.status_code == 404
    assert codes(client, bob) == set()
