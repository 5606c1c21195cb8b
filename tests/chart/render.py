"""Rendering the Helm chart with the real helm CLI, and small helpers over the manifests."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import kubernetes_validate
import yaml

from tests.support.tools import require

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "charts" / "flamingo"
RELEASE = "flamingo"
NAMESPACE = "flamingo"
ENVIRONMENTS = ("dev", "staging", "prod")

Obj = dict[str, Any]

# Scenario name -> helm arguments (values files are relative to the chart).
SCENARIOS: dict[str, tuple[str, ...]] = {
    "default": (),
    "dev": ("-f", "values-dev.yaml"),
    "staging": ("-f", "values-staging.yaml"),
    "prod": ("-f", "values-prod.yaml"),
    "rollouts-off": ("--set", "rollouts.enabled=false"),
    "prod-rollouts-off": ("-f", "values-prod.yaml", "--set", "rollouts.enabled=false"),
}


def helm() -> str:
    return require("helm", "HELM")


def chart_kube_versions() -> tuple[str, str]:
    """Oldest version claimed by Chart.yaml kubeVersion, newest version it accepts.

    The constraint is open-ended upwards, so "newest" is the newest Kubernetes whose schemas
    kubernetes-validate bundles (and the test checks the constraint does accept it).
    """
    constraint = yaml.safe_load((CHART / "Chart.yaml").read_text())["kubeVersion"]
    match = re.fullmatch(r">=\s*(\d+\.\d+)\.\d+(-0)?", constraint.strip())
    assert match, f"unexpected kubeVersion constraint {constraint!r}"
    newest = ".".join(str(kubernetes_validate.latest_version()).split(".")[:2])
    return f"{match.group(1)}.0", f"{newest}.0"


def run_helm(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [helm(), *args], cwd=CHART, capture_output=True, text=True, timeout=60, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(f"helm {' '.join(args)} failed:\n{result.stderr}")
    return result


@cache
def render_text(args: tuple[str, ...] = (), kube_version: str = "") -> str:
    version = kube_version or chart_kube_versions()[0]
    result = run_helm(
        "template", RELEASE, ".", "--namespace", NAMESPACE, "--kube-version", version, *args
    )
    return result.stdout


@dataclass
class Manifests:
    objects: list[Obj] = field(default_factory=list)

    def __iter__(self) -> Iterator[Obj]:
        return iter(self.objects)

    def of(self, kind: str) -> list[Obj]:
        return [o for o in self.objects if o["kind"] == kind]

    def get(self, kind: str, name: str) -> Obj:
        for obj in self.of(kind):
            if obj["metadata"]["name"] == name:
                return obj
        names = [o["metadata"]["name"] for o in self.of(kind)]
        raise AssertionError(f"no {kind} named {name!r} (have {names})")

    def has(self, kind: str, name: str) -> bool:
        return any(o["metadata"]["name"] == name for o in self.of(kind))

    def config(self) -> dict[str, str]:
        data: dict[str, str] = self.get("ConfigMap", f"{RELEASE}-config")["data"]
        return data


def render(*args: str, kube_version: str = "") -> Manifests:
    docs = yaml.safe_load_all(render_text(tuple(args), kube_version))
    return Manifests([d for d in docs if d])


def scenario(name: str) -> Manifests:
    return render(*SCENARIOS[name])


def name(component: str) -> str:
    return f"{RELEASE}-{component}"


def pod_templates(manifests: Manifests) -> Iterator[tuple[str, Obj]]:
    """(description, pod template {metadata, spec}) of every workload that runs pods."""
    for obj in manifests:
        kind, obj_name = obj["kind"], obj["metadata"]["name"]
        if kind in {"Rollout", "Deployment", "Job"}:
            yield f"{kind}/{obj_name}", obj["spec"]["template"]
        elif kind == "Pod":
            yield f"Pod/{obj_name}", {"metadata": obj["metadata"], "spec": obj["spec"]}
        elif kind == "AnalysisTemplate":
            for metric in obj["spec"]["metrics"]:
                job = metric["provider"].get("job")
                if job:
                    yield f"AnalysisTemplate/{obj_name}", job["spec"]["template"]


def containers(pod: Obj) -> list[Obj]:
    spec = pod["spec"]
    return [*spec.get("initContainers", []), *spec["containers"]]


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


def workload_pods(manifests: Manifests, component: str) -> Obj:
    """Pod template of the backend / frontend workload (Rollout or Deployment)."""
    for kind in ("Rollout", "Deployment"):
        if manifests.has(kind, name(component)):
            template: Obj = manifests.get(kind, name(component))["spec"]["template"]
            return template
    raise AssertionError(f"no workload for {component}")
