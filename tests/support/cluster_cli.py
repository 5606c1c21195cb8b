"""`make cluster-up` / `make cluster-release` / `make cluster-down`:

    python -m tests.support.cluster_cli up --dir DIR [--node] [--release VERSION]
    python -m tests.support.cluster_cli release --dir DIR --version VERSION
    python -m tests.support.cluster_cli down --dir DIR

``up`` starts the control plane (tests/support/cluster.py); with ``--node`` a real node joins
(tests/support/node.py); with ``--release`` the images of that version are built and pushed
(`make images`) and the chart installed on the node with them (tests/support/node_release.py).
It prints ``KUBECONFIG=<path>`` and ``Flamingo is up at http://127.0.0.1:<port>``, then returns:
everything keeps running until ``down``. ``release`` upgrades to a new version: its pods come up
behind the preview Services and wait for the runbook's promotion (docs/operations.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tests.support import node_release
from tests.support.cluster import Cluster
from tests.support.cluster_tools import ClusterError, binaries
from tests.support.node_layout import NodeError

# The local registry (containers: tests/support/docker.py) stays up while a cluster uses it.
REGISTRY_LEASE = "cluster"


def _helm(cluster: Cluster) -> node_release.Helm:
    return node_release.Helm(
        cluster.kubeconfig, binaries()["kubectl-argo-rollouts"].parent, cluster.workdir / "helm"
    )


def _join_registry() -> None:
    from tests.support.docker import Engine  # noqa: PLC0415 - the containers' part of the repo

    Engine().acquire(REGISTRY_LEASE)


def _leave_registry() -> None:
    from tests.support.docker import Engine  # noqa: PLC0415

    Engine().release(REGISTRY_LEASE)


def release(cluster: Cluster, version: str) -> None:
    assert cluster.node is not None
    print(f"building and pushing the images of {version} (make images)", flush=True)
    images = node_release.build_images(version)
    print(f"image backend {images.backend}\nimage frontend {images.frontend}", flush=True)
    helm = _helm(cluster)
    node_release.upgrade(helm, cluster.node, images, node_release.commit())


def up(workdir: Path, node: bool, version: str | None) -> int:
    started = time.monotonic()
    cluster = Cluster(workdir, with_node=node)
    try:
        cluster.start()
        if node:
            cluster.start_node()
    except (ClusterError, NodeError) as error:
        print(f"cluster-up failed: {error}", file=sys.stderr)
        cluster.stop()
        return 1
    print(f"cluster ready in {time.monotonic() - started:.1f} s (logs in {workdir / 'logs'})")
    print(f"KUBECONFIG={cluster.kubeconfig}", flush=True)
    if version and cluster.node is not None:
        try:
            _join_registry()
            release(cluster, version)
            url = node_release.expose(_helm(cluster), cluster.node)
        except (RuntimeError, ValueError) as error:
            print(f"releasing {version} failed: {error}", file=sys.stderr)
            return 1
        print(f"Flamingo is up at {url}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up", "release", "down"])
    parser.add_argument("--dir", type=Path, required=True, help="state folder (pids, logs, pki)")
    parser.add_argument("--node", action="store_true", help="up: start a real node too")
    parser.add_argument("--release", metavar="VERSION", help="up: build and install this version")
    parser.add_argument("--version", help="release: the version to build and upgrade to")
    args = parser.parse_args(argv)
    workdir: Path = args.dir.resolve()
    running = (workdir / "state.json").exists()
    if args.command == "up":
        return up(workdir, args.node or bool(args.release), args.release)
    if not running:
        print(f"no cluster in {workdir}", file=sys.stderr)
        return 0 if args.command == "down" else 1
    cluster = Cluster.load(workdir)
    if args.command == "down":
        with_node = cluster.node is not None
        cluster.stop()
        (workdir / "state.json").unlink(missing_ok=True)
        if with_node:
            _leave_registry()
        print(f"cluster in {workdir} stopped")
        return 0
    if cluster.node is None or not args.version:
        print("release needs a cluster started with a node, and --version", file=sys.stderr)
        return 2
    release(cluster, args.version)
    print(
        f"{args.version} is behind the preview Services; promote with the runbook's command "
        "(docs/operations.md): kubectl argo rollouts promote flamingo-backend -n flamingo"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
