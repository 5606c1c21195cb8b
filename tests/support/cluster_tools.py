"""What the local control plane (tests/support/cluster.py) is built from: the binaries `make tools`
built (tools/kube/), the CRDs the chart needs and kwok's stages, read from the Go module cache at
run time so that none of them is committed.

Apart from the launcher so that "which files, from where" reads on its own; the launcher only
starts what this module finds.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.support.tools import tool_path, versions

REPO = Path(__file__).resolve().parents[2]
KUBE_TOOLS = REPO / "tools" / "kube"


class ClusterError(RuntimeError):
    pass


def binaries() -> dict[str, Path]:
    """The built control-plane binaries (`make tools`), by component name."""
    kube = tool_path("kube", "K8S_VERSION", "kube-apiserver").parent
    rollouts = tool_path("argo-rollouts", "ARGO_ROLLOUTS_VERSION", "rollouts-controller").parent
    return {
        "etcd": kube / "etcd",
        "kube-apiserver": kube / "kube-apiserver",
        "kube-controller-manager": kube / "kube-controller-manager",
        "kube-scheduler": kube / "kube-scheduler",
        "kwok": tool_path("kwok", "KWOK_VERSION"),
        "rollouts": rollouts / "rollouts-controller",
        "kubectl-argo-rollouts": rollouts / "kubectl-argo-rollouts",
    }


def missing_binaries() -> list[str]:
    return [str(p) for p in binaries().values() if not os.access(p, os.X_OK)]


def module_dir(module: str, version: str) -> Path:
    """Where the Go module cache holds ``module@version`` (downloaded when missing).

    CRDs and kwok's stages are read from there at run time, so none of them is committed.
    """
    out = subprocess.run(
        ["go", "mod", "download", "-json", f"{module}@v{version}"],
        capture_output=True,
        text=True,
        check=False,
        # Outside any module: no go.mod of the project is consulted or changed.
        cwd="/",
    )
    info = json.loads(out.stdout or "{}")
    if out.returncode != 0 or "Dir" not in info:
        raise ClusterError(f"go mod download {module}@v{version} failed: {out.stderr or info}")
    return Path(info["Dir"])


def crd_files() -> list[Path]:
    """Every CRD the chart (and deploy/argocd) uses: upstream ones from the module cache, then the
    project's stand-ins for the kinds no module serves (see tools/kube/crds/)."""
    v = versions()
    rollouts = module_dir("github.com/argoproj/argo-rollouts", v["ARGO_ROLLOUTS_VERSION"])
    prom = module_dir(
        "github.com/prometheus-operator/prometheus-operator", v["PROMETHEUS_OPERATOR_VERSION"]
    )
    prom_crds = prom / "example" / "prometheus-operator-crd"
    argocd = module_dir("github.com/argoproj/argo-cd/v3", v["ARGOCD_VERSION"]) / "manifests"
    return [
        *sorted((rollouts / "manifests" / "crds").glob("*-crd.yaml")),
        prom_crds / "monitoring.coreos.com_servicemonitors.yaml",
        prom_crds / "monitoring.coreos.com_prometheusrules.yaml",
        # deploy/argocd/ (Applications, AppProject); Argo CD itself does not run here.
        argocd / "crds" / "application-crd.yaml",
        argocd / "crds" / "appproject-crd.yaml",
        *sorted((KUBE_TOOLS / "crds").glob("*.yaml")),
    ]


def kwok_stages() -> str:
    """kwok's own fast node and pod stages from its module, except its pod-complete (which would
    complete every Job pod, smoke tests included), plus the project's stages that replace it."""
    kwok = module_dir("sigs.k8s.io/kwok", versions()["KWOK_VERSION"]) / "kustomize" / "stage"
    files = [
        kwok / "node" / "fast" / "node-initialize.yaml",
        kwok / "node" / "heartbeat" / "node-heartbeat.yaml",
        kwok / "pod" / "fast" / "pod-ready.yaml",
        kwok / "pod" / "fast" / "pod-delete.yaml",
        KUBE_TOOLS / "kwok-stages.yaml",
    ]
    return "\n---\n".join(f.read_text().strip() for f in files) + "\n"
