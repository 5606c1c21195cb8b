"""The worker's HTTP server: metrics for Prometheus, a liveness answer noticing a stalled loop."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import mongomock
import pytest
import redis
import requests

from flamingo.clicks.worker import ClickWorker
from flamingo.clicks.workerhealth import Heartbeat, serve_in_background
from tests.support.processes import free_port


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr("flamingo.clicks.workerhealth.time.monotonic", fake)
    return fake


@pytest.fixture
def server(clock: _Clock) -> Iterator[tuple[str, Heartbeat]]:
    heartbeat = Heartbeat()
    port = free_port()
    stop = serve_in_background(port, heartbeat, stall_seconds=60, host="127.0.0.1")
    yield f"http://127.0.0.1:{port}", heartbeat
    stop()


def test_healthz_follows_the_heartbeat(server: tuple[str, Heartbeat], clock: _Clock) -> None:
    base, heartbeat = server
    ok = requests.get(f"{base}/healthz", timeout=5)
    assert ok.status_code == 200 and ok.json()["status"] == "ok"
    clock.now += 61  # the loop has not turned for longer than the stall limit
    stalled = requests.get(f"{base}/healthz", timeout=5)
    assert stalled.status_code == 503
    assert stalled.json() == {"status": "stalled", "loop_age_seconds": 61.0}
    heartbeat.beat()
    assert requests.get(f"{base}/healthz", timeout=5).status_code == 200


def test_metrics_and_unknown_paths(server: tuple[str, Heartbeat]) -> None:
    base, _ = server
    metrics = requests.get(f"{base}/metrics", timeout=5)
    assert metrics.status_code == 200
    assert "flamingo_clicks_processed_total" in metrics.text
    assert requests.get(f"{base}/other", timeout=5).status_code == 404


def test_the_loop_beats_even_while_a_store_is_down(clock: _Clock) -> None:
    """Waiting for Redis is progress: a restart would not bring Redis back."""
    down = redis.Redis(host="127.0.0.1", port=free_port(), socket_connect_timeout=0.2)
    worker = ClickWorker(down, mongomock.MongoClient().db, batch_size=10, claim_idle_ms=1000)
    heartbeat = Heartbeat()
    clock.now += 500
    stop = threading.Event()
    beats: list[float] = []
    original = heartbeat.beat

    def beat() -> None:
        original()
        beats.append(heartbeat.last)
        stop.set()

    heartbeat.beat = beat  # type: ignore[method-assign]
    worker.run(stop, block_ms=10, heartbeat=heartbeat)
    assert beats == [1500.0]
    assert heartbeat.age() == 0
