"""Every manifest in deploy/argocd/ (Applications, the AppProject, whatever is added there) is
accepted by the API server with Argo CD's own CRDs (from the argo-cd module, see
tests/support/cluster.py) and strict field validation. Argo CD itself does not run here: nothing
syncs; the chart's rendering by the Applications is covered by tests/chart/test_argocd.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.cluster.kube import Kube
from tests.support.processes import REPO

ARGOCD = REPO / "deploy" / "argocd"
FILES = sorted(ARGOCD.glob("*.yaml"))


def test_there_is_something_to_apply() -> None:
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_manifest_is_accepted(kube: Kube, path: Path) -> None:
    kube.kubectl("create", "namespace", "argocd", check=False)
    text = path.read_text()
    kube.kubectl(
        "apply", "--server-side", "--validate=strict", "--field-manager=flamingo-test",
        "-f", "-", input=text,
    )  # fmt: skip
    for doc in yaml.safe_load_all(text):
        if doc:
            meta = doc["metadata"]
            assert kube.exists(doc["kind"], meta["name"], meta.get("namespace", "argocd"))
