"""``flamingo migrate`` and ``flamingo ensure-indexes`` (the chart's hook Job) on FerretDB, as
processes: a database from before workspaces is moved into personal workspaces once; every
later run (either command) changes nothing; the new indexes exist and hold."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import uuid
from typing import Any

import pymongo
import pytest

from tests.support.legacy import assert_migrated, seed_legacy
from tests.support.processes import FerretDB, backend_env

pytestmark = pytest.mark.integration


def _cli(env: dict[str, str], command: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "flamingo.cli", command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tempfile.mkdtemp(),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_migrate_on_ferretdb(ferretdb: FerretDB) -> None:
    name = f"flamingo_ws_migrate_{uuid.uuid4().hex[:8]}"
    client: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(ferretdb.uri, tz_aware=True)
    db = client[name]
    try:
        seeded = seed_legacy(db, users=3, links_each=5)
        env = backend_env(MONGO_URI=ferretdb.uri, MONGO_DB=name)
        first = _cli(env, "migrate")
        assert "users given their personal workspace: 3" in first
        assert "links moved into personal workspaces: 15" in first
        assert "tokens moved into personal workspaces: 3" in first
        assert_migrated(db, seeded)
        for command in ("migrate", "ensure-indexes"):
            again = _cli(env, command)
            assert "users given their personal workspace: 0" in again
            assert "links moved into personal workspaces: 0" in again
            assert "tokens moved into personal workspaces: 0" in again
        assert "index ok: memberships.workspace_user_unique" in again
        assert_migrated(db, seeded)
        membership = db["memberships"].find_one({})
        assert membership is not None
        with pytest.raises(pymongo.errors.DuplicateKeyError):
            db["memberships"].insert_one(
                {"workspace_id": membership["workspace_id"], "user_id": membership["user_id"]}
            )
    finally:
        client.drop_database(name)
        client.close()
