"""Argo CD Applications for staging and prod point at the chart with files that exist, in a
project that allows every kind the chart renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.chart.render import CHART, ROOT, render

pytestmark = pytest.mark.chart

ARGOCD = ROOT / "deploy" / "argocd"


def load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(path.read_text())
    return doc


def applications() -> dict[str, dict[str, Any]]:
    # flamingo-*.yaml: the chart's Applications (other files, e.g. Atlas's, deploy other things).
    apps = [load(p) for p in sorted(ARGOCD.glob("flamingo-*.yaml"))]
    return {a["metadata"]["name"]: a for a in apps if a["kind"] == "Application"}


def test_staging_and_prod_applications_exist() -> None:
    assert {"flamingo-staging", "flamingo-prod"} <= set(applications())


@pytest.mark.parametrize("env", ["staging", "prod"])
def test_application_renders_the_chart(env: str) -> None:
    app = applications()[f"flamingo-{env}"]
    assert app["apiVersion"] == "argoproj.io/v1alpha1"
    source = app["spec"]["source"]
    chart_dir = ROOT / source["path"]
    assert chart_dir.resolve() == CHART.resolve()
    helm = source["helm"]
    assert helm["releaseName"] == "flamingo"
    assert helm["valueFiles"][0] == f"values-{env}.yaml"
    args: list[str] = []
    for value_file in helm["valueFiles"]:
        path = (chart_dir / value_file).resolve()
        assert path.is_file(), value_file
        assert ROOT.resolve() in path.parents, "Argo CD only reads files inside the repository"
        args += ["-f", str(path)]
    manifests = render(*args)
    project = load(ARGOCD / "project.yaml")
    assert app["spec"]["project"] == project["metadata"]["name"]
    allowed = {(k["group"], k["kind"]) for k in project["spec"]["namespaceResourceWhitelist"]}
    for obj in manifests:
        group = obj["apiVersion"].rpartition("/")[0]
        assert (group, obj["kind"]) in allowed, f"project forbids {obj['kind']}"
    destination = app["spec"]["destination"]
    assert {"name": destination["name"], "namespace": destination["namespace"]} in project["spec"][
        "destinations"
    ]
    config = manifests.get("ConfigMap", "flamingo-config")["data"]
    assert config["FLAMINGO_ENV"] == {"prod": "production", "staging": "staging"}[env]
    sync = app["spec"]["syncPolicy"]
    assert "CreateNamespace=true" in sync["syncOptions"]


def test_release_pins_only_set_image_tags() -> None:
    for env in ("staging", "prod"):
        pin = load(ROOT / "deploy" / "releases" / f"{env}.yaml")
        assert set(pin) == {"backend", "frontend"}
        for component in pin.values():
            # A pin may add the image digest (backend/frontend.image.digest) to the tag.
            assert set(component) == {"image"} and "tag" in component["image"]
            assert set(component["image"]) <= {"tag", "digest"}
