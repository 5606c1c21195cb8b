"""Where the webhook worker runs: a thread of ``flamingo worker`` (beside the click worker, so
compose's ``worker`` service and the chart's worker Deployment run it with no new process), and
— with the embedded stores of ``make run`` — a thread of the web process."""

from __future__ import annotations

import threading

from flask import Flask
from pymongo.errors import PyMongoError
from redis import RedisError

from flamingo.core import context, lifecycle
from flamingo.core.config import Settings
from flamingo.core.log import get_logger
from flamingo.core.stores import Stores
from flamingo.webhooks.dispatcher import Dispatcher

log = get_logger(__name__)
IDLE_BLOCK_MS = 500  # how long an idle worker waits on the stream before looking for due retries


def run(dispatcher: Dispatcher, stop: threading.Event, block_ms: int = IDLE_BLOCK_MS) -> None:
    """Until ``stop``: intake and send; a store outage waits (backing off) and retries."""
    log.info("webhook worker started", consumer=dispatcher.consumer)
    backoff = 0.5
    while not stop.is_set():
        try:
            dispatcher.ensure_group()
            while not stop.is_set():
                dispatcher.step(block_ms)
                backoff = 0.5
        except (RedisError, PyMongoError) as exc:
            log.warning("webhook worker: store unavailable, retrying", error=type(exc).__name__)
            stop.wait(backoff)
            backoff = min(backoff * 2, 10.0)
    log.info("webhook worker stopped", consumer=dispatcher.consumer)


def start_thread(settings: Settings, stores: Stores, stop: threading.Event) -> threading.Thread:
    dispatcher = Dispatcher(stores, settings)
    thread = threading.Thread(
        target=run, args=(dispatcher, stop), name="webhook-worker", daemon=True
    )
    thread.start()
    return thread


def init_app(app: Flask) -> None:
    """With embedded stores the worker cannot be another process: run it as a thread here."""
    stores: Stores = context.stores_of(app)
    if not stores.embedded:
        return
    settings = context.settings_of(app)
    stop = threading.Event()

    def start() -> None:
        stop.clear()
        start_thread(settings, stores, stop)

    lifecycle.on_start(start)
    lifecycle.on_stop(stop.set)
