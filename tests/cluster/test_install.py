"""`helm install` of the chart with each environment's values into its own namespace of a real
API server, `helm test`, and `helm uninstall` leaving nothing behind.

Real: API server validation and admission, the Job, ReplicaSet, HPA, disruption and garbage
collection controllers, the scheduler, the Argo Rollouts controller, helm. Faked by kwok: the
containers (pods become Running and Ready without running anything; Job pods exit 0). The
`helm test` verdicts come from the chart's smoke_test.py run here against a real gunicorn / nginx
(see tests/cluster/kube.py). NetworkPolicies are admitted and stored, but nothing enforces them
(no network plugin).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime

import pytest
import yaml

from tests.cluster.conftest import SHA_1
from tests.cluster.kube import (
    RELEASE,
    Kube,
    Obj,
    assert_nothing_left,
    healthy,
    helm_upgrade,
    release_args,
    rollout,
    strict_validation,
    wait_for,
)
from tests.cluster.standins import FakePrometheus, SmokeVerdicts

# Cluster start-up (first test) plus an install, helm test and uninstall on a loaded machine.
pytestmark = pytest.mark.timeout(300)

ENVS = ("dev", "staging", "prod")


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _event_time(event: Obj) -> datetime:
    stamp = event.get("lastTimestamp") or event.get("eventTime") or event.get("firstTimestamp")
    return _time(str(stamp)[:19] + "Z")


def test_strict_validation_rejects_an_unknown_field(kube: Kube) -> None:
    """The check the installs rely on can fail: a misspelt field in a Rollout is an error."""
    kube.kubectl("create", "namespace", "strict-check")
    bad = {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Rollout",
        "metadata": {"name": "x"},
        "spec": {
            "selector": {"matchLabels": {"a": "b"}},
            "template": {
                "metadata": {"labels": {"a": "b"}},
                "spec": {"containers": [{"name": "c", "image": "i", "imagePullPolicyy": "Always"}]},
            },
            "strategy": {"blueGreen": {"activeService": "x"}},
        },
    }
    result = kube.run(
        [
            "kubectl", "apply", "--server-side", "--dry-run=server", "--validate=strict",
            "-n", "strict-check", "-f", "-",
        ],
        input=json.dumps(bad),
        check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "imagePullPolicyy" in result.stderr


@pytest.fixture(scope="module")
def releases(
    kube: Kube, verdicts: SmokeVerdicts, prometheus: FakePrometheus
) -> Iterator[dict[str, Future[None]]]:
    """The three environments' install → checks → `helm test` → uninstall, side by side (each in
    its own namespace; most of each is waiting on helm and the controllers). Each test below
    reports its own environment's outcome: its assertion, with its traceback."""
    with ThreadPoolExecutor(max_workers=len(ENVS), thread_name_prefix="install") as pool:
        yield {
            env: pool.submit(_install_test_and_uninstall, env, kube, verdicts, prometheus)
            for env in ENVS
        }


@pytest.mark.parametrize("env", ENVS)
def test_install_test_and_uninstall(env: str, releases: dict[str, Future[None]]) -> None:
    releases[env].result()


def _install_test_and_uninstall(
    env: str, kube: Kube, verdicts: SmokeVerdicts, prometheus: FakePrometheus
) -> None:
    namespace = f"flamingo-{env}"
    args = release_args(env, SHA_1, prometheus.url)
    # Every object, hooks and test pods included, accepted with strict field validation.
    strict_validation(kube, f"validate-{env}", args)

    helm_upgrade(kube, namespace, args)
    manifest = kube.helm("get", "manifest", RELEASE, "-n", namespace)
    for obj in yaml.safe_load_all(manifest):
        if not obj:
            continue
        kind, name = obj["kind"], obj["metadata"]["name"]
        assert kube.exists(kind, name, namespace), f"{kind}/{name} missing after install"

    # The index hook Job ran to completion before helm created the Rollouts (the Job itself is
    # deleted on success; its "Completed" event stays).
    events = kube.items("events", namespace)
    completed = [
        e
        for e in events
        if e["involvedObject"].get("kind") == "Job"
        and e["involvedObject"]["name"] == f"{RELEASE}-ensure-indexes"
        and e["reason"] == "Completed"
    ]
    assert completed, "the ensure-indexes hook Job never completed"
    assert not kube.exists("job", f"{RELEASE}-ensure-indexes", namespace)
    for component in ("backend", "frontend"):
        created = _time(rollout(kube, namespace, component)["metadata"]["creationTimestamp"])
        assert _event_time(completed[0]) <= created

    # Both Rollouts Healthy: the first revision goes live without analysis.
    for component in ("backend", "frontend"):
        wait_for(f"{component} Rollout Healthy", lambda c=component: healthy(kube, namespace, c))  # type: ignore[misc]
        active = kube.get("service", f"{RELEASE}-{component}", namespace)["spec"]["selector"]
        stable = rollout(kube, namespace, component)["status"]["stableRS"]
        assert active["rollouts-pod-template-hash"] == stable

    # Pods spread over the three fake zones (the chart's topology spread, the real scheduler).
    if env == "prod":
        pods = kube.items("pods", namespace, "app.kubernetes.io/component=backend")
        zones = {
            kube.get("node", p["spec"]["nodeName"], "")["metadata"]["labels"][
                "topology.kubernetes.io/zone"
            ]
            for p in pods
        }
        assert len(zones) == len(pods), f"backend pods share a zone: {zones}"

    # HPAs resolve their Rollout targets through the scale subresource.
    for hpa in kube.items("hpa", namespace):
        target = hpa["spec"]["scaleTargetRef"]
        assert target["kind"] == "Rollout"

        def able(h: str = hpa["metadata"]["name"]) -> bool:
            status = kube.get("hpa", h, namespace).get("status", {})
            conditions = {c["type"]: c for c in status.get("conditions", [])}
            able = conditions.get("AbleToScale", {})
            return bool(able.get("status") == "True" and able.get("reason") == "SucceededGetScale")

        wait_for(f"HPA {hpa['metadata']['name']} to read its target's scale", able, timeout=60)
    assert bool(kube.items("hpa", namespace)) == (env != "dev")

    # PDBs admitted and counting the pods of their workload (Rollout-owned pods included).
    for pdb in kube.items("pdb", namespace):

        def counted(p: str = pdb["metadata"]["name"]) -> bool:
            status = kube.get("pdb", p, namespace).get("status", {})
            return int(status.get("expectedPods", 0)) > 0

        wait_for(f"PDB {pdb['metadata']['name']} to count its pods", counted, timeout=60)
    assert bool(kube.items("pdb", namespace)) == (env == "prod")
    assert kube.items("networkpolicy", namespace)

    # helm test: the smoke test against the live Services passes (verdicts from real runs).
    kube.helm("test", RELEASE, "-n", namespace, "--timeout", "3m")
    tests = [v for v in verdicts.verdicts if v.namespace == namespace and not v.owner]
    assert sorted(v.argv[2] for v in tests) == ["backend", "frontend"]
    assert all(v.exit_code == 0 for v in tests), [v.output for v in tests]
    backend_test = next(v for v in tests if v.argv[2] == "backend")
    assert f"--expected-commit={SHA_1}" in backend_test.argv

    # helm uninstall leaves no object of the release behind (garbage collection included).
    kube.helm("uninstall", RELEASE, "-n", namespace, "--wait", "--timeout", "2m")
    assert_nothing_left(kube, namespace)
