"""The live feed end to end on real processes: the API (sync gunicorn workers) serves the redirect,
``flamingo worker`` folds the click and publishes it, a live gunicorn (threads made for long
connections) streams it — redis-server and FerretDB underneath."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pymongo
import pytest
import redis
import requests

from flamingo.clicks import live
from tests.integration.pipeline_support import CHROME, Worker, create_link, owner_and_token
from tests.support.processes import FerretDB, Gunicorn, RedisServer, backend_env, wait_until
from tests.support.sse import WAIT, SseClient

pytestmark = pytest.mark.integration

SYNC_WORKERS = 2


@pytest.fixture(scope="module")
def stack_redis() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def env(ferretdb: FerretDB, stack_redis: RedisServer, tmp_path_factory: Any) -> dict[str, str]:
    return backend_env(
        MONGO_URI=ferretdb.uri,
        REDIS_URL=stack_redis.url,
        MONGO_DB=f"live_{uuid.uuid4().hex[:8]}",
        LOG_REQUESTS="false",
        LIVE_HEARTBEAT_SECONDS="1",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path_factory.mktemp("metrics")),
    )


@pytest.fixture(scope="module")
def db(env: dict[str, str]) -> Iterator[Any]:
    client: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(env["MONGO_URI"])
    yield client[env["MONGO_DB"]]
    client.drop_database(env["MONGO_DB"])
    client.close()


def _start(server: Gunicorn | Worker) -> Any:
    server.start()
    return server


@pytest.fixture(scope="module")
def api(env: dict[str, str]) -> Iterator[Gunicorn]:
    """The API as the image runs it: sync workers, no live feeds held."""
    server = _start(Gunicorn({**env, "WEB_CONCURRENCY": str(SYNC_WORKERS)}))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def live_server(env: dict[str, str]) -> Iterator[Gunicorn]:
    """The live process: one worker, threads for its feeds (LIVE_MAX_CONNECTIONS)."""
    server = _start(Gunicorn({**env, "WEB_CONCURRENCY": "1", "LIVE_MAX_CONNECTIONS": "8"}))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def worker(env: dict[str, str]) -> Iterator[Worker]:
    process = _start(Worker(env))
    yield process
    process.stop()


@pytest.fixture(scope="module")
def owner(db: Any) -> tuple[str, str]:
    return owner_and_token(db, f"owner-{uuid.uuid4().hex[:6]}@example.com")


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _visit(base: str, code: str) -> None:
    response = requests.get(
        f"{base}/{code}",
        headers={
            "User-Agent": CHROME,
            "Referer": "https://news.example.org/article?id=7",
            "X-Client-Geo-Location": "DE,Berlin",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302


def test_a_redirect_reaches_the_link_and_workspace_feeds(
    api: Gunicorn, live_server: Gunicorn, worker: Worker, owner: tuple[str, str]
) -> None:
    link = create_link(api.base, owner[1])
    feeds = [
        SseClient(f"{live_server.base}/api/v1/links/{link['id']}/live", _auth(owner[1])),
        SseClient(
            f"{live_server.base}/api/v1/workspaces/{link['workspace_id']}/live", _auth(owner[1])
        ),
    ]
    try:
        assert [f.status for f in feeds] == [200, 200]
        assert feeds[0].headers["content-type"].startswith("text/event-stream")
        for feed in feeds:
            feed.opened()
        _visit(api.base, link["code"])
        events = [feed.next_click()[1] for feed in feeds]
    finally:
        for feed in feeds:
            feed.close()
    assert events[0] == events[1]
    assert {k: v for k, v in events[0].items() if k not in ("id", "time")} == {
        "link_id": link["id"],
        "code": link["code"],
        "country": "DE",
        "device": "desktop",
        "browser": "Chrome",
        "os": "Windows",
        "referrer": "news.example.org",
        "bot": False,
    }


def test_a_reconnect_with_last_event_id_receives_what_was_missed(
    api: Gunicorn,
    live_server: Gunicorn,
    worker: Worker,
    owner: tuple[str, str],
    stack_redis: RedisServer,
) -> None:
    link = create_link(api.base, owner[1])
    url = f"{live_server.base}/api/v1/links/{link['id']}/live"
    feed = SseClient(url, _auth(owner[1]))
    feed.opened()
    _visit(api.base, link["code"])
    seen, first = feed.next_click()
    feed.close()  # the tab sleeps; two clicks happen meanwhile
    _visit(api.base, link["code"])
    _visit(api.base, link["code"])
    client = redis.Redis.from_url(stack_redis.url, decode_responses=True)
    wait_until(lambda: client.xlen(live.link_feed(link["id"])) == 3, "3 clicks published", WAIT)
    again = SseClient(url, {**_auth(owner[1]), "Last-Event-ID": seen})
    try:
        missed = [again.next_click() for _ in range(2)]
    finally:
        again.close()
    ids = [event_id for event_id, _ in missed]
    assert seen not in ids and len(set(ids)) == 2
    assert first["id"] not in {data["id"] for _, data in missed}


def test_a_non_member_gets_404_like_stats(
    api: Gunicorn, live_server: Gunicorn, owner: tuple[str, str], db: Any
) -> None:
    link = create_link(api.base, owner[1])
    _, stranger = owner_and_token(db, f"stranger-{uuid.uuid4().hex[:6]}@example.com")
    stats = requests.get(
        f"{api.base}/api/v1/links/{link['id']}/stats", headers=_auth(stranger), timeout=10
    )
    feeds = [
        SseClient(f"{live_server.base}{path}", _auth(stranger))
        for path in (
            f"/api/v1/links/{link['id']}/live",
            f"/api/v1/workspaces/{link['workspace_id']}/live",
        )
    ]
    assert [stats.status_code, *(f.status for f in feeds)] == [404, 404, 404]
    assert all(f.headers["content-type"].startswith("application/problem+json") for f in feeds)


def test_the_api_sends_feeds_to_the_live_prefix(api: Gunicorn, owner: tuple[str, str]) -> None:
    link = create_link(api.base, owner[1])
    moved = requests.get(
        f"{api.base}/api/v1/links/{link['id']}/live",
        headers=_auth(owner[1]),
        allow_redirects=False,
        timeout=10,
    )
    assert moved.status_code == 307
    assert moved.headers["Location"] == f"/api/v1/live/links/{link['id']}"
    here = requests.get(
        f"{api.base}{moved.headers['Location']}", headers=_auth(owner[1]), timeout=10
    )
    assert here.status_code == 421
    assert here.json()["type"].endswith("/live-not-served-here")


def test_redirects_are_served_while_more_feeds_than_sync_workers_are_open(
    api: Gunicorn, live_server: Gunicorn, worker: Worker, owner: tuple[str, str]
) -> None:
    """Feeds asked of the API (307) are held by the live process; its sync workers stay free."""
    link = create_link(api.base, owner[1])
    feeds = []
    try:
        for _ in range(SYNC_WORKERS * 2):
            moved = requests.get(
                f"{api.base}/api/v1/links/{link['id']}/live",
                headers=_auth(owner[1]),
                allow_redirects=False,
                timeout=10,
            )
            feeds.append(
                SseClient(f"{live_server.base}{moved.headers['Location']}", _auth(owner[1]))
            )
        assert [f.status for f in feeds] == [200] * SYNC_WORKERS * 2
        for feed in feeds:
            feed.opened()
        _visit(api.base, link["code"])  # 302 while every feed is open
        assert {feed.next_click()[1]["code"] for feed in feeds} == {link["code"]}
    finally:
        for feed in feeds:
            feed.close()


@pytest.fixture
def one_process(env: dict[str, str]) -> Iterator[Gunicorn]:
    """One process serving everything (as `make run` does): 1 worker, 1 thread, 3 feeds."""
    server = _start(
        Gunicorn(
            {**env, "WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "1", "LIVE_MAX_CONNECTIONS": "3"}
        )
    )
    yield server
    server.stop()


def test_a_process_holding_its_full_cap_of_feeds_still_redirects(
    one_process: Gunicorn, owner: tuple[str, str]
) -> None:
    link = create_link(one_process.base, owner[1])
    url = f"{one_process.base}/api/v1/links/{link['id']}/live"
    feeds = [SseClient(url, _auth(owner[1])) for _ in range(3)]
    try:
        assert [f.status for f in feeds] == [200, 200, 200]
        _visit(one_process.base, link["code"])
        refused = SseClient(url, _auth(owner[1]))
        assert refused.status == 503
        assert refused.headers["retry-after"]
        assert "live-capacity" in refused.body
    finally:
        for feed in feeds:
            feed.close()


def test_a_client_that_leaves_frees_its_slot(one_process: Gunicorn, owner: tuple[str, str]) -> None:
    link = create_link(one_process.base, owner[1])
    url = f"{one_process.base}/api/v1/links/{link['id']}/live"
    feeds = [SseClient(url, _auth(owner[1])) for _ in range(3)]
    for feed in feeds:
        feed.opened()
    feeds[0].close()  # noticed at the next heartbeat write (LIVE_HEARTBEAT_SECONDS=1)
    replacement: list[SseClient] = []

    def reopened() -> bool:
        feed = SseClient(url, _auth(owner[1]))
        if feed.status == 200:
            replacement.append(feed)
            return True
        return False

    try:
        wait_until(reopened, "a slot freed by a client that left", WAIT)
    finally:
        for feed in feeds[1:] + replacement:
            feed.close()
