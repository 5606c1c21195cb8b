"""checkov's Kubernetes checks on the chart rendered with each environment's values, with Argo
Rollouts on and off (checkov does not know the Rollout kind, so the Rollouts-off render, with
Deployments, is where its pod specs get checked): zero failures. A deliberate exception is a
checkov.io/skipN annotation in the chart that carries its reason.

The renders pin the images by digest (backend/frontend.image.digest), as a release should;
without digests checkov's image-digest check fails, which the last test shows."""

from __future__ import annotations

import json
import os
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.chart.render import render_text
from tests.support.tools import missing, tool_path

pytestmark = pytest.mark.chart

DIGESTS = (
    "--set", "backend.image.digest=sha256:" + "a" * 64,
    "--set", "frontend.image.digest=sha256:" + "b" * 64,
)  # fmt: skip
RENDERS = {
    f"{env}-rollouts-{state}": ("-f", f"values-{env}.yaml", "--set", f"rollouts.enabled={flag}")
    for env in ("dev", "staging", "prod")
    for state, flag in (("on", "true"), ("off", "false"))
}


def checkov() -> str:
    """checkov's venv python (`make tools` installs it; its own venv, see mk/cluster.mk)."""
    path = os.environ.get("CHECKOV_PY") or str(
        tool_path("checkov", "CHECKOV_VERSION", "venv/bin/python")
    )
    if not Path(path).is_file():
        missing("checkov")
    return path


@cache
def scan(directory: str) -> dict[str, Any]:
    result = subprocess.run(
        [
            checkov(), "-m", "checkov.main", "-d", directory, "--framework", "kubernetes",
            "--skip-download", "-o", "json",
        ],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    report = json.loads(result.stdout)
    report = report[0] if isinstance(report, list) else report
    assert report["summary"]["parsing_errors"] == 0, result.stderr
    return dict(report)


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("renders")
    for name, args in RENDERS.items():
        (out / f"{name}.yaml").write_text(render_text((*args, *DIGESTS)))
    return out


@pytest.fixture(scope="module")
def report(renders: Path) -> dict[str, Any]:
    return scan(str(renders))


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_no_checkov_failure(name: str, report: dict[str, Any]) -> None:
    failed = [
        f"{f['check_id']} {f['check_name']}: {f['resource']}"
        for f in report["results"]["failed_checks"]
        if Path(f["file_path"]).stem == name
    ]
    assert not failed, "\n".join(failed)
    passed = [f for f in report["results"]["passed_checks"] if Path(f["file_path"]).stem == name]
    assert len(passed) > 100, "checkov checked almost nothing: did the render reach it?"


def test_every_exception_carries_its_reason(report: dict[str, Any]) -> None:
    skipped = report["results"]["skipped_checks"]
    assert skipped, "the chart declares exceptions; checkov saw none"
    for check in skipped:
        reason = (check.get("check_result") or {}).get("suppress_comment", "")
        assert len(reason) > 20, f"{check['check_id']} on {check['resource']}: no reason"


def test_pod_specs_are_checked_with_rollouts_off(report: dict[str, Any]) -> None:
    """The Deployments of the Rollouts-off render are where checkov sees the pod specs."""
    resources = {
        f["resource"].split(".")[0] + "." + f["resource"].rsplit(".", 1)[1]
        for f in report["results"]["passed_checks"]
        if Path(f["file_path"]).stem == "prod-rollouts-off"
    }
    for name in ("flamingo-backend", "flamingo-frontend", "flamingo-worker"):
        assert f"Deployment.{name}" in resources


def test_checkov_fails_an_image_pinned_by_tag_only(tmp_path: Path) -> None:
    (tmp_path / "tags.yaml").write_text(render_text(("-f", "values-prod.yaml")))
    failed = {f["check_id"] for f in scan(str(tmp_path))["results"]["failed_checks"]}
    assert "CKV_K8S_43" in failed  # "Image should use digest"
