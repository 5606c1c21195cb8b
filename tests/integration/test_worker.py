"""``flamingo worker`` as a process: metrics, graceful stop, refusal without real stores."""

from __future__ import annotations

import signal
import subprocess
import sys
import uuid
from typing import Any

import pymongo
import pytest
import redis
import requests
from bson import ObjectId

from flamingo.clicks.events import STREAM
from tests.integration.pipeline_support import CHROME, Worker, metric, settled
from tests.support.processes import FerretDB, RedisServer, backend_env, wait_until

pytestmark = pytest.mark.integration

METRICS = (
    "flamingo_clicks_processed_total",
    "flamingo_click_stream_lag",
    "flamingo_worker_batch_duration_seconds_bucket",
)


def test_worker_folds_events_serves_metrics_and_stops_gracefully(
    ferretdb: FerretDB, own_redis: RedisServer
) -> None:
    database = f"worker_{uuid.uuid4().hex[:8]}"
    env = backend_env(MONGO_URI=ferretdb.uri, REDIS_URL=own_redis.url, MONGO_DB=database)
    mongo: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(ferretdb.uri)
    client = redis.Redis.from_url(own_redis.url, decode_responses=True)
    link_id = str(ObjectId())
    # Events enqueued before any worker ever ran are counted too (the group starts at 0).
    for i in range(10):
        client.xadd(
            STREAM,
            {"v": "1", "c": "abc", "l": link_id, "t": "1767225600000", "u": CHROME, "h": str(i)},
        )
    worker = Worker(env)
    worker.start()
    try:
        wait_until(lambda: settled(client), "events processed")
        text = requests.get(worker.metrics_url, timeout=5).text
        for name in METRICS:
            assert name in text, name
        assert metric(text, "flamingo_clicks_processed_total") == 10
        health = requests.get(worker.metrics_url.replace("/metrics", "/healthz"), timeout=5)
        assert health.status_code == 200 and health.json()["status"] == "ok"
        doc = mongo[database].click_days.find_one({"_id": f"{link_id}:2026-01-01"})
        assert doc is not None
        assert (doc["total"], doc["human"], doc["unique"]) == (10, 10, 10)
        worker.send(signal.SIGTERM)
        assert worker.popen is not None
        assert worker.popen.wait(timeout=15) == 0
        assert "click worker stopped" in worker.output()
    finally:
        worker.stop(signal.SIGKILL)
        mongo.drop_database(database)
        mongo.close()


def test_worker_refuses_embedded_stores(tmp_path: Any) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flamingo.cli", "worker"],
        env=backend_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 78
    assert "configuration error: MONGO_URI" in result.stderr


def test_a_batch_touching_hundreds_of_links_is_written(
    ferretdb: FerretDB, own_redis: RedisServer
) -> None:
    """FerretDB 1.24 never answers one update command of 100+ upserts: the worker slices."""
    from flamingo.clicks.worker import ClickWorker  # noqa: PLC0415

    database = f"wide_{uuid.uuid4().hex[:8]}"
    mongo: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(
        ferretdb.uri, socketTimeoutMS=60_000
    )
    client = redis.Redis.from_url(own_redis.url, decode_responses=True)
    links = [str(ObjectId()) for _ in range(150)]
    for link_id in links:
        client.xadd(STREAM, {"v": "1", "c": "x", "l": link_id, "t": "1767225600000", "u": CHROME})
    try:
        worker = ClickWorker(client, mongo[database], batch_size=1000, consumer="wide")
        worker.ensure_group()
        assert worker.step(block_ms=0) == 150
        assert mongo[database].click_days.count_documents({}) == 150
        assert settled(client)
    finally:
        mongo.drop_database(database)
        mongo.close()
