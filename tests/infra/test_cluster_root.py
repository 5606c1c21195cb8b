"""The cluster root serves both clusters from one set of files: a plan must name its cluster
(the Terraform workspace, or -var cluster in tests), or it stops with a clear message."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.infra.support import INFRA, run_terraform

ROOT = INFRA / "envs" / "cluster"


@pytest.mark.timeout(600)
def test_a_plan_names_its_cluster_or_stops() -> None:
    """The guard runs of tests/names.tftest.hcl: no cluster chosen, an unknown one."""
    init = run_terraform(ROOT, "init", "-backend=false", "-no-color")
    assert init.returncode == 0, init.stdout + init.stderr
    result = run_terraform(
        ROOT, "test", "-json", "-filter=tests/names.tftest.hcl",
        "-var", "cluster=prod", "-var", "project_id=example-flamingo-prod",
    )  # fmt: skip
    messages = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    runs = {
        m["test_run"]["run"]: m["test_run"]["status"]
        for m in messages
        if m.get("type") == "test_run" and m["test_run"].get("progress") == "complete"
    }
    errors = [m["@message"] for m in messages if m.get("@level") == "error"]
    assert result.returncode == 0, f"{errors}\n{result.stderr}"
    # expect_failures runs pass only when the variable's validation stopped them.
    assert runs == {"plan": "pass", "no_cluster_chosen": "pass", "unknown_cluster": "pass"}


@pytest.mark.timeout(600)
def test_the_workspace_and_the_variable_must_name_the_same_cluster(tmp_path: Path) -> None:
    """In named workspaces (which `terraform test` cannot select), on a copy of the root with a
    local backend: a workspace that is no cluster, and a variable naming another cluster than
    the workspace, are refused by the variable's validation before any plan (the shared state
    cannot be read offline; that error comes too, and is not what this test is about)."""
    shutil.copytree(INFRA / "modules", tmp_path / "modules")
    root = tmp_path / "envs" / "cluster"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".terraform*"))
    (root / "backend_override.tf").write_text('terraform {\n  backend "local" {}\n}\n')
    assert run_terraform(root, "init", "-no-color").returncode == 0
    plan_args = (
        "plan",
        "-no-color",
        "-var",
        "state_bucket=x",
        "-var",
        "master_authorized_networks=[]",
    )

    def plan_in(workspace: str, *args: str) -> str:
        made = run_terraform(root, "workspace", "new", workspace, "-no-color")
        assert made.returncode == 0, made.stderr
        result = run_terraform(root, *plan_args, *args)
        assert result.returncode != 0
        return result.stderr

    assert "var.cluster and the workspace name different clusters" in plan_in(
        "prod", "-var", "cluster=staging"
    )
    assert "Select the cluster's workspace first" in plan_in("qa")
