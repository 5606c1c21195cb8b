"""Helpers of the cluster tests: kubectl / helm against the local control plane, polling, releases
of the chart and the runbook commands of docs/operations.md. The stand-ins for what kwok cannot
run (the smoke-test verdicts, Prometheus) are tests/cluster/standins.py.

What is real and what is faked (see also tests/support/cluster.py):
- real: the API server (admission, validation, RBAC), the controllers (ReplicaSets, Jobs, HPAs,
  PDBs, garbage collection), the scheduler, the Argo Rollouts controller and its kubectl plugin,
  helm, the chart's smoke_test.py (read from the ConfigMap in the cluster), gunicorn serving the
  backend and nginx serving the SPA with the project's config;
- faked: kwok plays the kubelet, so no container runs. A smoke-test pod's verdict is the exit code
  of the chart's script run here, on loopback, against the gunicorn (or nginx) standing in for the
  image of the pods the pod's target Service selects; kwok then ends the pod with that code.
  Prometheus is a stand-in answering the analysis query with "no samples" (and recording it).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from tests.support.cluster import Cluster
from tests.support.cluster_tools import binaries
from tests.support.processes import REPO
from tests.support.tools import require, versions

CHART = REPO / "charts" / "flamingo"
OPERATIONS = REPO / "docs" / "operations.md"
RELEASE = "flamingo"

Obj = dict[str, Any]


class Kube:
    """kubectl and helm bound to one cluster (its kubeconfig) and the Argo Rollouts plugin."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        plugin_dir = binaries()["kubectl-argo-rollouts"].parent
        self.env = {
            **os.environ,
            "KUBECONFIG": str(cluster.kubeconfig),
            # `kubectl argo rollouts` is the plugin binary kubectl finds on PATH.
            # helm too, for the runbook's helm lines.
            "PATH": os.pathsep.join(
                [str(plugin_dir), str(Path(require("helm", "HELM")).parent), os.environ["PATH"]]
            ),
            # helm keeps its cache and config out of the developer's home.
            "HELM_CACHE_HOME": str(cluster.workdir / "helm" / "cache"),
            "HELM_CONFIG_HOME": str(cluster.workdir / "helm" / "config"),
            "HELM_DATA_HOME": str(cluster.workdir / "helm" / "data"),
        }
        self.helm_bin = require("helm", "HELM")

    def run(
        self, argv: list[str], *, input: str | None = None, timeout: float = 180, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            argv,
            input=input,
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result

    def kubectl(self, *args: str, input: str | None = None, check: bool = True) -> str:
        return self.run(["kubectl", *args], input=input, check=check).stdout

    def helm(self, *args: str, timeout: float = 240, check: bool = True) -> str:
        return self.run([self.helm_bin, *args], timeout=timeout, check=check).stdout

    def get(self, kind: str, name: str, namespace: str) -> Obj:
        obj: Obj = json.loads(self.kubectl("get", kind, name, "-n", namespace, "-o", "json"))
        return obj

    def items(self, kind: str, namespace: str, *selector: str) -> list[Obj]:
        args = ["get", kind, "-n", namespace, "-o", "json"]
        if selector:
            args += ["-l", ",".join(selector)]
        items: list[Obj] = json.loads(self.kubectl(*args))["items"]
        return items

    def exists(self, kind: str, name: str, namespace: str) -> bool:
        out = self.kubectl(
            "get", kind, name, "-n", namespace, "--ignore-not-found", "-o", "name", check=False
        )
        return bool(out.strip())

    def shell(self, command: str, extra_env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
        """A runbook line, run by bash exactly as written, with the doc's variables set."""
        return subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command],
            env={**self.env, **extra_env},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )


def wait_for(what: str, check: Callable[[], Any], timeout: float = 120, every: float = 1.0) -> Any:
    """Poll ``check`` until it returns something truthy (returned); fail with ``what``."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what} (last: {last!r})")


# The runbook -------------------------------------------------------------------------------------

RUNBOOK_MARK = re.compile(r"<!-- runbook: (?P<name>[a-z-]+) -->\s*```sh\n(?P<body>.*?)```", re.S)


def runbook() -> dict[str, list[str]]:
    """The command blocks of docs/operations.md marked ``<!-- runbook: NAME -->``: the doc and
    the tests share this one source; each line is a command run as written (``$NS`` set)."""
    blocks = {}
    for match in RUNBOOK_MARK.finditer(OPERATIONS.read_text()):
        lines = [line.split("  #")[0].strip() for line in match.group("body").splitlines()]
        blocks[match.group("name")] = [line for line in lines if line and not line.startswith("#")]
    return blocks


def rollout_commands(block: list[str]) -> Iterator[str]:
    for line in block:
        assert line.startswith("kubectl argo rollouts "), f"not a rollouts command: {line}"
        yield line


# Releases ---------------------------------------------------------------------------------------

VALUES_CLUSTER = Path(__file__).resolve().parent / "values-cluster.yaml"


def release_args(env: str, tag: str, prometheus_url: str, *extra: str) -> list[str]:
    """helm arguments of a release: the environment's values file, the test overrides (shorter
    delays, the stand-in Prometheus) and both image tags, as CI sets them."""
    return [
        "-f", str(CHART / f"values-{env}.yaml"),
        "-f", str(VALUES_CLUSTER),
        "--set", f"rollouts.postPromotionAnalysis.prometheusAddress={prometheus_url}",
        "--set", f"backend.image.tag={tag}",
        "--set", f"frontend.image.tag={tag}",
        *extra,
    ]  # fmt: skip


def strict_validation(kube: Kube, scratch: str, args: list[str]) -> None:
    """Every object of the release (hooks and test pods included) through the API server with
    strict field validation (an unknown or misspelt field is an error, not a warning), in a
    scratch namespace: the ServiceAccounts for real (a pod's admission looks its account up),
    everything else as a server-side dry run."""
    # helm template talks to no cluster: tell it the version this one runs.
    version = f"v{versions()['K8S_VERSION']}"
    manifest = kube.helm(
        "template", RELEASE, str(CHART), "-n", scratch, "--kube-version", version, *args
    )
    docs = [d for d in yaml.safe_load_all(manifest) if d]
    accounts = [d for d in docs if d["kind"] == "ServiceAccount"]
    apply = ["apply", "--server-side", "--validate=strict", "--field-manager=flamingo-test"]
    kube.kubectl("create", "namespace", scratch)
    try:
        kube.kubectl(*apply, "-n", scratch, "-f", "-", input=yaml.safe_dump_all(accounts))
        kube.kubectl(*apply, "--dry-run=server", "-n", scratch, "-f", "-", input=manifest)
    finally:
        kube.kubectl("delete", "namespace", scratch, "--wait=false")


def helm_upgrade(kube: Kube, namespace: str, args: list[str], *flags: str) -> str:
    return kube.helm(
        "upgrade", "--install", RELEASE, str(CHART), "-n", namespace, "--create-namespace",
        "--wait", "--timeout", "4m", *flags, *args,
    )  # fmt: skip


def rollout(kube: Kube, namespace: str, component: str) -> Obj:
    return kube.get("rollout", f"{RELEASE}-{component}", namespace)


def healthy(kube: Kube, namespace: str, component: str) -> bool:
    status = rollout(kube, namespace, component).get("status", {})
    return bool(status.get("phase") == "Healthy")


def rollout_event(kube: Kube, namespace: str, name: str, reason: str, text: str) -> datetime:
    """When Rollout ``name`` recorded the event with ``reason`` whose message has ``text`` (the
    controller's own clock, 1 s resolution: a slow test machine cannot blur it)."""
    for event in kube.items("events", namespace):
        involved = event["involvedObject"]
        if (
            involved.get("kind") == "Rollout"
            and involved["name"] == name
            and event["reason"] == reason
            and text in event["message"]
        ):
            stamp = str(event.get("lastTimestamp") or event["firstTimestamp"])
            return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    raise AssertionError(f"no {reason} event with {text!r} on Rollout {name}")


def selector_hash(kube: Kube, namespace: str, service: str) -> str:
    selector = kube.get("service", service, namespace)["spec"]["selector"]
    return str(selector.get("rollouts-pod-template-hash", ""))


def leftovers(kube: Kube, namespace: str) -> list[str]:
    """Every namespaced object labelled as part of the release (any kind the API serves)."""
    kinds = kube.kubectl("api-resources", "--verbs=list", "--namespaced", "-o", "name").split()
    kinds = [k for k in kinds if k not in {"events", "events.events.k8s.io"}]
    out = kube.kubectl(
        "get", ",".join(kinds), "-n", namespace, "-l", f"app.kubernetes.io/instance={RELEASE}",
        "-o", "name",
    )  # fmt: skip
    return out.split()


def assert_nothing_left(kube: Kube, namespace: str, timeout: float = 90) -> None:
    """After `helm uninstall`: wait for garbage collection, then no object of the release."""
    deadline = time.monotonic() + timeout
    left = leftovers(kube, namespace)
    while left and time.monotonic() < deadline:
        time.sleep(1)
        left = leftovers(kube, namespace)
    assert not left, f"left behind by helm uninstall: {left}"
