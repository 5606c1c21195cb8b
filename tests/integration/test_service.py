"""The real service: gunicorn with 2 workers on real redis-server and FerretDB."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pymongo
import pytest
import requests

from tests.support.processes import (
    FerretDB,
    Gunicorn,
    RedisServer,
    backend_env,
    wait_until,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def metrics_dir(tmp_path: Path) -> Path:
    return tmp_path / "metrics"


@pytest.fixture
def service(ferretdb: FerretDB, own_redis: RedisServer, metrics_dir: Path) -> Iterator[Gunicorn]:
    server = Gunicorn(
        backend_env(
            MONGO_URI=ferretdb.uri,
            REDIS_URL=own_redis.url,
            WEB_CONCURRENCY="2",
            MONGO_DB="flamingo_service_test",
            PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
        )
    )
    server.start()
    yield server
    server.stop()


def _count(metrics: str, route: str) -> float:
    pattern = re.compile(
        r'^flamingo_http_request_duration_seconds_count\{(?=[^}]*route="'
        + re.escape(route)
        + r'")[^}]*\} (\S+)$',
        re.M,
    )
    return sum(float(v) for v in pattern.findall(metrics))


def test_metrics_add_up_across_two_workers(service: Gunicorn, metrics_dir: Path) -> None:
    n = 200

    def hit(_: int) -> int:
        # A new connection each time, many at once, so both workers must take some.
        return requests.get(
            f"{service.base}/readyz", timeout=10, headers={"Connection": "close"}
        ).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(hit, range(n)))
    assert statuses == [200] * n
    worker_files = {p.name for p in metrics_dir.glob("histogram_*.db")}
    assert len(worker_files) >= 2, f"only one worker served: {worker_files}"
    # Ask several times: whichever worker answers, the total is the same N.
    for _ in range(4):
        metrics = requests.get(
            f"{service.base}/metrics", timeout=5, headers={"Connection": "close"}
        ).text
        assert _count(metrics, "/readyz") == n


def test_readyz_follows_redis(service: Gunicorn, own_redis: RedisServer) -> None:
    ready = requests.get(f"{service.base}/readyz", timeout=5)
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"mongo": "ok", "redis": "ok"}

    own_redis.stop()
    down = requests.get(f"{service.base}/readyz", timeout=5)
    assert down.status_code == 503
    assert down.headers["Content-Type"] == "application/problem+json"
    assert down.json()["detail"] == "dependency unavailable: redis"
    assert requests.get(f"{service.base}/healthz", timeout=5).status_code == 200

    own_redis.start()
    wait_until(
        lambda: requests.get(f"{service.base}/readyz", timeout=5).status_code == 200,
        "readiness after redis restart",
    )


def test_readyz_names_mongo_when_it_is_down(own_redis: RedisServer) -> None:
    # Nothing listens on this port: the check times out inside its 500 ms budget.
    server = Gunicorn(backend_env(MONGO_URI="mongodb://127.0.0.1:9/", REDIS_URL=own_redis.url))
    server.start()
    try:
        response = requests.get(f"{server.base}/readyz", timeout=5)
        assert response.status_code == 503
        assert response.json()["detail"] == "dependency unavailable: mongo"
        assert response.json()["checks"]["redis"] == "ok"
    finally:
        server.stop()


def test_sigterm_turns_readiness_off_before_stopping(
    own_redis: RedisServer, ferretdb: FerretDB
) -> None:
    env = backend_env(MONGO_URI=ferretdb.uri, REDIS_URL=own_redis.url)
    env["SHUTDOWN_DRAIN_SECONDS"] = "30"
    server = Gunicorn(env)
    server.start()
    try:
        assert requests.get(f"{server.base}/readyz", timeout=5).status_code == 200
        server.send(signal.SIGTERM)  # the master only, as Kubernetes does
        wait_until(
            lambda: requests.get(f"{server.base}/readyz", timeout=5).status_code == 503,
            "draining readiness",
        )
        body = requests.get(f"{server.base}/readyz", timeout=5).json()
        assert body["type"].endswith("/draining")
        # Still serving everything else while the load balancer catches up.
        assert requests.get(f"{server.base}/healthz", timeout=5).status_code == 200
        server.send(signal.SIGTERM)  # a second TERM stops at once
        assert server.popen is not None
        assert server.popen.wait(timeout=20) == 0
    finally:
        server.stop()


def test_ensure_indexes_is_idempotent_on_ferretdb(ferretdb: FerretDB) -> None:
    env = backend_env(MONGO_URI=ferretdb.uri, MONGO_DB="flamingo_index_test")
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-m", "flamingo.cli", "ensure-indexes"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=tempfile.mkdtemp(),
        )
        assert result.returncode == 0, result.stderr
        assert "index ok: links.domain_code_unique" in result.stdout
    client: pymongo.MongoClient[dict[str, object]] = pymongo.MongoClient(ferretdb.uri)
    info = client["flamingo_index_test"]["links"].index_information()
    assert info["domain_code_unique"]["unique"] is True  # codes are unique per domain
    users = client["flamingo_index_test"]["users"]
    users.insert_one({"email": "a@example.com"})
    with pytest.raises(pymongo.errors.DuplicateKeyError):
        users.insert_one({"email": "a@example.com"})
