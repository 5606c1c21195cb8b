"""Fixtures for the Nginx tests: the built SPA, a real backend (gunicorn) and Nginx before it."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from tests.nginx.server import DIST, Nginx
from tests.support.processes import REPO, Gunicorn, backend_env
from tests.support.tools import require


@pytest.fixture(scope="session")
def spa_dist() -> None:
    """The real build (hashed assets, index.html); built once when missing or stale."""
    require("npm")
    subprocess.run(["make", "-s", "frontend-build"], cwd=REPO, check=True)
    assert (DIST / "index.html").is_file()


@pytest.fixture(scope="session")
def backend() -> Iterator[Gunicorn]:
    # Embedded stores: these tests are about the proxy, not the data.
    server = Gunicorn(backend_env(LOG_REQUESTS="false"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def nginx(spa_dist: None, backend: Gunicorn) -> Iterator[Nginx]:
    server = Nginx(f"127.0.0.1:{backend.port}")
    server.start()
    yield server
    server.stop()
