"""helm lint --strict and helm template for every values set, at both ends of kubeVersion."""

from __future__ import annotations

import pytest

from tests.chart.render import SCENARIOS, chart_kube_versions, render, run_helm, scenario

pytestmark = pytest.mark.chart

EXPECTED_KINDS_ROLLOUTS = {
    "Rollout", "AnalysisTemplate", "Service", "ConfigMap", "ServiceAccount", "Deployment",
    "NetworkPolicy", "Ingress", "ManagedCertificate", "FrontendConfig", "BackendConfig", "Job",
    "Pod",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_helm_lint_strict(name: str) -> None:
    oldest, newest = chart_kube_versions()
    for version in (oldest, newest):
        result = run_helm("lint", ".", "--strict", "--kube-version", version, *SCENARIOS[name])
        assert "0 chart(s) failed" in result.stdout, result.stdout + result.stderr
        assert "[ERROR]" not in result.stdout and "[WARNING]" not in result.stdout


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_helm_template_renders(name: str) -> None:
    manifests = scenario(name)
    kinds = {o["kind"] for o in manifests}
    if "rollouts-off" in name:
        assert not kinds & {"Rollout", "AnalysisTemplate"}
        assert len(manifests.of("Deployment")) == 4  # backend, frontend, worker, live
    else:
        assert kinds >= EXPECTED_KINDS_ROLLOUTS, EXPECTED_KINDS_ROLLOUTS - kinds
    for obj in manifests:
        assert obj["metadata"]["name"].startswith("flamingo"), obj["metadata"]
        assert len(obj["metadata"]["name"]) <= 63
    keys = [(o["apiVersion"].split("/")[0], o["kind"], o["metadata"]["name"]) for o in manifests]
    assert len(keys) == len(set(keys)), "duplicate objects"


def test_newest_kubernetes_renders_the_same_objects() -> None:
    oldest, newest = chart_kube_versions()
    old = {(o["kind"], o["metadata"]["name"]) for o in render(kube_version=oldest)}
    new = {(o["kind"], o["metadata"]["name"]) for o in render(kube_version=newest)}
    assert old == new


def test_kube_version_below_the_claim_is_refused() -> None:
    oldest, _ = chart_kube_versions()
    major, minor, _patch = oldest.split(".")
    older = f"{major}.{int(minor) - 1}.0"
    result = run_helm("template", "x", ".", "--kube-version", older, check=False)
    assert result.returncode != 0
    assert "kubeVersion" in result.stderr
