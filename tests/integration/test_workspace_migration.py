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
from bson import ObjectId

from tests.support.legacy import assert_migrated, seed_legacy
from tests.support.processes import FerretDB, backend_env

pytestmark = pytest.mark.integration


def _cli(env: dict[str, str], command: str, *args: str, code: int = 0) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "flamingo.cli", command, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tempfile.mkdtemp(),
    )
    assert result.returncode == code, result.stderr
    return result.stdout + result.stderr


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
        # create-token: the personal workspace by default, another only for its members.
        first_user, second_user = seeded["users"][:2]
        args = ("--email", "legacy0@example.com", "--name", "cli", "--scope", "links:read")
        _cli(env, "create-token", *args)
        refused = _cli(env, "create-token", *args, "--workspace", second_user, code=1)
        assert "is not a member" in refused
        made = db["api_tokens"].find_one({"name": "cli"})
        assert made is not None and made["workspace_id"] == ObjectId(first_user)
    finally:
        client.drop_database(name)
        client.close()
