"""The backend image's start command, run natively: Dockerfile.backend's ENTRYPOINT/CMD exactly as
written, with the environment the image sets (build args included), from an empty working
directory, with the image's own venv (the builder stage replayed natively: runtime lock and the
package only, see image.py) first on PATH as /opt/venv/bin is in the image; only the listen
address is moved to a free loopback port. Then the same for what docker-compose.yml runs with that
image (index job, API, worker) against real stores."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.shipping.support import (
    compose_config,
    dockerfile,
    environment,
    final_stage,
    healthcheck_command,
    instruction,
    start_command,
)
from tests.support.processes import (
    FerretDB,
    Process,
    RedisServer,
    free_port,
)

BUILD_ARGS = {
    "APP_VERSION": "7.8.9-shipping",
    "GIT_COMMIT": "0123456789abcdef0123456789abcdef01234567",
    "BUILD_TIME": datetime(2026, 11, 26, 7, 0, tzinfo=UTC).isoformat().replace("+00:00", "Z"),
}


# Replaying the builder stage installs every runtime dependency (pip, cached after the first run).
pytestmark = pytest.mark.timeout(600)


def native(argv: list[str], image_bin: Path) -> list[str]:
    """The image finds its programs on PATH=/opt/venv/bin:...; natively that is image_bin."""
    program = shutil.which(argv[0], path=str(image_bin))
    assert program, f"{argv[0]} is not in the image's venv"
    return [program, *argv[1:]]


def image_env(image_bin: Path, **overrides: str) -> dict[str, str]:
    env = dict(dockerfile("Dockerfile.backend", build_args=BUILD_ARGS).envs)
    # The image's PATH starts with its venv; keep the host's PATH for the rest.
    env["PATH"] = f"{image_bin}:{os.environ['PATH']}"
    for keep in ("HOME", "LANG", "TMPDIR"):
        if keep in os.environ:
            env[keep] = os.environ[keep]
    env.update(overrides)
    return env


class Served(Process):
    def __init__(self, name: str, argv: list[str], env: dict[str, str], port: int) -> None:
        # WORKDIR /app is empty in the image: no .env can be read from it.
        super().__init__(name, argv, env, cwd=Path(tempfile.mkdtemp(prefix="flamingo-image-")))
        self.port = port
        self.ready_path = "/healthz"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def ready(self) -> bool:
        return requests.get(self.base + self.ready_path, timeout=1).ok

    def start(self, path: str = "/healthz") -> None:
        self.ready_path = path
        super().start()


@pytest.fixture
def image_server(image_bin: Path) -> Iterator[Served]:
    port = free_port()
    argv = native(start_command(dockerfile("Dockerfile.backend")), image_bin)
    # Stores nobody listens on (the app connects on first use; these checks need none): the image
    # has no embedded stores, so without URLs it would stop with a configuration error.
    env = image_env(
        image_bin,
        HOST="127.0.0.1",
        PORT=str(port),
        SHUTDOWN_DRAIN_SECONDS="0",
        MONGO_URI="mongodb://127.0.0.1:9/",
        REDIS_URL="redis://127.0.0.1:9/0",
    )
    server = Served("image-cmd", argv, env, port)
    server.start()
    yield server
    server.stop()


def test_start_command_serves_health_and_the_baked_version(image_server: Served) -> None:
    assert requests.get(f"{image_server.base}/healthz", timeout=5).status_code == 200
    version = requests.get(f"{image_server.base}/api/v1/version", timeout=5)
    assert version.status_code == 200
    assert version.json() == {
        "version": BUILD_ARGS["APP_VERSION"],
        "commit": BUILD_ARGS["GIT_COMMIT"],
        "built_at": BUILD_ARGS["BUILD_TIME"],
    }


def test_image_healthcheck_passes_when_up_and_fails_when_down(
    image_server: Served, image_bin: Path
) -> None:
    probe = native(healthcheck_command(dockerfile("Dockerfile.backend")), image_bin)
    env = image_env(image_bin, PORT=str(image_server.port))
    assert subprocess.run(probe, env=env, check=False, timeout=10).returncode == 0
    image_server.stop()
    down = subprocess.run(probe, env=env, check=False, timeout=10, capture_output=True)
    assert down.returncode != 0


def test_image_user_can_run_it_with_only_tmp_writable() -> None:
    # The image's PROMETHEUS_MULTIPROC_DIR / FLAMINGO_RUNTIME_DIR are unset: gunicorn_config makes
    # them under the temp dir, which is the only writable path in the container.
    env = dockerfile("Dockerfile.backend").envs
    assert "PROMETHEUS_MULTIPROC_DIR" not in env and "FLAMINGO_RUNTIME_DIR" not in env
    assert instruction(final_stage(dockerfile("Dockerfile.backend")), "WORKDIR")[-1] == "/app"


# ---- the compose services built from this image, against real stores ------------------------


@pytest.fixture(scope="module")
def stores() -> Iterator[dict[str, str]]:
    """MongoDB and Redis for the compose commands: the CI job's MongoDB 7 / Redis 7 services when
    FLAMINGO_TEST_MONGO_URI / FLAMINGO_TEST_REDIS_URL are set, else FerretDB and redis-server."""
    mongo, redis = (
        os.environ.get("FLAMINGO_TEST_MONGO_URI"),
        os.environ.get("FLAMINGO_TEST_REDIS_URL"),
    )
    started: list[Process] = []
    if not mongo:
        ferret = FerretDB()
        ferret.start()
        started.append(ferret)
        mongo = ferret.uri
    if not redis:
        server = RedisServer()
        server.start()
        started.append(server)
        redis = server.url
    yield {"MONGO_URI": mongo, "REDIS_URL": redis, "MONGO_DB": f"shipping_{os.getpid()}"}
    for process in started:
        process.stop()


def compose_service_env(
    service: str, stores: dict[str, str], image_bin: Path, **overrides: str
) -> dict[str, str]:
    """The image's environment plus what docker-compose.yml sets for the service, with the
    compose-network addresses of MongoDB and Redis swapped for the test stores."""
    compose_env = environment(compose_config()["services"][service])
    for name in ("MONGO_URI", "REDIS_URL"):
        assert name in compose_env, f"compose service {service} does not set {name}"
    return image_env(image_bin, **{**compose_env, **stores, **overrides})


def compose_command(service: str) -> list[str]:
    spec: dict[str, Any] = compose_config()["services"][service]
    command = spec.get("command")
    if command is None:
        return start_command(dockerfile("Dockerfile.backend"))
    assert isinstance(command, list) and all(isinstance(c, str) for c in command), (
        f"compose service {service}: command must be a list (exec form, no shell)"
    )
    return command


@pytest.mark.integration
def test_compose_backend_services_run_natively(stores: dict[str, str], image_bin: Path) -> None:
    # 1. The one-shot index job: exits 0 (backend and worker wait for exactly that).
    job = subprocess.run(
        native(compose_command("ensure-indexes"), image_bin),
        env=compose_service_env("ensure-indexes", stores, image_bin),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tempfile.mkdtemp(),
    )
    assert job.returncode == 0, job.stdout + job.stderr
    assert "index ok:" in job.stdout

    # 2. The API as compose runs it (real stores, several workers): ready, and the version.
    api_port = free_port()
    api = Served(
        "compose-backend",
        native(compose_command("backend"), image_bin),
        compose_service_env(
            "backend",
            stores,
            image_bin,
            HOST="127.0.0.1",
            PORT=str(api_port),
            SHUTDOWN_DRAIN_SECONDS="0",
        ),
        api_port,
    )
    # 3. The worker with its metrics endpoint (what compose's healthcheck and Prometheus read).
    metrics_port = free_port()
    worker = Served(
        "compose-worker",
        native(compose_command("worker"), image_bin),
        compose_service_env("worker", stores, image_bin, WORKER_METRICS_PORT=str(metrics_port)),
        metrics_port,
    )
    try:
        api.start()
        ready = requests.get(f"{api.base}/readyz", timeout=5)
        assert ready.status_code == 200, ready.text
        assert (
            requests.get(f"{api.base}/api/v1/version", timeout=5).json()["commit"]
            == (BUILD_ARGS["GIT_COMMIT"])
        )
        worker.start("/metrics")
        assert "flamingo_" in requests.get(f"{worker.base}/metrics", timeout=5).text
    finally:
        for process in (worker, api):
            code = process.stop()
            assert code in (0, None, -15), f"{process.name} exit {code}:\n{process.output()}"
