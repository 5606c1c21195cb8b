"""``flamingo migrate`` on mongomock: a database with users, links and tokens from before
workspaces ends with each in its owner's personal workspace; a second run changes nothing; the
users then see exactly their own links through the API, with a session or their old token."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from flask import Flask

from flamingo import cli
from flamingo.core import context
from tests.support.legacy import assert_migrated, seed_legacy
from tests.unit.accounts.test_accounts import accounts_app


@pytest.fixture
def app() -> Flask:
    return accounts_app(RATELIMIT_ENABLED="false")


def _run(app: Flask) -> str:
    """The command's body on this app's (in-memory) database, its output as text."""
    runner = CliRunner()
    settings = context.settings_of(app)
    db = context.stores_of(app).db

    @cli.click.command()
    def migrate_here() -> None:
        cli.run_migrations(settings, db)

    result = runner.invoke(migrate_here)
    assert result.exit_code == 0, result.output
    return result.output


def test_migrate_moves_users_links_and_tokens_and_is_idempotent(app: Flask) -> None:
    db = context.stores_of(app).db
    seeded = seed_legacy(db)
    first = _run(app)
    assert "users given their personal workspace: 3" in first
    assert "links moved into personal workspaces: 12" in first
    assert "tokens moved into personal workspaces: 3" in first
    assert_migrated(db, seeded)
    before = {name: list(db[name].find()) for name in ("workspaces", "memberships", "links")}
    second = _run(app)
    assert "users given their personal workspace: 0" in second
    assert "links moved into personal workspaces: 0" in second
    assert "tokens moved into personal workspaces: 0" in second
    assert {name: list(db[name].find()) for name in before} == before

    client = app.test_client()
    for user_id in seeded["users"]:
        headers = {"Authorization": f"Bearer {seeded['tokens'][user_id]}"}
        page = client.get("/api/v1/links?limit=100", headers=headers).get_json()
        assert sorted(item["id"] for item in page["items"]) == sorted(seeded["links"][user_id])
        assert {item["workspace_id"] for item in page["items"]} == {user_id}
        other = next(u for u in seeded["users"] if u != user_id)
        foreign = client.get(f"/api/v1/links/{seeded['links'][other][0]}", headers=headers)
        assert foreign.status_code == 404
