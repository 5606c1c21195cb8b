"""The seed's blue-green release flow for real, on the local cluster's real node: our images
(built by our Dockerfiles, pulled by digest from the local registry), real pods, kube-proxy moving
real connections, the chart's smoke-test AnalysisTemplate running as a real pod against the
preview Service, and the runbook's own commands (docs/operations.md).

v1 live; v2 released: the preview answers v2 while the active Service still answers v1; the smoke
test passes; promote; the active answers v2. Then v3, whose smoke test fails: it aborts by itself
and v2 keeps all traffic. Then the runbook's way back to v1. During every switch a request loop
through the active Service (the 127.0.0.1 forwarder, as an engineer reaches it) checks each
answer's body: 0 failed requests, and every answered redirect's click reaches the click stream
and the link's stats.

Real: everything in the pods (gunicorn, the click worker, nginx with the project's config, the
smoke test), containerd + runc, CNI, kube-proxy, CoreDNS, redis-server and FerretDB (the MongoDB
stand-in) on the host. Stand-ins: the base images of our Dockerfiles (tests/support/images.py),
Secret Manager (the same gRPC API, tests/support/node_services.py), our pause image.
kwok's fake nodes serve the other cluster tests (topology, PDBs, HPAs: docs/ci.md says which).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.cluster.kube import (
    Kube,
    healthy,
    rollout,
    rollout_event,
    runbook,
    selector_hash,
    wait_for,
)
from tests.cluster.traffic import Traffic, Visitor, stream_entries_added, version_of
from tests.support import node_release
from tests.support.cluster import Cluster
from tests.support.cluster_tools import binaries
from tests.support.node import Node
from tests.support.node_layout import NODE_NAME

# Three image builds, four switches with 30 s scale-down delays, on a loaded 2-core machine.
pytestmark = pytest.mark.timeout(2400)

NS = node_release.NAMESPACE
BACKEND, FRONTEND = "flamingo-backend", "flamingo-frontend"
# v3 claims a commit its image does not report: the chart's smoke test must catch exactly that.
WRONG_COMMIT = "0" * 40
# Test-only values, on top of the node's: waits of the chart that no step here depends on.
# - preStop sleep and drain: they let a pod that is still behind a Service finish while the
#   endpoint removal spreads. Here no serving pod is ever stopped: the Rollouts move the Services'
#   selectors and scale the old stack down scaleDownDelaySeconds later (the chart's 30 s minimum,
#   kept: that delay is what a switch relies on, and the traffic loop runs through it).
# - the smoke test's retry budget: v3's wrong commit fails on its first try, then only retries
#   until the timeout; a passing smoke test runs once the preview pods are Ready.
FAST = (
    "--set", "backend.preStopSleepSeconds=1",
    "--set", "backend.drainSeconds=1",
    "--set", "frontend.preStopSleepSeconds=1",
    "--set", "rollouts.smokeTest.timeoutSeconds=15",
)  # fmt: skip


def _runbook(kube: Kube, name: str) -> None:
    for command in runbook()[name]:
        result = kube.shell(command, {"NS": NS})
        assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"


def _paused(kube: Kube, component: str) -> bool:
    conditions = rollout(kube, NS, component).get("status", {}).get("pauseConditions") or []
    return any(c.get("reason") == "BlueGreenPause" for c in conditions)


def _smoke_runs(kube: Kube, phase: str) -> list[dict[str, Any]]:
    """The backend Rollout's pre-promotion AnalysisRuns (the chart's smoke test) in ``phase``."""
    return [
        run for run in kube.items("analysisrun", NS)
        if run["metadata"]["name"].startswith(f"{BACKEND}-")
        and run.get("status", {}).get("phase") == phase
    ]  # fmt: skip


def _smoke_pods_on_the_node(kube: Kube, phase: str) -> list[str]:
    """Smoke-test pods (analysis Jobs) that ran on the real node and ended in ``phase``."""
    pods = kube.items("pods", NS, "app.kubernetes.io/component=smoke-test")
    return [
        p["metadata"]["name"] for p in pods
        if p["spec"].get("nodeName") == NODE_NAME and p["status"].get("phase") == phase
    ]  # fmt: skip


def _old_pods_gone(kube: Kube, version: str) -> Callable[[], bool]:
    def gone() -> bool:
        pods = kube.items("pods", NS, "app.kubernetes.io/component in (backend,frontend)")
        return not [p for p in pods if p["metadata"]["labels"].get(
            "app.kubernetes.io/version") == version]  # fmt: skip

    return gone


def _answers(base: str, session: dict[str, str], version: str) -> Callable[[], bool]:
    return lambda: version_of(base, session)["version"] == version


def _assert_clean(traffic: Traffic, visitor: Visitor, node: Node, before: tuple[int, int]) -> None:
    """0 failed requests; every answered redirect's click in the stream and in the stats."""
    assert not traffic.failures, traffic.failures[:20]
    assert traffic.redirects > 0 and traffic.answers["version"] > 0, traffic.answers
    clicks_before, added_before = before
    # The stream also gets the smoke tests' visits of an unknown code: at least ours.
    added = stream_entries_added(node.stores["redis"]) - added_before
    assert added >= traffic.redirects, (added, traffic.redirects)
    counted: list[int] = []

    def all_counted() -> bool:
        counted.append(visitor.clicks() - clicks_before)
        return counted[-1] >= traffic.redirects

    # The worker Deployment rolls with every release (it is not blue-green): a replaced worker's
    # unacknowledged events are claimed by the next one after WORKER_CLAIM_IDLE_MS (30 s).
    try:
        wait_for("every answered redirect counted in the link's stats", all_counted, timeout=240)
    except AssertionError:
        raise AssertionError(
            f"stats count {counted[-1]} of {traffic.redirects} answered redirects "
            f"(stream entries added: {added})"
        ) from None
    # At-least-once folding doubles a batch only for a worker that dies between MongoDB's write
    # and its XACK (docs/architecture.md). Here the worker is only ever stopped gracefully, one at
    # a time (worker.strategy Recreate: FerretDB's $inc is not atomic across two workers), so
    # every click is counted exactly once.
    assert visitor.clicks() - clicks_before == traffic.redirects, (counted, traffic.redirects)


def test_blue_green_on_the_real_node(
    cluster: Cluster, node: Node, kube: Kube, registry: str
) -> None:
    helm = node_release.Helm(
        cluster.kubeconfig, binaries()["kubectl-argo-rollouts"].parent, cluster.workdir / "helm"
    )
    commit = node_release.commit()
    images = {"v1": node_release.build_images("v1")}
    # v2 and v3 are built while v1 installs and its pods start (`make images`, as an engineer
    # releases; the same commit, so only the images' metadata is new).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="images") as builder:
        later = {v: builder.submit(node_release.build_images, v) for v in ("v2", "v3")}

        # 1. v1: the first release goes live directly (nothing to switch from).
        node_release.upgrade(helm, node, images["v1"], commit, *FAST)
        for component in ("backend", "frontend"):
            wait_for(f"{component} Healthy", lambda c=component: healthy(kube, NS, c), timeout=300)  # type: ignore[misc]
        images.update({v: build.result() for v, build in later.items()})
    assert all(ref.backend.startswith(f"{registry}/") for ref in images.values())
    active = node_release.expose(helm, node)
    for pod in kube.items("pods", NS, "app.kubernetes.io/component=backend"):
        (image,) = [c["image"] for c in pod["spec"]["containers"]]
        assert image == images["v1"].backend, "pulled by digest from the local registry"
        assert pod["spec"]["nodeName"] == NODE_NAME
    visitor = Visitor(active)
    visitor.sign_up("node-test@example.com", "correct horse battery staple")
    visitor.create_link()
    session = visitor.headers()
    body = version_of(active, session)
    assert (body["version"], body["commit"]) == ("v1", commit)
    preview_service = kube.get("service", f"{BACKEND}-preview", NS)["spec"]
    preview = node.expose("backend-preview", f"{preview_service['clusterIP']}:8000")

    # 2. v2 behind the preview Service while v1 keeps the traffic; the smoke test is a real pod.
    blue = selector_hash(kube, NS, BACKEND)
    before = (visitor.clicks(), stream_entries_added(node.stores["redis"]))
    with Traffic(active, visitor, {"v1", "v2"}) as traffic:
        node_release.upgrade(helm, node, images["v2"], commit, *FAST)
        for component in ("backend", "frontend"):
            wait_for(f"{component} paused for promotion",
                     lambda c=component: _paused(kube, c), timeout=300)  # type: ignore[misc]  # fmt: skip
        assert version_of(preview, session)["version"] == "v2"
        assert version_of(active, session)["version"] == "v1"
        assert _smoke_runs(kube, "Successful"), "the backend's smoke-test AnalysisRun"
        assert _smoke_pods_on_the_node(kube, "Succeeded")
        _runbook(kube, "promote")
        wait_for("the active Service to answer v2", _answers(active, session, "v2"))
        wait_for("v1's pods gone (scale-down delay)", _old_pods_gone(kube, "v1"), timeout=240)
    assert traffic.versions == ["v1", "v2"], traffic.versions
    _assert_clean(traffic, visitor, node, before)
    # The old stack stayed up for scaleDownDelaySeconds (30 s) after the switch, by the
    # controller's own events.
    green = selector_hash(kube, NS, BACKEND)
    switch = rollout_event(kube, NS, BACKEND, "SwitchService",
                           f"service '{BACKEND}' from '{blue}' to '{green}'")  # fmt: skip
    scaled = rollout_event(kube, NS, BACKEND, "ScalingReplicaSet",
                           f"Scaled down ReplicaSet {BACKEND}-{blue} ")  # fmt: skip
    assert 29 <= (scaled - switch).total_seconds() <= 60, (switch, scaled)

    # 3. v3 fails its smoke test: the backend aborts by itself, v2 keeps every request.
    before = (visitor.clicks(), stream_entries_added(node.stores["redis"]))
    with Traffic(active, visitor, {"v2"}) as traffic:
        node_release.upgrade(helm, node, images["v3"], WRONG_COMMIT, *FAST)
        aborted = lambda: rollout(kube, NS, "backend")["status"].get("abort")  # noqa: E731
        wait_for("the backend to abort", aborted, timeout=300)
        assert _smoke_runs(kube, "Failed"), "the failed smoke-test AnalysisRun"
        assert _smoke_pods_on_the_node(kube, "Failed")
        wait_for("the frontend paused", lambda: _paused(kube, "frontend"), timeout=300)
        _runbook(kube, "abort")
        assert version_of(active, session)["version"] == "v2"
    assert traffic.versions == ["v2"], traffic.versions
    _assert_clean(traffic, visitor, node, before)

    # 4. The runbook's way back: after an abort, helm rollback to the live release (section 6),
    #    then a promoted release back to v1 (section 7): a blue-green release of v1's revision.
    before = (visitor.clicks(), stream_entries_added(node.stores["redis"]))
    with Traffic(active, visitor, {"v1", "v2"}) as traffic:
        _runbook(kube, "rollback-aborted")
        assert version_of(active, session)["version"] == "v2"
        result = kube.shell("helm rollback flamingo 1 -n $NS", {"NS": NS})
        assert result.returncode == 0, result.stderr
        for component in ("backend", "frontend"):
            wait_for(f"{component} paused", lambda c=component: _paused(kube, c), timeout=300)  # type: ignore[misc]
        assert version_of(preview, session)["version"] == "v1"
        _runbook(kube, "promote")
        wait_for("the active Service to answer v1", _answers(active, session, "v1"))
        wait_for("v2's pods gone", _old_pods_gone(kube, "v2"), timeout=240)
    assert traffic.versions == ["v2", "v1"], traffic.versions
    _assert_clean(traffic, visitor, node, before)
