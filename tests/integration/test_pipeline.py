"""The click pipeline end to end: gunicorn (2 workers) → Redis stream → ``flamingo worker`` →
FerretDB, with the worker SIGKILLed mid-stream; plus the web side's flush and outage bounds."""

from __future__ import annotations

import signal
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pymongo
import pytest
import redis
import requests

from flamingo.clicks.events import STREAM
from tests.integration.pipeline_support import (
    BOTS,
    CHROME,
    Worker,
    create_link,
    metric,
    owner_and_token,
    settled,
    stored_totals,
)
from tests.support.processes import FerretDB, Gunicorn, RedisServer, backend_env, wait_until

pytestmark = pytest.mark.integration

BATCH = 50


@pytest.fixture
def env(ferretdb: FerretDB, own_redis: RedisServer, tmp_path: Path) -> dict[str, str]:
    return backend_env(
        MONGO_URI=ferretdb.uri,
        REDIS_URL=own_redis.url,
        MONGO_DB=f"pipeline_{uuid.uuid4().hex[:8]}",
        WEB_CONCURRENCY="2",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
        LOG_REQUESTS="false",
        WORKER_BATCH_SIZE=str(BATCH),
        WORKER_CLAIM_IDLE_MS="1000",
    )


@pytest.fixture
def db(env: dict[str, str]) -> Iterator[Any]:
    client: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(env["MONGO_URI"])
    yield client[env["MONGO_DB"]]
    client.drop_database(env["MONGO_DB"])
    client.close()


@pytest.fixture
def redis_client(own_redis: RedisServer) -> redis.Redis:
    return redis.Redis.from_url(own_redis.url, decode_responses=True)


def _web(env: dict[str, str], **overrides: str) -> Gunicorn:
    server = Gunicorn({**env, **overrides})
    server.start()
    return server


def _redirect(base: str, code: str, user_agent: str, method: str = "GET") -> int:
    response = requests.request(
        method,
        f"{base}/{code}",
        headers={"User-Agent": user_agent, "Connection": "close"},
        allow_redirects=False,
        timeout=10,
    )
    return response.status_code


def _send(base: str, code: str, agents: list[str]) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda ua: _redirect(base, code, ua), agents))
    assert statuses == [302] * len(agents)


def test_no_click_is_lost_when_the_worker_is_killed_mid_batch(
    env: dict[str, str], db: Any, redis_client: redis.Redis
) -> None:
    web = _web(env)
    worker = Worker(env)
    try:
        _, token = owner_and_token(db, "pipeline@example.com")
        link = create_link(web.base, token)
        worker.start()
        n_bots = 3 * 40
        agents = [CHROME] * 480 + [BOTS[i % 3] for i in range(n_bots)]
        n = len(agents)
        with ThreadPoolExecutor(max_workers=1) as sender:
            # Redirects keep flowing while the worker folds them in batches of 50 ...
            sending = sender.submit(_send, web.base, link["code"], agents)
            wait_until(lambda: worker.metric("flamingo_clicks_processed_total") >= BATCH, "a batch")
            # ... and it dies in the middle of that stream, without any chance to clean up.
            worker.stop(signal.SIGKILL)
            sending.result()
        replacement = Worker(env)
        replacement.start()  # reclaims the dead consumer's pending events after 1 s idle
        wait_until(
            lambda: stored_totals(db, link["id"])[0] >= n and settled(redis_client),
            "every click folded in",
            timeout=120,
        )
        total, human, bot = stored_totals(db, link["id"])
        # At-least-once: exact unless the kill fell between MongoDB's write and the XACK, in
        # which case one batch (at most BATCH events) is counted twice — the stated bound.
        assert n <= total <= n + BATCH
        assert human + bot == total
        assert human >= 480 and bot >= n_bots
        stats = requests.get(
            f"{web.base}/api/v1/links/{link['id']}/stats",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        ).json()
        # The API reads the month documents; a kill between the day and the month writes can
        # duplicate into one and not the other, each still within the same bound.
        assert n <= stats["totals"]["total"] <= n + BATCH
        assert stats["series"][-1]["unique"] == 1  # one IP + one browser UA: one visitor
        # The gauge is refreshed once a second by the worker's housekeeping.
        wait_until(lambda: replacement.metric("flamingo_click_stream_lag") == 0, "lag gauge 0")
        print(f"sent {n}, stored {total} (human {human}, bot {bot})")
        replacement.stop()
    finally:
        worker.stop(signal.SIGKILL)
        web.stop()


def test_head_requests_are_answered_but_not_counted(
    env: dict[str, str], db: Any, redis_client: redis.Redis
) -> None:
    web = _web(env)
    try:
        _, token = owner_and_token(db, "head@example.com")
        link = create_link(web.base, token)
        for _ in range(5):
            assert _redirect(web.base, link["code"], CHROME, method="HEAD") == 302
        assert _redirect(web.base, link["code"], CHROME) == 302
        wait_until(lambda: redis_client.xlen(STREAM) >= 1, "the GET's event")
    finally:
        web.stop()
    assert redis_client.xlen(STREAM) == 1  # after the graceful stop flushed everything


def test_graceful_stop_flushes_and_hard_kill_loses_only_the_unflushed_buffer(
    env: dict[str, str], db: Any, redis_client: redis.Redis
) -> None:
    # A flush interval of an hour: the buffer holds every click until the process stops.
    slow = {"CLICK_FLUSH_INTERVAL_MS": "3600000", "WEB_CONCURRENCY": "1"}
    web = _web(env, **slow)
    try:
        _, token = owner_and_token(db, "flush@example.com")
        link = create_link(web.base, token)
        _send(web.base, link["code"], [CHROME] * 30)
        assert redis_client.xlen(STREAM) == 0  # buffered in the process, not yet sent
    finally:
        web.stop(signal.SIGTERM)
    assert redis_client.xlen(STREAM) == 30  # the graceful stop flushed all of them

    web = _web(env, **slow)
    try:
        _send(web.base, link["code"], [CHROME] * 20)
    finally:
        web.stop(signal.SIGKILL)
    # A hard kill loses exactly what was buffered since the last flush (here: everything sent).
    assert redis_client.xlen(STREAM) == 30

    web = _web(env, WEB_CONCURRENCY="1")  # the default 20 ms flusher
    try:
        _send(web.base, link["code"], [CHROME] * 25)
        wait_until(lambda: redis_client.xlen(STREAM) == 55, "the background flush")
    finally:
        web.stop(signal.SIGKILL)
    assert redis_client.xlen(STREAM) == 55  # flushed events survive a hard kill


def test_redis_outage_buffers_a_bounded_number_and_counts_the_rest(
    env: dict[str, str], db: Any, own_redis: RedisServer, tmp_path: Path
) -> None:
    web = _web(env, WEB_CONCURRENCY="1", CLICK_BUFFER_MAX="5")
    try:
        _, token = owner_and_token(db, "outage@example.com")
        link = create_link(web.base, token)
        assert _redirect(web.base, link["code"], CHROME) == 302  # warms the link cache
        client = redis.Redis.from_url(own_redis.url, decode_responses=True)
        wait_until(lambda: client.xlen(STREAM) == 1, "first click flushed")
        own_redis.stop()
        for _ in range(8):
            assert _redirect(web.base, link["code"], CHROME) == 302  # redirects keep working
        metrics = requests.get(f"{web.base}/metrics", timeout=5).text
        assert metric(metrics, "flamingo_clicks_dropped_total") == 3
        restarted = RedisServer(port=own_redis.port)
        restarted.start()
        try:
            # Redis lost its memory in the restart; the 5 buffered clicks arrive once it is back.
            wait_until(lambda: client.xlen(STREAM) == 5, "buffered clicks delivered", timeout=30)
        finally:
            web.stop()
            restarted.stop()
    finally:
        web.stop()
