"""Start and stop real servers on free loopback ports, and always stop what was started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import requests

from tests.support.tools import require

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(
    check: Callable[[], bool],
    what: str,
    timeout: float = 30.0,
    alive: Callable[[], bool] | None = None,
) -> None:
    """Poll ``check`` until it holds; a start-up guard, not a timing assertion.

    With ``alive``, a process that died while starting fails at once instead of at the timeout.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            raise RuntimeError(f"{what} exited before it was ready")
        try:
            if check():
                return
        except Exception:  # noqa: S110 - not up yet
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not come up within {timeout} s")


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Process:
    """A child process in its own process group, so stopping it stops its children too."""

    ready_timeout = 30.0

    def __init__(
        self,
        name: str,
        argv: list[str],
        env: Mapping[str, str] | None = None,
        *,
        cwd: Path | None = None,
    ) -> None:
        self.name = name
        self.argv = argv
        self.env = dict(env) if env is not None else None
        self.cwd = cwd
        self.popen: subprocess.Popen[bytes] | None = None
        self.log = Path(tempfile.mkstemp(prefix=f"{name}-", suffix=".log")[1])

    def ready(self) -> bool:
        """Whether the process serves yet; subclasses probe their port or URL."""
        return True

    def start(self) -> None:
        """Start the process and return once :meth:`ready` holds (or fail with its output)."""
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                self.argv,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=self.cwd,
            )
        try:
            wait_until(self.ready, self.name, self.ready_timeout, alive=self.running)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}:\n{self.output()}") from None

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def send(self, sig: int) -> None:
        assert self.popen is not None
        self.popen.send_signal(sig)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int | None:
        if self.popen is None:
            return None
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, sig)
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
            except ProcessLookupError:
                pass
        code = self.popen.returncode
        self.popen = None
        return code

    def output(self) -> str:
        return self.log.read_text(errors="replace")


class RedisServer(Process):
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        binary = require("redis-server")
        super().__init__(
            "redis",
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
        )

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ready(self) -> bool:
        return _port_open(self.port)


class FerretDB(Process):
    """FerretDB (SQLite) on a new temporary folder, or on ``state`` (a benchmark's data that
    outlives the run)."""

    def __init__(self, state: Path | None = None) -> None:
        self.port = free_port()
        self.state = state or Path(tempfile.mkdtemp(prefix="ferretdb-"))
        self.state.mkdir(parents=True, exist_ok=True)
        binary = require("ferretdb", "FERRETDB_BIN")
        super().__init__(
            "ferretdb",
            [
                binary,
                "--handler=sqlite",
                f"--sqlite-url=file:{self.state}/",
                f"--listen-addr=127.0.0.1:{self.port}",
                f"--state-dir={self.state}",
                "--debug-addr=-",
                "--telemetry=disable",
                "--log-level=WARN",
            ],
        )

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/"

    def ready(self) -> bool:
        return _port_open(self.port)


def backend_env(**overrides: str) -> dict[str, str]:
    """The environment of a backend process: inherit PATH etc., never the developer's settings."""
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR", "CI"}}
    env = {**keep, "LOG_LEVEL": "INFO", "SHUTDOWN_DRAIN_SECONDS": "0"}
    env.update(overrides)
    return env


class Gunicorn(Process):
    """The same command the container image and ``make run`` use."""

    def __init__(self, env: Mapping[str, str], workdir: Path | None = None) -> None:
        self.port = free_port()
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="flamingo-gunicorn-"))
        full_env = {**env, "PORT": str(self.port), "HOST": "127.0.0.1"}
        super().__init__(
            "gunicorn",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "python:flamingo.gunicorn_config",
                "flamingo.wsgi:app",
            ],
            env=full_env,
            # An empty directory: a developer's .env cannot leak in.
            cwd=self.workdir,
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ready(self) -> bool:
        return requests.get(f"{self.base}/healthz", timeout=1).ok
