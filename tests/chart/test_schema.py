"""values.schema.json rejects bad values clearly; rendered core objects match the Kubernetes
schemas (kubernetes-validate, strict) of the oldest and newest Kubernetes the chart claims."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.chart.render import CHART, ENVIRONMENTS, SCENARIOS, chart_kube_versions, render, run_helm

pytestmark = pytest.mark.chart

CORE_GROUPS = {"v1", "apps/v1", "batch/v1", "autoscaling/v2", "policy/v1", "networking.k8s.io/v1"}


def template_with(tmp_path: Path, values: dict[str, Any]) -> tuple[int, str]:
    path = tmp_path / "values-wrong.yaml"
    path.write_text(yaml.safe_dump(values))
    result = run_helm("template", "x", ".", "--kube-version", chart_kube_versions()[0],
                      "-f", str(path), check=False)  # fmt: skip
    return result.returncode, result.stderr


def test_wrong_type_is_rejected_with_a_clear_message(tmp_path: Path) -> None:
    code, stderr = template_with(tmp_path, {"backend": {"replicaCount": "two"}})
    assert code != 0
    assert "values don't meet the specifications of the schema" in stderr
    assert "/backend/replicaCount" in stderr
    assert "got string, want integer" in stderr


@pytest.mark.parametrize(
    ("values", "where"),
    [
        ({"rollouts": {"autoPromotionEnabled": "yes"}}, "/rollouts/autoPromotionEnabled"),
        ({"rollouts": {"scaleDownDelaySeconds": 10}}, "/rollouts/scaleDownDelaySeconds"),
        ({"environment": "prod"}, "/environment"),
        ({"backend": {"replicas": 3}}, "/backend"),  # unknown key: a typo must not pass
        ({"backend": {"resources": {"requests": None}}}, "/backend/resources"),  # null deletes
        ({"networkPolicy": {"redis": {"cidrs": ["10.0.0.1"]}}}, "/networkPolicy/redis/cidrs/0"),
        # Only Secret Manager coordinates fit; a connection string with a password does not.
        (
            {"secrets": {"mongoUri": {"name": "mongodb+srv://u:p@db.example.com"}}},
            "/secrets/mongoUri/name",
        ),
        ({"ingress": {"preview": {"enabled": True, "host": ""}}}, "/ingress/preview/host"),
    ],
)
def test_schema_rejects(tmp_path: Path, values: dict[str, Any], where: str) -> None:
    code, stderr = template_with(tmp_path, values)
    assert code != 0, f"{values} was accepted"
    assert where in stderr, stderr


def test_schema_describes_every_value() -> None:
    """Every object in the schema is closed (or an explicit map), so no value goes unchecked."""
    schema = json.loads((CHART / "values.schema.json").read_text())

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object":
                assert "additionalProperties" in node, f"{path} is open"
                if node["additionalProperties"] is not False:
                    assert isinstance(node["additionalProperties"], dict), path
            for key, child in node.items():
                walk(child, f"{path}/{key}")
        elif isinstance(node, list):
            for i, child in enumerate(node):
                walk(child, f"{path}/{i}")

    walk(schema, "")
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    assert set(schema["required"]) == set(values), "top-level values and schema differ"


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_environment_files_only_use_known_values(env: str) -> None:
    defaults = yaml.safe_load((CHART / "values.yaml").read_text())
    override = yaml.safe_load((CHART / f"values-{env}.yaml").read_text())

    def check(over: dict[str, Any], base: dict[str, Any], path: str) -> None:
        for key, value in over.items():
            assert key in base, f"values-{env}.yaml sets unknown {path}{key}"
            if isinstance(value, dict) and base[key]:
                check(value, base[key], f"{path}{key}.")

    check(override, defaults, "")


@pytest.mark.parametrize("version", ["oldest", "newest"])
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_core_objects_match_kubernetes_schemas(name: str, version: str) -> None:
    kube = dict(zip(("oldest", "newest"), chart_kube_versions(), strict=True))[version]
    errors: list[str] = []
    validated = 0
    for obj in render(*SCENARIOS[name], kube_version=kube):
        ident = f"{obj['kind']}/{obj['metadata']['name']}"
        try:
            kubernetes_validate.validate(obj, kube, strict=True)
            validated += 1
        except kubernetes_validate.SchemaNotFoundError:
            assert obj["apiVersion"] not in CORE_GROUPS, f"no schema for core object {ident}"
        except kubernetes_validate.ValidationError as error:
            errors.append(f"{ident}: {'/'.join(map(str, error.path))}: {error.message}")
    assert not errors, "\n".join(errors)
    assert validated >= 15


def test_kubernetes_validate_cli_strict(tmp_path: Path) -> None:
    """The CLI, as an operator would run it, on the production render (newest version)."""
    _, newest = chart_kube_versions()
    core = [o for o in render(*SCENARIOS["prod"], kube_version=newest)
            if o["apiVersion"] in CORE_GROUPS]  # fmt: skip
    path = tmp_path / "prod.yaml"
    path.write_text(yaml.safe_dump_all(core))
    result = subprocess.run(
        [sys.executable, "-m", "kubernetes_validate", "--strict", "-k", newest, str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout
