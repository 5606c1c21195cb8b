"""gunicorn settings and hooks, shared by ``make run`` and the container image.

Use: ``gunicorn -c python:flamingo.gunicorn_config flamingo.wsgi:app``. Tunables come from the
environment (see the README's configuration table).
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from typing import Any

from dotenv import dotenv_values

# Multiprocess metrics and the drain marker need a directory shared by master and workers. Set it
# before anything imports prometheus_client, which picks its mode once, at import.
for _env, _prefix in (
    ("PROMETHEUS_MULTIPROC_DIR", "flamingo-metrics-"),
    ("FLAMINGO_RUNTIME_DIR", "flamingo-run-"),
):
    if not os.environ.get(_env):
        os.environ[_env] = tempfile.mkdtemp(prefix=_prefix)
    os.makedirs(os.environ[_env], exist_ok=True)

from flamingo.core import lifecycle  # noqa: E402
from flamingo.core.metrics import MULTIPROC_ENV  # noqa: E402
from flamingo.core.served import served_host, served_port  # noqa: E402


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError:
        from flamingo.core.startup import exit_with  # noqa: PLC0415

        exit_with(ValueError(f"configuration error: {name}: must be an integer"))


def embedded_stores() -> bool:
    """Whether a store is unset, looking where load_settings looks: the environment, then .env."""
    dotenv = dotenv_values(".env") if os.path.isfile(".env") else {}

    def configured(name: str) -> bool:
        return any(os.environ.get(n) or dotenv.get(n) for n in (name, f"{name}_FILE"))

    return not (configured("MONGO_URI") and configured("REDIS_URL"))


# Embedded in-memory stores live inside one process: more than one worker would split the data.
EMBEDDED = embedded_stores()
EMBEDDED_LIVE_CONNECTIONS = 16


def live_connections(embedded: bool) -> int:
    """How many live feeds (SSE) this process holds: ``LIVE_MAX_CONNECTIONS`` from the
    environment or .env; unset, a few with embedded stores (this one process must hold the feeds:
    they read its in-memory Redis), else none."""
    raw = os.environ.get("LIVE_MAX_CONNECTIONS", "")
    if not raw and os.path.isfile(".env"):
        raw = dotenv_values(".env").get("LIVE_MAX_CONNECTIONS") or ""
    if not raw:
        return EMBEDDED_LIVE_CONNECTIONS if embedded else 0
    try:
        return max(int(raw), 0)
    except ValueError:
        from flamingo.core.startup import exit_with  # noqa: PLC0415

        exit_with(ValueError("configuration error: LIVE_MAX_CONNECTIONS: must be an integer"))


def _bind() -> str:
    # The same reading of HOST and PORT as the default PUBLIC_BASE_URL (flamingo.core.served).
    try:
        port = served_port(os.environ)
    except ValueError as exc:
        from flamingo.core.startup import exit_with  # noqa: PLC0415

        exit_with(ValueError(f"configuration error: {exc}"))
    host = served_host(os.environ)
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


bind = _bind()
workers = 1 if EMBEDDED else _int_env("WEB_CONCURRENCY", 2)
# A live feed (SSE) holds its thread for as long as the browser stays: a process that holds up to
# LIVE_MAX_CONNECTIONS feeds gets that many threads on top of the ones that serve everything else
# (and so is a gthread worker), so feeds can never take the threads redirects need. The API's
# sync workers hold none (flamingo.clicks.livefeed).
LIVE_CONNECTIONS = live_connections(EMBEDDED)
# The app reads the same number (the settings): the embedded default goes into the environment.
os.environ["LIVE_MAX_CONNECTIONS"] = str(LIVE_CONNECTIONS)
threads = _int_env("GUNICORN_THREADS", 4 if EMBEDDED else 1) + LIVE_CONNECTIONS
# gunicorn's own workers (sync for one thread, gthread for more, as gunicorn itself would pick),
# except that the requests gunicorn refuses before the app sees them (request line over
# limit_request_line, headers over their limits, not HTTP) answer problem+json, not HTML.
# limit_request_line stays gunicorn's 4,094 bytes: Nginx in front reads 8 KiB (docs/security.md).
worker_class = (
    "flamingo.http.gunicornworkers.ProblemThreadWorker"
    if threads > 1
    else "flamingo.http.gunicornworkers.ProblemSyncWorker"
)
graceful_timeout = _int_env("GRACEFUL_TIMEOUT", 30)
timeout = _int_env("GUNICORN_TIMEOUT", 30)
keepalive = _int_env("GUNICORN_KEEPALIVE", 5)
# Build the app (and resolve secrets) once, in the master; workers fork from it.
preload_app = True
# gunicorn's own lines as JSON; the app logs one JSON line per request itself (with the route).
logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "flamingo.core.log.json_formatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"handlers": ["stderr"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
# Off by default (the app's request line carries more); ACCESS_LOG=true adds gunicorn's, as JSON.
accesslog: str | None
if os.environ.get("ACCESS_LOG", "").lower() in {"1", "true", "yes"}:
    accesslog = "-"
    logconfig_dict["loggers"]["gunicorn.access"] = {
        "handlers": ["stderr"],
        "level": "INFO",
        "propagate": False,
    }
else:
    accesslog = None
    logconfig_dict["loggers"]["gunicorn.access"] = {"handlers": [], "propagate": False}
# gunicorn's runtime control socket is not needed, and a read-only root filesystem refuses it.
control_socket_disable = True
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(a)s" request_id=%({x-request-id}o)s'
SHUTDOWN_DRAIN_SECONDS = _int_env("SHUTDOWN_DRAIN_SECONDS", 5)


def on_starting(server: Any) -> None:
    # Samples of a previous run would be summed into this one's.
    metrics_dir = os.environ[MULTIPROC_ENV]
    shutil.rmtree(metrics_dir, ignore_errors=True)
    os.makedirs(metrics_dir, exist_ok=True)
    os.makedirs(os.environ[lifecycle.RUNTIME_DIR_ENV], exist_ok=True)
    lifecycle.clear_draining()


def when_ready(server: Any) -> None:
    """Turn the first SIGTERM into: readiness 503 now, stop after the drain period."""
    stop_now = server.handle_term

    def handle_term() -> None:
        if SHUTDOWN_DRAIN_SECONDS <= 0 or lifecycle.is_draining():
            stop_now()
            return
        lifecycle.mark_draining()
        server.log.info("SIGTERM: draining for %s s before shutdown", SHUTDOWN_DRAIN_SECONDS)
        timer = threading.Timer(SHUTDOWN_DRAIN_SECONDS, os.kill, (os.getpid(), signal.SIGTERM))
        timer.daemon = True
        timer.start()

    server.handle_term = handle_term


def post_worker_init(worker: Any) -> None:
    lifecycle.run_start()


def worker_exit(server: Any, worker: Any) -> None:
    lifecycle.run_stop()


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess  # noqa: PLC0415

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]


def on_exit(server: Any) -> None:
    lifecycle.clear_draining()
