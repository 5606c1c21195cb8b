"""Flamingo released onto the local cluster's real node: our images built and pushed by
`make images` (containers: tests/support/images.py), the chart installed with them pulled BY
DIGEST from the local registry, and the active frontend Service forwarded to 127.0.0.1.

Used by `make cluster-up` / `make cluster-release` (tests/support/cluster.py's CLI) and by
tests/cluster/test_node.py, so the tests release exactly as an engineer does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support.node import Node
from tests.support.node_layout import PROJECT, namespace_manifest
from tests.support.processes import REPO, free_port
from tests.support.tools import require

CHART = REPO / "charts" / "flamingo"
VALUES_NODE = REPO / "tools" / "kube" / "node" / "values-node.yaml"
RELEASE = "flamingo"
NAMESPACE = "flamingo"
IMAGE_LINE = re.compile(
    r"^image (?P<name>backend|frontend) (?P<ref>\S+@sha256:[0-9a-f]{64})$", re.M
)
REF = re.compile(
    r"^(?P<registry>.+)/(?P<repository>[^/:@]+):(?P<tag>[^@]+)@(?P<digest>sha256:\S+)$"
)


@dataclass(frozen=True)
class Images:
    """``<registry>/<repository>:<tag>@sha256:…`` of both images of one version."""

    backend: str
    frontend: str

    def registry(self) -> str:
        """host:port of the registry both come from."""
        return self.backend.split("/", 1)[0]


def build_images(version: str) -> Images:
    """`make images APP_VERSION=<version>`: builds both images with our Dockerfiles, pushes them
    and prints their references; returns those."""
    result = subprocess.run(
        ["make", "-s", "images", f"APP_VERSION={version}"],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=1800,
    )  # fmt: skip
    refs = {m["name"]: m["ref"] for m in IMAGE_LINE.finditer(result.stdout)}
    if result.returncode != 0 or set(refs) != {"backend", "frontend"}:
        raise RuntimeError(
            f"make images APP_VERSION={version} failed ({result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return Images(refs["backend"], refs["frontend"])


def commit() -> str:
    """The commit `make images` stamps into the images (/api/v1/version reports it)."""
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()


def image_args(images: Images) -> list[str]:
    """helm --set arguments pinning both images by digest (the chart's image.* values)."""
    args: list[str] = []
    registries = set()
    for name, ref in (("backend", images.backend), ("frontend", images.frontend)):
        match = REF.match(ref)
        if not match:
            raise ValueError(f"not a <registry>/<repository>:<tag>@<digest> reference: {ref}")
        registries.add(match["registry"])
        args += [
            "--set", f"{name}.image.repository={match['repository']}",
            "--set", f"{name}.image.tag={match['tag']}",
            "--set", f"{name}.image.digest={match['digest']}",
        ]  # fmt: skip
    if len(registries) != 1:
        raise ValueError(f"both images must come from one registry path: {registries}")
    return ["--set", f"image.registry={registries.pop()}", *args]


class Helm:
    """helm and kubectl against one cluster (its admin kubeconfig), with the Argo Rollouts
    kubectl plugin on PATH as the runbook expects."""

    def __init__(self, kubeconfig: Path, plugin_dir: Path, state: Path) -> None:
        self.helm = require("helm", "HELM")
        self.env = {
            **os.environ,
            "KUBECONFIG": str(kubeconfig),
            "PATH": os.pathsep.join(
                [str(plugin_dir), str(Path(self.helm).parent), os.environ["PATH"]]
            ),
            "HELM_CACHE_HOME": str(state / "cache"),
            "HELM_CONFIG_HOME": str(state / "config"),
            "HELM_DATA_HOME": str(state / "data"),
        }

    def run(self, argv: list[str], *, input: str | None = None, timeout: float = 600) -> str:
        result = subprocess.run(
            argv, input=input, env=self.env, cwd=REPO, capture_output=True, text=True,
            timeout=timeout, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def kubectl(self, *args: str, input: str | None = None) -> str:
        return self.run(["kubectl", *args], input=input, timeout=180)


def public_port(node: Node) -> int:
    """The 127.0.0.1 port of the active Service's forwarder, chosen once per node: the release's
    PUBLIC_BASE_URL (short links, the default domain) names it before the forwarder exists."""
    if "public" not in node.ports:
        node.ports["public"] = free_port()
        node.save()
    return node.ports["public"]


def release_args(node: Node, images: Images, expected_commit: str, *extra: str) -> list[str]:
    return [
        "-f", str(CHART / "values-prod.yaml"),
        "-f", str(VALUES_NODE),
        *image_args(images),
        "--set", f"config.publicBaseUrl=http://127.0.0.1:{public_port(node)}",
        "--set", f"gcp.projectId={PROJECT}",
        "--set", f"config.extra.SECRET_MANAGER_EMULATOR_HOST={node.stores['secret-manager']}",
        "--set", f"rollouts.smokeTest.expectedCommit={expected_commit}",
        *extra,
    ]  # fmt: skip


def upgrade(helm: Helm, node: Node, images: Images, expected_commit: str, *extra: str) -> None:
    """helm upgrade --install into the node's namespace. The first install waits for everything
    Ready; an upgrade of a live release returns once helm has applied it (the Rollouts then bring
    up the preview stack and pause for promotion, which `--wait` would wait on forever)."""
    node.trust_registry(images.registry())
    helm.kubectl("apply", "-f", "-", input=json.dumps(namespace_manifest(NAMESPACE)))
    wait = [] if _installed(helm) else ["--wait", "--timeout", "8m"]
    helm.run([
        helm.helm, "upgrade", "--install", RELEASE, str(CHART), "-n", NAMESPACE, *wait,
        *release_args(node, images, expected_commit, *extra),
    ])  # fmt: skip


def _installed(helm: Helm) -> bool:
    out = helm.run([helm.helm, "list", "-n", NAMESPACE, "-q"], timeout=60)
    return RELEASE in out.split()


def expose(helm: Helm, node: Node, port: int | None = None) -> str:
    """Forward 127.0.0.1 to the active frontend Service; returns the URL."""
    service = json.loads(helm.kubectl("get", "service", f"{RELEASE}-frontend", "-n", NAMESPACE,
                                      "-o", "json"))  # fmt: skip
    address = f"{service['spec']['clusterIP']}:{service['spec']['ports'][0]['port']}"
    return node.expose("frontend", address, port or public_port(node))
