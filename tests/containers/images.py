"""Running our images by hand on the private engine: one container at a time, removed after."""

from __future__ import annotations

import contextlib
import json
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

from tests.support.docker import docker
from tests.support.processes import free_port

# What the chart gives our pods: a read-only root and an emptyDir at /tmp (compose: a tmpfs).
HARDENED = ("--read-only", "--tmpfs", "/tmp", "--cap-drop", "ALL")
# Stores nobody listens on: the app starts without connecting (it connects on first use).
NO_STORES = ("-e", "MONGO_URI=mongodb://127.0.0.1:9/", "-e", "REDIS_URL=redis://127.0.0.1:9/0")


def inspect(ref: str) -> dict[str, Any]:
    (found,) = json.loads(docker("image", "inspect", ref).stdout)
    return dict(found)


def run(ref: str, *argv: str, options: tuple[str, ...] = ()) -> tuple[int, str]:
    """``docker run --rm`` to completion: exit code and output."""
    result = docker("run", "--rm", *options, ref, *argv, check=False)
    return result.returncode, result.stdout + result.stderr


@contextlib.contextmanager
def container(ref: str, *options: str, port: int = 8000) -> Iterator[tuple[str, str]]:
    """A detached container publishing ``port`` on loopback: (id, base URL)."""
    host_port = free_port()
    cid = docker("run", "-d", "-p", f"127.0.0.1:{host_port}:{port}", *options, ref).stdout.strip()
    try:
        yield cid, f"http://127.0.0.1:{host_port}"
    finally:
        docker("rm", "-f", "-v", cid, check=False)


def health(cid: str) -> str:
    return docker("inspect", "--format", "{{.State.Health.Status}}", cid).stdout.strip()


def wait_for(check: Any, what: str, timeout: float = 120.0) -> Any:
    """Polls until ``check()`` is truthy and returns it (a start-up guard, not a timing test)."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            last = check()
            if last:
                return last
        time.sleep(0.5)
    raise AssertionError(f"{what}: not within {timeout} s (last: {last!r})")


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - loopback
        return json.loads(answer.read())
