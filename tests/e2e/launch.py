"""Runs the browser end-to-end suite (frontend/e2e, Playwright + Debian Chromium) against the
real stack on loopback: redis-server, FerretDB, gunicorn (2 workers), the click worker
(`flamingo worker`) and Nginx with the project's own config, plus a small "target" site that short
links point to. Everything is stopped afterwards, pass or fail.

    python -m tests.e2e.launch                # make test-e2e
    python -m tests.e2e.launch --lighthouse   # make lighthouse (scores → docs/performance.md)
    python -m tests.e2e.launch --serve        # keep the stack up for manual testing (Ctrl-C)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.nginx.server import Nginx
from tests.support.processes import (
    REPO,
    FerretDB,
    Gunicorn,
    Process,
    RedisServer,
    backend_env,
    free_port,
)
from tests.support.tools import require

FRONTEND = REPO / "frontend"
RESULTS = REPO / "test-results" / "e2e"
TARGET_HOST = "127.0.0.2"  # a loopback address that is not the service's own host
ADMIN_EMAIL = "admin@e2e.example.com"
ADMIN_PASSWORD = "e2e admin password 1"  # a throw-away account of a throw-away database


class _TargetPage(BaseHTTPRequestHandler):
    """Where short links lead: a page that names the path it was asked for."""

    def do_GET(self) -> None:
        body = (
            f"<!doctype html><html lang=en><title>Target {self.path}</title>"
            f"<h1>Landed on {self.path}</h1></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def target_site() -> Iterator[str]:
    server = ThreadingHTTPServer((TARGET_HOST, free_port()), _TargetPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{TARGET_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _cli(env: dict[str, str], *args: str, stdin: str = "") -> None:
    subprocess.run(
        [sys.executable, "-m", "flamingo.cli", *args],
        env=env,
        input=f"{stdin}\n",
        text=True,
        check=True,
        capture_output=True,
    )


class Stack:
    """Every process of the stack; ``stop`` stops what was started, in reverse order."""

    def __init__(self) -> None:
        self.started: list[Process] = []
        self.redis = RedisServer()
        self.mongo = FerretDB()
        self.gunicorn: Gunicorn | None = None
        self.worker: Process | None = None
        self.nginx: Nginx | None = None

    def _start(self, process: Process) -> None:
        self.started.append(process)
        process.start()

    def start(self) -> None:
        self._start(self.redis)
        self._start(self.mongo)
        gunicorn = Gunicorn({})
        nginx = Nginx(f"127.0.0.1:{gunicorn.port}")
        env = backend_env(
            MONGO_URI=self.mongo.uri,
            MONGO_DB="flamingo_e2e",
            REDIS_URL=self.redis.url,
            PUBLIC_BASE_URL=nginx.base,
            TRUSTED_PROXY_COUNT="1",  # Nginx is the one proxy in front
            ALLOW_PRIVATE_TARGETS="true",  # the target site lives on loopback
            WEB_CONCURRENCY="2",
            WORKER_METRICS_PORT="0",
            LOG_REQUESTS="false",
            # Every spec signs up its own users from 127.0.0.1: the default 5/hour per IP would
            # refuse the suite's sixth (rate limits have their own tests in tests/unit).
            RATELIMIT_SIGNUP="100/hour",
            APP_VERSION="0.0.0-e2e",
            GIT_COMMIT="e2e0123456789abcdef",
        )
        _cli(env, "ensure-indexes")
        _cli(env, "create-admin", "--email", ADMIN_EMAIL, "--password-stdin", stdin=ADMIN_PASSWORD)
        assert gunicorn.env is not None
        gunicorn.env.update(env)
        self.gunicorn = gunicorn
        self._start(gunicorn)
        self.worker = Process("worker", [sys.executable, "-m", "flamingo.cli", "worker"], env)
        self._start(self.worker)
        self.nginx = nginx
        self._start(nginx)

    def stop(self) -> None:
        for process in reversed(self.started):
            process.stop()

    def save_logs(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for process in self.started:
            shutil.copy(process.log, directory / f"{process.name}.log")


def run_playwright(base_url: str, target: str) -> int:
    npx = require("npx")
    env = {
        **os.environ,
        "FLAMINGO_E2E_BASE_URL": base_url,
        "FLAMINGO_E2E_TARGET": target,
        "FLAMINGO_E2E_ADMIN_EMAIL": ADMIN_EMAIL,
        "FLAMINGO_E2E_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "CHROMIUM_PATH": require("chromium"),
    }
    return subprocess.run(
        [npx, "playwright", "test"], cwd=FRONTEND, env=env, check=False
    ).returncode


def run_lighthouse(base_url: str, target: str) -> int:
    node = require("node")
    env = {**os.environ, "FLAMINGO_E2E_TARGET": target, "CHROMIUM_PATH": require("chromium")}
    script = FRONTEND / "scripts" / "lighthouse.mjs"
    return subprocess.run(
        [node, str(script), base_url], cwd=FRONTEND, env=env, check=False
    ).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--lighthouse", action="store_true", help="run Lighthouse instead")
    mode.add_argument("--serve", action="store_true", help="keep the stack up until Ctrl-C")
    args = parser.parse_args()
    # A TERM (CI cancelled, `kill`) unwinds like Ctrl-C, so the finally below stops the stack.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)

    RESULTS.mkdir(parents=True, exist_ok=True)
    stack = Stack()
    code = 1
    try:
        with target_site() as target:
            stack.start()
            assert stack.nginx is not None
            base = stack.nginx.base
            print(f"[e2e] stack up: {base}/app/ (target site {target})", flush=True)
            if args.serve:
                with contextlib.suppress(KeyboardInterrupt):
                    while True:
                        time.sleep(1)
                code = 0
            elif args.lighthouse:
                code = run_lighthouse(base, target)
            else:
                code = run_playwright(base, target)
    finally:
        if code != 0:
            stack.save_logs(RESULTS / "logs")
            print(f"[e2e] failed: screenshots and process logs in {RESULTS}", flush=True)
        stack.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
