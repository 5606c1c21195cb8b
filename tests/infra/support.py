"""Plans of the Terraform roots (offline, mocked provider) and renders of the chart."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tests.support.tools import missing, require, tool_path, versions

ROOT = Path(__file__).resolve().parents[2]
INFRA = ROOT / "infra"
CHART = ROOT / "charts" / "flamingo"
ARGOCD = ROOT / "deploy" / "argocd"
ATLAS = ROOT / "deploy" / "atlas"
RELEASE = "flamingo"

Obj = dict[str, Any]


def load_yaml(path: Path) -> Obj:
    doc: Obj = yaml.safe_load(path.read_text())
    return doc


def chart_values(env: str) -> Obj:
    """values.yaml merged with values-<env>.yaml (maps merge, everything else replaces)."""

    def merge(base: Obj, override: Obj) -> Obj:
        out = dict(base)
        for key, value in override.items():
            old = out.get(key)
            out[key] = (
                merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
            )
        return out

    return merge(load_yaml(CHART / "values.yaml"), load_yaml(CHART / f"values-{env}.yaml"))


# --- Terraform ---------------------------------------------------------------------------------


def terraform() -> str:
    return require("terraform", "TERRAFORM")


def terraform_env() -> dict[str, str]:
    """Environment for offline runs: the CLI config that points at the local provider mirror."""
    rc = tool_path("terraform-provider-google", "TF_GOOGLE_VERSION", "terraformrc")
    if not rc.is_file():
        missing(f"the Google provider mirror ({rc})")
    return {
        **os.environ,
        "TF_CLI_CONFIG_FILE": str(rc),
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
        "CHECKPOINT_DISABLE": "1",
    }


def run_terraform(root: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [terraform(), f"-chdir={root}", *args],
        env=terraform_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@cache
def root_outputs(root: str, variables: tuple[tuple[str, str], ...]) -> Obj:
    """Planned outputs of infra/envs/<root>, from its tests/names.tftest.hcl run with a mocked
    provider (`terraform test -json -verbose` prints each run's plan as JSON)."""
    path = INFRA / "envs" / root
    init = run_terraform(path, "init", "-backend=false", "-no-color")
    assert init.returncode == 0, f"terraform init in {path} failed:\n{init.stdout}\n{init.stderr}"
    var_args = [arg for name, value in variables for arg in ("-var", f"{name}={value}")]
    result = run_terraform(
        path, "test", "-json", "-verbose", "-filter=tests/names.tftest.hcl", *var_args
    )
    messages = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    errors = [m["@message"] for m in messages if m.get("@level") == "error"]
    assert result.returncode == 0, f"terraform test in {path} failed: {errors}\n{result.stderr}"
    # The run named "plan" (the file may also hold runs that are meant to fail).
    plans = [
        m["test_plan"]
        for m in messages
        if m.get("type") == "test_plan" and m.get("@testrun") == "plan"
    ]
    assert len(plans) == 1, f"expected one run 'plan' from {path}, got {len(plans)}"
    changes = plans[0]["output_changes"]
    unknown = [name for name, change in changes.items() if change["after_unknown"] is True]
    outputs: Obj = {name: change.get("after") for name, change in changes.items()}
    outputs["__unknown__"] = unknown
    return outputs


def hcl_map(values: dict[str, str]) -> str:
    """A map(string) for -var, e.g. {prod="a",shared="b"}."""
    return "{" + ",".join(f'{k}="{v}"' for k, v in sorted(values.items())) + "}"


def chart_project_ids() -> dict[str, str]:
    """The project ids the chart's values name: gcp.projectId per environment, and the shared
    project from image.registry (<region>-docker.pkg.dev/<project>/<repository>)."""
    registry = chart_values("prod")["image"]["registry"]
    match = re.fullmatch(r"[a-z0-9-]+-docker\.pkg\.dev/([a-z0-9-]+)/[a-z0-9-]+", registry)
    assert match, f"unexpected image.registry {registry!r}"
    return {
        "prod": chart_values("prod")["gcp"]["projectId"],
        "staging": chart_values("staging")["gcp"]["projectId"],
        "shared": match.group(1),
    }


def shared_outputs() -> Obj:
    return root_outputs("shared", (("project_ids", hcl_map(chart_project_ids())),))


def cluster_outputs(cluster: str) -> Obj:
    """Planned outputs of the cluster root (infra/envs/cluster) for one cluster."""
    variables = (("cluster", cluster), ("project_id", chart_project_ids()[cluster]))
    return root_outputs("cluster", variables)


# --- The chart ---------------------------------------------------------------------------------


@dataclass
class Rendered:
    objects: list[Obj] = field(default_factory=list)

    def of(self, kind: str) -> list[Obj]:
        return [o for o in self.objects if o["kind"] == kind]

    def get(self, kind: str, name: str) -> Obj:
        for obj in self.of(kind):
            if obj["metadata"]["name"] == name:
                return obj
        raise AssertionError(f"the chart renders no {kind} named {name!r}")


@cache
def render(env: str, namespace: str, *extra: str) -> Rendered:
    """The chart as Argo CD renders it (real helm, oldest Kubernetes the chart supports), with
    ``extra`` helm arguments."""
    constraint = load_yaml(CHART / "Chart.yaml")["kubeVersion"]
    match = re.fullmatch(r">=\s*(\d+\.\d+\.\d+)(-0)?", constraint.strip())
    assert match, f"unexpected kubeVersion {constraint!r}"
    result = subprocess.run(
        [require("helm", "HELM"), "template", RELEASE, ".", "--namespace", namespace,
         "--kube-version", match.group(1), "-f", f"values-{env}.yaml", *extra],
        cwd=CHART, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, f"helm template ({env}) failed:\n{result.stderr}"
    return Rendered([d for d in yaml.safe_load_all(result.stdout) if d])


def argocd_namespace(env: str) -> str:
    """Destination namespace of the chart's Argo CD Application for an environment."""
    app = load_yaml(ARGOCD / f"flamingo-{env}.yaml")
    namespace: str = app["spec"]["destination"]["namespace"]
    return namespace


def atlas_region(gcp_region: str) -> str:
    """Atlas's name for a Google Cloud region: europe-west1 -> EUROPE_WEST_1."""
    match = re.fullmatch(r"([a-z]+)-([a-z]+)(\d+)", gcp_region)
    assert match, gcp_region
    return f"{match.group(1)}_{match.group(2)}_{match.group(3)}".upper()


def atlas_crds_dir() -> Path:
    default = tool_path("atlas-operator-crds", "ATLAS_OPERATOR_VERSION").parent
    path = Path(os.environ.get("ATLAS_CRDS") or default)
    if not (path / ".done").is_file():
        missing(f"the Atlas operator CRDs ({path})")
    return path


def atlas_crds_release() -> str:
    return versions()["ATLAS_CRDS_RELEASE"]
