"""The control-plane binaries are the versions tools/versions.env names, and the Go modules in
tools/kube/ that build them pin those same versions (the tools folder is named after
versions.env, so a go.mod bumped alone would never be rebuilt)."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.cluster.kube import Kube
from tests.support import node_layout
from tests.support.cluster_tools import KUBE_TOOLS, binaries
from tests.support.tools import versions


def _required(module_dir: str, module: str) -> str:
    text = (KUBE_TOOLS / module_dir / "go.mod").read_text()
    match = re.search(rf"^\s*(?:require\s+)?{re.escape(module)} v(\S+)", text, re.M)
    assert match, f"{module} not required in tools/kube/{module_dir}/go.mod"
    return match.group(1)


@pytest.mark.parametrize(
    ("module_dir", "module", "key"),
    [
        ("k8s", "k8s.io/kubernetes", "K8S_VERSION"),
        ("k8s", "go.etcd.io/etcd/server/v3", "ETCD_VERSION"),
        ("kwok", "sigs.k8s.io/kwok", "KWOK_VERSION"),
        ("rollouts", "github.com/argoproj/argo-rollouts", "ARGO_ROLLOUTS_VERSION"),
    ],
)
def test_go_modules_pin_the_listed_versions(module_dir: str, module: str, key: str) -> None:
    assert _required(module_dir, module) == versions()[key]


def test_staging_modules_are_replaced_by_the_matching_tag() -> None:
    """k8s.io/kubernetes requires its staging modules as v0.0.0: each needs a replace."""
    text = (KUBE_TOOLS / "k8s" / "go.mod").read_text()
    minor = versions()["K8S_VERSION"].split(".", 1)[1]
    replaced = dict(re.findall(r"^\s*(k8s\.io/\S+) => k8s\.io/\S+ v(\S+)$", text, re.M))
    assert len(replaced) >= 31
    assert set(replaced.values()) == {f"0.{minor}"}


def _version_output(name: str, *args: str) -> str:
    out = subprocess.run(
        [str(binaries()[name]), *args], capture_output=True, text=True, timeout=30, check=False
    )
    return out.stdout + out.stderr


def test_binaries_report_their_versions() -> None:
    v = versions()
    for name in ("kube-apiserver", "kube-controller-manager", "kube-scheduler"):
        assert f"Kubernetes v{v['K8S_VERSION']}" in _version_output(name, "--version")
    assert f"etcd Version: {v['ETCD_VERSION']}" in _version_output("etcd", "--version")


def test_node_binaries_report_their_versions() -> None:
    """kubelet and kube-proxy come from the control plane's module, stamped alike; CoreDNS from
    its own module at COREDNS_VERSION."""
    v = versions()
    for name in ("kubelet", "kube-proxy"):
        out = subprocess.run([str(node_layout.binaries()[name]), "--version"], capture_output=True,
                             text=True, timeout=30, check=False)  # fmt: skip
        assert f"Kubernetes v{v['K8S_VERSION']}" in out.stdout + out.stderr
    out = subprocess.run([str(node_layout.binaries()["coredns"]), "-version"], capture_output=True,
                         text=True, timeout=30, check=False)  # fmt: skip
    assert f"CoreDNS-{v['COREDNS_VERSION']}" in out.stdout


def test_the_cluster_reports_the_stamped_version(kube: Kube) -> None:
    """Unstamped builds say v0.0.0 and fail the chart's kubeVersion check."""
    server = kube.kubectl("version", "-o", "json")
    assert f'"gitVersion": "v{versions()["K8S_VERSION"]}"' in server
