"""Where the click worker runs: its own process (``flamingo worker``), or — with the embedded
stores of ``make run`` — a thread of the web process, since there is no other process to share
in-memory stores with."""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask

from flamingo.clicks.worker import ClickWorker
from flamingo.clicks.workerhealth import Heartbeat, serve_in_background
from flamingo.core import context, lifecycle
from flamingo.core.config import Settings
from flamingo.core.config_sections import ClickSettings
from flamingo.core.log import get_logger
from flamingo.core.stores import Stores

log = get_logger(__name__)


def from_settings(settings: ClickSettings, stores: Stores) -> ClickWorker:
    return ClickWorker(
        stores.redis,
        stores.db,
        batch_size=settings.worker_batch_size,
        claim_idle_ms=settings.worker_claim_idle_ms,
        events_retention_days=settings.click_events_retention_days,
    )


def init_app(app: Flask) -> None:
    """With embedded stores the worker cannot be another process: run it as a thread here."""
    stores: Stores = context.stores_of(app)
    if not stores.embedded:
        return
    settings = context.settings_of(app).clicks
    stop = threading.Event()

    def start() -> None:
        worker = from_settings(settings, stores)
        stop.clear()
        threading.Thread(
            target=worker.run, args=(stop, 200), name="click-worker", daemon=True
        ).start()

    lifecycle.on_start(start)
    lifecycle.on_stop(stop.set)


def serve(settings: Settings, stores: Stores) -> None:
    """The ``flamingo worker`` process: ``/metrics`` and ``/healthz`` on ``WORKER_METRICS_PORT``,
    stop on SIGTERM/INT.

    A stop signal lets the batch in hand finish (fold, write, ACK) before the process exits.
    """
    import signal  # noqa: PLC0415 - only the process entry point needs it

    clicks = settings.clicks
    heartbeat = Heartbeat()
    if clicks.worker_metrics_port:
        serve_in_background(clicks.worker_metrics_port, heartbeat, clicks.worker_stall_seconds)
    stop = threading.Event()

    def _stop(signum: int, _: Any) -> None:
        log.info("click worker: stopping after the current batch", signal=signum)
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    # A blocking read must end before the client's socket timeout does.
    block_ms = max(1, min(500, settings.stores.redis_timeout_ms // 2))
    from_settings(clicks, stores).run(stop, block_ms, heartbeat)
