"""The local node's fixed layout (tests/support/node.py starts it): its name and label, the
bridge and the address ranges of pods, Services and DNS, where its images are kept, the binaries
and host programs it needs, and the namespace that puts pods on it.

Apart from the node's life cycle so that what the node IS reads in one place, and so that the
release (tests/support/node_release.py) and the tests reach these names without the launcher.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.support.tools import TOOLS_DIR, tool_path, versions

NODE_NAME = "flamingo-node"
BRIDGE = "flamingo0"
POD_CIDR = "10.244.0.0/16"
POD_SUBNET = "10.244.0.0/24"
GATEWAY = "10.244.0.1"
SERVICE_CIDR = "10.96.0.0/16"
CLUSTER_DNS = "10.96.0.10"
NODE_LABEL = "flamingo.local/node"
CGROUP = "flamingo-node"
PROJECT = "flamingo-local"
# containerd's root (content store, snapshots, metadata) outlives the node: images pulled once
# are not pulled again by the next cluster. One node at a time per machine uses it.
IMAGE_STORE = TOOLS_DIR / "node-images" / "containerd-root"


class NodeError(RuntimeError):
    pass


def pause_image() -> str:
    return f"flamingo.local/pause:{versions()['PAUSE_VERSION']}"


def binaries() -> dict[str, Path]:
    kube = tool_path("kube", "K8S_VERSION", "kubelet").parent
    return {
        "kubelet": kube / "kubelet",
        "kube-proxy": kube / "kube-proxy",
        "coredns": tool_path("coredns", "COREDNS_VERSION"),
        "pause.tar": tool_path("pause", "PAUSE_VERSION", "pause.tar"),
        "ferretdb": Path(
            os.environ.get("FERRETDB_BIN")
            or tool_path("ferretdb-static", "FERRETDB_VERSION", "ferretdb")
        ),
    }


def program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise NodeError(f"{name} is not installed (run `make cluster-tools`)")
    return path


def missing() -> list[str]:
    absent = [str(p) for p in binaries().values() if not p.is_file()]
    for name in ("containerd", "ctr", "runc", "iptables", "ip", "redis-server", "openssl"):
        if shutil.which(name) is None:
            absent.append(name)
    if not Path("/usr/lib/cni/bridge").is_file():
        absent.append("/usr/lib/cni (containernetworking-plugins)")
    return absent


def namespace_manifest(name: str) -> dict[str, object]:
    """A namespace whose pods all run on the real node (and only there)."""
    toleration = {"key": NODE_LABEL, "operator": "Equal", "value": "real", "effect": "NoSchedule"}
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {
            "name": name,
            "annotations": {
                "scheduler.alpha.kubernetes.io/node-selector": f"{NODE_LABEL}=real",
                "scheduler.alpha.kubernetes.io/defaultTolerations": json.dumps([toleration]),
            },
        },
    }
