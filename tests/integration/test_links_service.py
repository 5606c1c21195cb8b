"""The links API on real gunicorn (2 workers), redis-server and FerretDB."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration


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


def create(service: Service, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("target", "https://example.com/x")
    response = service.api("POST", "/api/v1/links", headers, json=body)
    assert response.status_code == 201, response.text
    link: dict[str, Any] = response.json()
    return link


def test_crud(service: Service) -> None:
    _, alice = service.user()
    _, bob = service.user()
    link = create(service, alice, alias="crud-link", title="t", tags=["a", "b"], max_clicks=5)
    url = f"/api/v1/links/{link['id']}"
    assert service.api("GET", url, alice).json()["title"] == "t"
    assert service.api("GET", url, bob).status_code == 404
    taken = service.api(
        "POST", "/api/v1/links", alice, json={"target": "https://e.com", "alias": "crud-link"}
    )
    assert taken.status_code == 409 and taken.json()["type"].endswith("/alias-taken")
    patched = service.api("PATCH", url, alice, json={"title": None, "tags": ["c"]})
    assert patched.status_code == 200
    assert patched.json()["title"] is None and patched.json()["tags"] == ["c"]
    assert service.api("DELETE", url, alice).status_code == 204
    assert service.api("GET", url, alice).status_code == 404


def test_patch_alias_on_ferretdb(service: Service) -> None:
    _, alice = service.user()
    create(service, alice, alias="alias-held")
    link = create(service, alice)
    url = f"/api/v1/links/{link['id']}"
    taken = service.api("PATCH", url, alice, json={"alias": "alias-held"})
    assert taken.status_code == 409, taken.text
    assert taken.json()["type"].endswith("/alias-taken")
    moved = service.api("PATCH", url, alice, json={"alias": "alias-moved"})
    assert moved.status_code == 200 and moved.json()["code"] == "alias-moved"
    assert service.api("GET", "/api/v1/links", alice, params={"q": "alias-moved"}).json()["items"]


def test_pagination_with_concurrent_inserts(service: Service) -> None:
    _, alice = service.user()
    before = [create(service, alice, title=f"p{i}")["id"] for i in range(25)]
    stop = threading.Event()
    inserted: list[str] = []

    def insert_while_paging() -> None:
        while not stop.is_set():
            inserted.append(create(service, alice, title="concurrent")["id"])

    writer = threading.Thread(target=insert_while_paging)
    writer.start()
    seen: list[str] = []
    cursor = None
    try:
        while True:
            params = {"limit": "4", **({"cursor": cursor} if cursor else {})}
            page = service.api("GET", "/api/v1/links", alice, params=params).json()
            seen += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
    finally:
        stop.set()
        writer.join()
    assert len(seen) == len(set(seen)), "a link was shown twice"
    assert set(before) <= set(seen), "a link that existed before paging was skipped"
    # Newest first by id (ids made by two workers in the same second interleave by process).
    assert seen == sorted(seen, reverse=True)
    assert inserted, "the writer ran while the client paged"


def test_search_and_tags_on_ferretdb(service: Service) -> None:
    _, alice = service.user()
    create(service, alice, target="https://docs.python.org/3/", title="Python Docs", tags=["dev"])
    create(service, alice, target="https://example.com/cats", title="cats+dogs", tags=["fun"])
    create(service, alice, target="https://example.com/z", alias="Zebra_1", tags=["fun", "dev"])

    def codes(**params: str) -> set[str]:
        page = service.api("GET", "/api/v1/links", alice, params=params).json()
        return {item["title"] or item["code"] for item in page["items"]}

    assert codes(q="python docs") == {"Python Docs"}
    assert codes(q="cats+dogs") == {"cats+dogs"}
    assert codes(q="zebra") == {"Zebra_1"}
    assert codes(tag="fun") == {"cats+dogs", "Zebra_1"}
    assert codes(tag="dev", q="example") == {"Zebra_1"}
    malformed = service.api("GET", "/api/v1/links", alice, params={"cursor": "%%%"})
    assert malformed.status_code == 400
    assert malformed.headers["Content-Type"] == "application/problem+json"


def test_batch_partial_success(service: Service) -> None:
    _, alice = service.user()
    items = [{"target": f"https://example.com/{i}"} for i in range(300)]
    items[7] = {"target": "not a url"}
    items[8] = {"target": "https://example.com/a", "alias": "batch-dup"}
    items[9] = {"target": "https://example.com/b", "alias": "batch-dup"}
    response = service.api("POST", "/api/v1/links/batch", alice, json={"items": items})
    assert response.status_code == 207
    body = response.json()
    assert (body["created"], body["failed"]) == (298, 2)
    assert [r["status"] for r in body["items"][7:10]] == [422, 201, 409]
    too_many = service.api(
        "POST", "/api/v1/links/batch", alice, json={"items": [{"target": "https://e.com"}] * 1001}
    )
    assert too_many.status_code == 422


def test_csv_import_cli(service: Service, tmp_path: Path) -> None:
    owner_id, alice = service.user("csv-owner@example.com")
    rows = ["target,alias,tags"]
    rows += [f"https://example.com/csv/{i},csv-{i},imported" for i in range(40)]
    rows.append("gopher://example.com/nope,,")
    csv_file = tmp_path / "links.csv"
    csv_file.write_text("\n".join(rows) + "\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "flamingo.cli",
            "import",
            str(csv_file),
            "--owner",
            "csv-owner@example.com",
        ],
        env=service.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tempfile.mkdtemp(),
    )
    assert result.returncode == 1, result.stderr  # one row was refused
    assert "created 40, refused 1" in result.stdout
    assert "line 42:" in result.stderr and "importing" in result.stderr
    page = service.api("GET", "/api/v1/links", alice, params={"tag": "imported", "limit": "100"})
    assert len(page.json()["items"]) == 40
    assert service.get("/csv-7").headers["Location"] == "https://example.com/csv/7"
    unknown = subprocess.run(
        [sys.executable, "-m", "flamingo.cli", "import", str(csv_file), "--owner", "x@y.z"],
        env=service.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tempfile.mkdtemp(),
    )
    assert unknown.returncode != 0 and "no user" in unknown.stderr
    assert owner_id
