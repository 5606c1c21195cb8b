"""The Atlas resources of deploy/atlas/ applied server-side to the local control plane, with the
Atlas Kubernetes Operator's real CRDs (read from its Go module by ``make infra-tools`` into the
tools folder, not committed) and strict field validation: the API server, not a schema copy,
accepts each object — CEL rules included. The operator itself does not run here, so nothing is
created in Atlas; tests/infra/test_atlas.py checks the same files offline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from tests.cluster.kube import Kube
from tests.support.processes import REPO
from tests.support.tools import missing, tool_path

ATLAS = REPO / "deploy" / "atlas"
FILES = sorted(ATLAS.glob("*/*.yaml"))


def _crds() -> list[Path]:
    default = tool_path("atlas-operator-crds", "ATLAS_OPERATOR_VERSION").parent
    folder = Path(os.environ.get("ATLAS_CRDS") or default)
    crds = sorted(folder.glob("atlas.mongodb.com_*.yaml"))
    if not crds:
        missing(f"the Atlas operator CRDs in {folder} (make infra-tools)")
    return crds


@pytest.fixture(scope="module")
def atlas_crds(kube: Kube) -> None:
    for crd in _crds():
        kube.kubectl("apply", "--server-side", "--field-manager=flamingo-test", "-f", str(crd))
    for crd in _crds():
        name = yaml.safe_load(crd.read_text())["metadata"]["name"]
        kube.kubectl("wait", "--for=condition=Established", "--timeout=60s", f"crd/{name}")


def test_there_is_something_to_apply() -> None:
    assert FILES


@pytest.mark.usefixtures("atlas_crds")
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_atlas_resource_is_accepted_by_the_api_server(kube: Kube, path: Path) -> None:
    text = path.read_text()
    for doc in yaml.safe_load_all(text):
        if doc and doc["metadata"].get("namespace"):
            kube.kubectl("create", "namespace", doc["metadata"]["namespace"], check=False)
    kube.kubectl(
        "apply", "--server-side", "--validate=strict", "--field-manager=flamingo-test",
        "-f", "-", input=text,
    )  # fmt: skip
    for doc in yaml.safe_load_all(text):
        if doc:
            meta = doc["metadata"]
            assert kube.exists(doc["kind"], meta["name"], meta.get("namespace", "default"))


@pytest.mark.usefixtures("atlas_crds")
def test_an_invalid_deployment_is_refused(kube: Kube) -> None:
    """The CRD's schema is enforced (so the acceptance above means something)."""
    doc = yaml.safe_load((ATLAS / "prod" / "deployment.yaml").read_text())
    doc["metadata"]["name"] = "flamingo-broken"
    doc["spec"]["unknownField"] = True
    kube.kubectl("create", "namespace", doc["metadata"]["namespace"], check=False)
    result = kube.run(
        ["kubectl", "apply", "--server-side", "--validate=strict", "-f", "-"],
        input=yaml.safe_dump(doc),
        check=False,
    )
    assert result.returncode != 0 and "unknownField" in (result.stderr + result.stdout)
