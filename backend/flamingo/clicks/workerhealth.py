"""The worker process's small HTTP server: ``/metrics`` for Prometheus and ``/healthz`` for the
liveness probe.

A process that answers ``/metrics`` can still have a click loop that stopped turning (a deadlock,
a thread that died): ``/healthz`` answers 503 once the loop has not completed an iteration for
``stall_seconds``. Waiting for an unreachable Redis or MongoDB counts as turning — restarting the
worker would not bring them back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import make_wsgi_app

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment


class Heartbeat:
    """The time of the loop's last completed iteration (monotonic seconds)."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def beat(self) -> None:
        self.last = time.monotonic()

    def age(self) -> float:
        return time.monotonic() - self.last


def health_app(
    heartbeat: Heartbeat, stall_seconds: float, metrics: WSGIApplication | None = None
) -> WSGIApplication:
    metrics_app = metrics or make_wsgi_app()

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/metrics":
            return metrics_app(environ, start_response)
        if path == "/healthz":
            age = heartbeat.age()
            ok = age < stall_seconds
            body = (
                f'{{"status":"{"ok" if ok else "stalled"}","loop_age_seconds":{age:.1f}}}'
            ).encode()
            start_response(
                "200 OK" if ok else "503 Service Unavailable",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        start_response("404 Not Found", [("Content-Length", "0")])
        return [b""]

    return app


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Probes and scrapes every few seconds would drown the worker's own log lines."""


def serve_in_background(
    port: int,
    heartbeat: Heartbeat,
    stall_seconds: float,
    host: str = "0.0.0.0",  # noqa: S104
) -> Callable[[], None]:
    """Start the server on a daemon thread; returns a function that stops it."""
    server: WSGIServer = make_server(
        host, port, health_app(heartbeat, stall_seconds), handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, name="worker-http", daemon=True)
    thread.start()
    return server.shutdown
