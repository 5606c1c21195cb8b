"""The cluster tests' fixtures: one local control plane for the whole session (tests/support/
cluster.py), the stand-ins for the images' processes, the smoke-test verdicts and a stand-in
Prometheus; and the real node (tests/support/node.py), started once, when the first test that
needs it asks. Collected only when asked for (`make test-cluster` = `pytest tests/cluster`), so the
plain `pytest` of `make test-python` does not start a cluster."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cluster.kube import Kube
from tests.cluster.standins import FakePrometheus, Images, SmokeVerdicts
from tests.nginx.server import DIST, Nginx
from tests.support.cluster import Cluster
from tests.support.cluster_tools import missing_binaries
from tests.support.collection import only_when_requested
from tests.support.node import Node
from tests.support.node_layout import NodeError
from tests.support.processes import Gunicorn, backend_env

HERE = Path(__file__).resolve().parent

# Image tags of the releases the tests deploy (CI tags images with the full commit SHA).
SHA_1 = "1" * 40
SHA_2 = "2" * 40
# An image tagged as commit SHA_BAD but built from SHA_2: its /api/v1/version reports SHA_2, so
# the smoke test's commit check must fail it.
SHA_BAD = "b" * 40
BUILT_FROM = {SHA_1: SHA_1, SHA_2: SHA_2, SHA_BAD: SHA_2}


pytest_ignore_collect = only_when_requested(HERE)


@pytest.fixture(scope="session")
def cluster(request: pytest.FixtureRequest) -> Iterator[Cluster]:
    missing = missing_binaries()
    if missing:
        # `make test-cluster` builds them first (`make tools`); never a skip, on CI or off.
        pytest.fail(f"control-plane binaries missing (run `make tools`): {missing}")
    # A short path: the state folder ends up in unix socket paths of the components.
    workdir = Path(os.environ.get("TMPDIR", "/tmp")) / f"flamingo-cluster-test-{os.getpid()}"
    # Prepared for the real node (its certificates, tokens and API server flags) from the start;
    # the node itself starts only for the tests that use it.
    local = Cluster(workdir, tied_to_parent=True, with_node=True)
    local.start()
    try:
        yield local
    finally:
        local.stop()
    if request.session.testsfailed:
        print(f"\ncontrol-plane logs kept in {workdir / 'logs'}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def kube(cluster: Cluster) -> Kube:
    return Kube(cluster)


@pytest.fixture(scope="session")
def images() -> Iterator[Images]:
    """A real gunicorn per backend image tag (embedded stores: the smoke test checks the HTTP
    surface and the reported commit, not the data), and one nginx with the project's config for
    the SPA image."""
    assert (DIST / "index.html").is_file(), "run `make frontend-build` (make test-cluster does)"
    servers = {
        tag: Gunicorn(backend_env(GIT_COMMIT=commit, LOG_REQUESTS="false"))
        for tag, commit in BUILT_FROM.items()
    }
    started: list[Gunicorn | Nginx] = []
    try:
        for server in servers.values():
            server.start()
            started.append(server)
        nginx = Nginx(f"127.0.0.1:{servers[SHA_1].port}")
        nginx.start()
        started.append(nginx)
        yield Images({tag: s.base for tag, s in servers.items()}, nginx.base)
    finally:
        for process in reversed(started):
            process.stop()


@pytest.fixture(scope="session")
def verdicts(kube: Kube, images: Images) -> Iterator[SmokeVerdicts]:
    with SmokeVerdicts(kube, images) as feeder:
        yield feeder
    assert not feeder.errors, feeder.errors


@pytest.fixture(scope="session")
def prometheus() -> Iterator[FakePrometheus]:
    with FakePrometheus() as server:
        yield server


@pytest.fixture(scope="session")
def node(cluster: Cluster) -> Node:
    """The real node, started once. It cannot start = a failure (on CI and off), never a skip."""
    try:
        return cluster.start_node()
    except NodeError as error:
        pytest.fail(f"the real node did not start: {error}")


@pytest.fixture(scope="session")
def registry() -> Iterator[str]:
    """The local registry (and the engine that builds the images), held for the session."""
    from tests.support.docker import Engine  # noqa: PLC0415 - the containers' part of the repo

    engine = Engine()
    lease = f"cluster-test-{os.getpid()}"
    addresses = engine.acquire(lease, holder=os.getpid())
    try:
        yield addresses.registry
    finally:
        engine.release(lease)
