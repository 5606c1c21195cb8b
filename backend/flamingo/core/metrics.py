"""Prometheus metrics, correct across gunicorn workers (multiprocess mode).

When ``PROMETHEUS_MULTIPROC_DIR`` is set (the gunicorn config always sets it), every process writes
its samples to files there and ``/metrics`` aggregates them; a dead worker's files are marked by
the ``child_exit`` hook so its gauges disappear and its counters are kept.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUEST_DURATION = Histogram(
    "flamingo_http_request_duration_seconds",
    "HTTP request duration by route template, method and status.",
    ["route", "method", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
REQUESTS_IN_FLIGHT = Gauge(
    "flamingo_http_requests_in_flight",
    "Requests being served right now.",
    multiprocess_mode="livesum",
)
DEPENDENCY_UP = Gauge(
    "flamingo_dependency_up",
    "1 if the last readiness check of the dependency passed, else 0.",
    ["dependency"],
    multiprocess_mode="liveall",
)


def render() -> tuple[bytes, str]:
    """The exposition text of this process, or of every worker in multiprocess mode."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
