"""Runs the browser end-to-end suite (frontend/e2e, Playwright + Debian Chromium) against the
real stack on loopback: redis-server, FerretDB, gunicorn (2 sync workers), the live process (the
same gunicorn with threads for the live feeds, as compose's `live` service), the click worker
(`flamingo worker`) and Nginx with the project's own config routing the feeds to the live process,
plus a small "target" site that short links point to and a mailbox (an SMTP server the backend
mails through, readable by the specs: tests/e2e/mailbox.py). Everything is stopped afterwards,
pass or fail.

    python -m tests.e2e.launch                # make test-e2e
    python -m tests.e2e.launch --lighthouse   # make lighthouse (scores → docs/performance.md)
    python -m tests.e2e.launch --serve        # keep the stack up for manual testing (Ctrl-C)
    python -m tests.e2e.launch --stack        # make test-e2e-stack: the same suite through the
                                              # compose stack's frontend container (our images
                                              # on stand-in bases, tests/support/stack.py)
    python -m tests.e2e.launch analytics      # only the specs whose file names match (Playwright's
                                              # own filter), e.g. while writing one
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
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.e2e.mailbox import Mailbox, mailbox
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
LIVE_FEEDS = "8"  # feeds the live process holds (compose's `live` service holds 200)


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
        self.live: Gunicorn | None = None
        self.worker: Process | None = None
        self.nginx: Nginx | None = None

    def _start(self, process: Process) -> None:
        self.started.append(process)
        process.start()

    def start(self, mail: Mailbox) -> None:
        self._start(self.redis)
        self._start(self.mongo)
        gunicorn = Gunicorn({})
        # The live feeds (SSE) go to a process of their own, as in compose and the chart: the
        # API's sync workers hold none (LIVE_MAX_CONNECTIONS unset), and Nginx's live location
        # must reach it (left to the image's default, `live:8000`, every feed was a 502).
        live = Gunicorn({})
        live.name = "live"
        nginx = Nginx(f"127.0.0.1:{gunicorn.port}", LIVE_UPSTREAM=f"127.0.0.1:{live.port}")
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
            # Invitations and verification links are mailed to the mailbox (plain SMTP on loopback).
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(mail.smtp_port),
            SMTP_STARTTLS="false",
            SMTP_FROM="flamingo@e2e.example.com",
        )
        _cli(env, "ensure-indexes")
        _cli(env, "create-admin", "--email", ADMIN_EMAIL, "--password-stdin", stdin=ADMIN_PASSWORD)
        assert gunicorn.env is not None
        gunicorn.env.update(env)
        self.gunicorn = gunicorn
        self._start(gunicorn)
        assert live.env is not None
        live.env.update(env)
        live.env.update(WEB_CONCURRENCY="1", LIVE_MAX_CONNECTIONS=LIVE_FEEDS)
        self.live = live
        self._start(live)
        self.worker = Process("worker", [sys.executable, "-m", "flamingo.cli", "worker"], env)
        self._start(self.worker)
        self.nginx = nginx
        self._start(nginx)

    @property
    def base(self) -> str:
        assert self.nginx is not None
        return self.nginx.base

    def stop(self) -> None:
        for process in reversed(self.started):
            process.stop()

    def save_logs(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for process in self.started:
            shutil.copy(process.log, directory / f"{process.name}.log")


class ComposeStack:
    """The same suite against `docker compose up --build --wait` (a project of its own): the
    browser talks to the frontend container only; the admin is made with the backend image's CLI."""

    def __init__(self) -> None:
        from tests.support.stack import Stack  # noqa: PLC0415 - only this mode needs the engine

        self.stack = Stack(project=f"flamingo-e2e-{os.getpid()}")
        self.base = ""

    @staticmethod
    def mail_host() -> str:
        """Where the backend containers reach the host: the engine's bridge gateway (the engine
        is started here, before the mailbox binds to that address; `up` takes its own lease)."""
        from tests.support.docker import Engine, docker  # noqa: PLC0415 - engine mode only

        Engine().acquire(f"e2e-mail-{os.getpid()}", os.getpid())
        gateway = docker(
            "network", "inspect", "bridge", "--format", "{{(index .IPAM.Config 0).Gateway}}"
        ).stdout.strip()
        assert gateway, "the engine's bridge has no gateway address"
        return gateway

    def start(self, mail: Mailbox) -> None:
        # The footer shows version and commit: the same made-up ones as the native mode;
        # invitations and verification links are mailed to the mailbox on the bridge gateway.
        extra = {
            "GIT_COMMIT": "e2e0123456789abcdef",
            "SMTP_HOST": mail.smtp_host,
            "SMTP_PORT": str(mail.smtp_port),
            "SMTP_STARTTLS": "false",
            "SMTP_FROM": "flamingo@e2e.example.com",
            "RATELIMIT_SIGNUP": "100/hour",  # several specs sign up users from one address
        }
        self.stack.up(holder=os.getpid(), app_version="0.0.0-e2e", extra=extra)
        self.stack.compose(
            "exec",
            "-T",
            "backend",
            "flamingo",
            "create-admin",
            "--email",
            ADMIN_EMAIL,
            "--password-stdin",
            stdin=ADMIN_PASSWORD,
        )
        self.base = self.stack.base

    def stop(self) -> None:
        from tests.support.docker import Engine  # noqa: PLC0415 - engine mode only

        self.stack.down()
        Engine().release(f"e2e-mail-{os.getpid()}")

    def save_logs(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        logs = self.stack.compose("logs", "--no-color", "--timestamps", check=False)
        (directory / "compose.log").write_text(logs.stdout + logs.stderr)


def run_playwright(base_url: str, target: str, mail: Mailbox, specs: Sequence[str] = ()) -> int:
    npx = require("npx")
    env = {
        **os.environ,
        "FLAMINGO_E2E_BASE_URL": base_url,
        "FLAMINGO_E2E_TARGET": target,
        "FLAMINGO_E2E_MAILBOX": mail.url,
        "FLAMINGO_E2E_ADMIN_EMAIL": ADMIN_EMAIL,
        "FLAMINGO_E2E_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "CHROMIUM_PATH": require("chromium"),
    }
    return subprocess.run(
        [npx, "playwright", "test", *specs], cwd=FRONTEND, env=env, check=False
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
    parser.add_argument("--stack", action="store_true", help="through the compose stack")
    parser.add_argument("specs", nargs="*", help="only the spec files matching these (Playwright)")
    args = parser.parse_args()
    # A TERM (CI cancelled, `kill`) unwinds like Ctrl-C, so the finally below stops the stack.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)

    RESULTS.mkdir(parents=True, exist_ok=True)
    stack: Stack | ComposeStack = ComposeStack() if args.stack else Stack()
    code = 1
    try:
        mail_host = ComposeStack.mail_host() if isinstance(stack, ComposeStack) else "127.0.0.1"
        with target_site() as target, mailbox(mail_host) as mail:
            stack.start(mail)
            base = stack.base
            print(
                f"[e2e] stack up: {base}/app/ (target site {target}, mailbox {mail.url})",
                flush=True,
            )
            if args.serve:
                with contextlib.suppress(KeyboardInterrupt):
                    while True:
                        time.sleep(1)
                code = 0
            elif args.lighthouse:
                code = run_lighthouse(base, target)
            else:
                code = run_playwright(base, target, mail, args.specs)
    finally:
        if code != 0:
            stack.save_logs(RESULTS / "logs")
            print(f"[e2e] failed: screenshots and process logs in {RESULTS}", flush=True)
        stack.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
