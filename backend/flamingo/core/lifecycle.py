"""Per-process start/stop hooks and the drain flag.

Background work (buffer flushers, cache-invalidation subscribers) must start in each gunicorn
worker after the fork and stop — flushing what it holds — when the worker exits. Features register
callbacks here; the gunicorn config calls :func:`run_start` and :func:`run_stop`.

Draining: on SIGTERM the gunicorn master creates a marker file in ``FLAMINGO_RUNTIME_DIR`` and
keeps serving for ``SHUTDOWN_DRAIN_SECONDS``; ``/readyz`` answers 503 as soon as the file exists,
so load balancers stop sending traffic before the workers stop.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

RUNTIME_DIR_ENV = "FLAMINGO_RUNTIME_DIR"
_DRAIN_MARKER = "draining"

_start_callbacks: list[Callable[[], None]] = []
_stop_callbacks: list[Callable[[], None]] = []


def on_start(callback: Callable[[], None]) -> None:
    _start_callbacks.append(callback)


def on_stop(callback: Callable[[], None]) -> None:
    _stop_callbacks.append(callback)


def run_start() -> None:
    for callback in _start_callbacks:
        callback()


def run_stop() -> None:
    # Reverse order: what started last depends on what started first.
    for callback in reversed(_stop_callbacks):
        callback()


def _marker() -> Path | None:
    runtime_dir = os.environ.get(RUNTIME_DIR_ENV)
    return Path(runtime_dir) / _DRAIN_MARKER if runtime_dir else None


def mark_draining() -> None:
    marker = _marker()
    if marker is not None:
        marker.touch()


def clear_draining() -> None:
    marker = _marker()
    if marker is not None:
        marker.unlink(missing_ok=True)


def is_draining() -> bool:
    marker = _marker()
    return marker is not None and marker.exists()
