"""``flamingo import --from PEER`` against real stores (FerretDB, redis-server) with the links
API on gunicorn: each peer's fixture (``tests/fixtures/import/peers``) in a dry run, a run and a
re-run; the imported links redirect and the list shows their imported clicks."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration
PEERS = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "peers"


@pytest.fixture(scope="module")
def module_redis() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def service(ferretdb: FerretDB, module_redis: RedisServer) -> Iterator[Service]:
    with running_service(ferretdb, module_redis) as running:
        yield running


def flamingo_import(
    service: Service, peer: str, email: str, *more: str, path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "flamingo.cli", "import", "--from", peer]
    return subprocess.run(
        [*command, str(path or PEERS / f"{peer}.json"), "--owner", email, *more],
        env=service.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tempfile.mkdtemp(),
    )


@pytest.mark.parametrize(
    ("peer", "created", "refused"),
    [("shlink", 2, 2), ("kutt", 2, 2), ("yourls", 2, 1), ("bitly", 2, 1)],
)
def test_dry_run_run_and_rerun(service: Service, peer: str, created: int, refused: int) -> None:
    email = f"{peer}-importer@example.com"
    _, headers = service.user(email)

    dry = flamingo_import(service, peer, email, "--dry-run")
    assert dry.returncode == 1, dry.stderr  # the bad rows
    assert f"would create {created}, skipped 0 (exist), clashes 0, refused {refused}" in dry.stdout
    assert service.api("GET", "/api/v1/links", headers).json()["items"] == []

    run = flamingo_import(service, peer, email)
    assert f"created {created}, skipped 0 (exist), clashes 0, refused {refused}" in run.stdout
    assert "rows" in run.stderr  # progress
    items = service.api("GET", "/api/v1/links", headers).json()["items"]
    assert len(items) == created

    again = flamingo_import(service, peer, email)
    assert f"created 0, skipped {created} (exist), clashes 0, refused {refused}" in again.stdout
    for item in items:  # they redirect (or answer 410 when they had expired at the source)
        answer = service.get(f"/{item['code']}")
        if item["state"] == "active":
            assert answer.headers["Location"] == item["target"]
        else:
            assert (item["state"], answer.status_code) == ("expired", 410)
    imported = {i["code"]: i["clicks"]["total"] for i in items}
    assert imported == {**imported, **CLICKS.get(peer, {})}


CLICKS = {"shlink": {"launch": 1234, "Ab3x9": 42}, "kutt": {"team-wiki": 87}, "yourls": {"1": 310}}


def test_a_clash_is_reported_and_the_link_kept(service: Service, tmp_path: Path) -> None:
    _, alice = service.user("clash-owner@example.com")
    mine = {"target": "https://example.com/mine", "alias": "clash-me"}
    assert service.api("POST", "/api/v1/links", alice, json=mine).status_code == 201
    theirs = {"data": [{"address": "clash-me", "target": "https://example.com/theirs"}]}
    (tmp_path / "kutt.json").write_text(json.dumps(theirs))
    service.user("clash-importer@example.com")
    result = flamingo_import(
        service, "kutt", "clash-importer@example.com", path=tmp_path / "kutt.json"
    )
    assert result.returncode == 1 and "clashes 1" in result.stdout
    assert "data[0] (clash-me): clash" in result.stderr
    assert service.get("/clash-me").headers["Location"] == "https://example.com/mine"
