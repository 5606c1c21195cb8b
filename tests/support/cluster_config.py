"""How each component of the local control plane (tests/support/cluster.py) is configured: its
certificates and token file, the kubeconfig every client uses, the command-line flags of etcd,
the API server, the controller manager, the scheduler, kwok and the Argo Rollouts controller, and
the kwok nodes (three zones).

Apart from the launcher so that the flags read as one list per component, with the reason for
each unusual one beside it; the launcher decides only when each component starts and stops.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from tests.support.node import Node

ZONES = ("europe-west1-b", "europe-west1-c", "europe-west1-d")


def write_pki(pki: Path, ca: Path, token: str, node: Node | None) -> None:
    """The API server's serving certificate (``ca``, self-signed), the service-account signing key
    and the token file (the admin ``token``, plus the node's users with a real node)."""
    # Serving certificate for 127.0.0.1 (self-signed, so the kubeconfig can trust exactly it).
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "7",
            "-subj",
            "/CN=flamingo-local-apiserver",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(pki / "apiserver.key"),
            "-out",
            str(ca),
        ],
        check=True,
        capture_output=True,
    )
    # Service-account token signing key (the apiserver verifies with its public half).
    subprocess.run(
        ["openssl", "genrsa", "-out", str(pki / "sa.key"), "2048"],
        check=True,
        capture_output=True,
    )
    # One static admin token (group system:masters); RBAC still decides for everyone else,
    # e.g. the service accounts of the chart's pods.
    tokens = f'{token},admin,admin-uid,"system:masters"\n'
    if node is not None:
        tokens += node.token_lines()
    (pki / "tokens.csv").write_text(tokens)


def kubeconfig_document(server: str, ca: Path, token: str) -> dict[str, Any]:
    """The admin's kubeconfig: the API server at ``server``, trusting exactly ``ca``."""
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {
                "name": "flamingo-local",
                "cluster": {"server": server, "certificate-authority": str(ca)},
            }
        ],
        "users": [{"name": "admin", "user": {"token": token}}],
        "contexts": [
            {
                "name": "flamingo-local",
                "context": {"cluster": "flamingo-local", "user": "admin"},
            }
        ],
        "current-context": "flamingo-local",
    }


def etcd_args(workdir: Path, ports: dict[str, int]) -> list[str]:
    client, peer = ports["etcd"], ports["etcd-peer"]
    return [
        "--name=local",
        f"--data-dir={workdir / 'etcd'}",
        f"--listen-client-urls=http://127.0.0.1:{client}",
        f"--advertise-client-urls=http://127.0.0.1:{client}",
        f"--listen-peer-urls=http://127.0.0.1:{peer}",
        f"--initial-advertise-peer-urls=http://127.0.0.1:{peer}",
        f"--initial-cluster=local=http://127.0.0.1:{peer}",
        # Throw-away data: no fsync keeps a loaded 2-core machine responsive.
        "--unsafe-no-fsync=true",
        "--log-level=warn",
    ]


def apiserver_args(workdir: Path, ports: dict[str, int], ca: Path, node: Node | None) -> list[str]:
    pki = workdir / "pki"
    return [
        f"--etcd-servers=http://127.0.0.1:{ports['etcd']}",
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        f"--secure-port={ports['kube-apiserver']}",
        f"--tls-cert-file={ca}",
        f"--tls-private-key-file={pki / 'apiserver.key'}",
        f"--cert-dir={pki}",
        f"--service-account-key-file={pki / 'sa.key'}",
        f"--service-account-signing-key-file={pki / 'sa.key'}",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-cluster-ip-range=10.96.0.0/16",
        f"--token-auth-file={pki / 'tokens.csv'}",
        # The `kubernetes` Service's endpoint would be 127.0.0.1, which Endpoints reject.
        "--endpoint-reconciler-type=none",
        *(node.apiserver_args() if node else ["--authorization-mode=RBAC"]),
    ]


def component_auth(kubeconfig: Path) -> list[str]:
    return [
        f"--kubeconfig={kubeconfig}",
        f"--authentication-kubeconfig={kubeconfig}",
        f"--authorization-kubeconfig={kubeconfig}",
        "--leader-elect=false",
        "--bind-address=127.0.0.1",
    ]


def controller_manager_args(
    workdir: Path, ports: dict[str, int], kubeconfig: Path, ca: Path
) -> list[str]:
    return [
        *component_auth(kubeconfig),
        f"--secure-port={ports['kube-controller-manager']}",
        f"--cert-dir={workdir / 'pki' / 'controller-manager'}",
        f"--service-account-private-key-file={workdir / 'pki' / 'sa.key'}",
        f"--root-ca-file={ca}",
        "--controllers=*",
        # HPAs poll the (absent) metrics API; a short period shows their conditions sooner.
        "--horizontal-pod-autoscaler-sync-period=5s",
    ]


def scheduler_args(workdir: Path, ports: dict[str, int], kubeconfig: Path) -> list[str]:
    return [
        *component_auth(kubeconfig),
        f"--secure-port={ports['kube-scheduler']}",
        f"--cert-dir={workdir / 'pki' / 'scheduler'}",
    ]


def kwok_args(workdir: Path, ports: dict[str, int], kubeconfig: Path) -> list[str]:
    return [
        f"--kubeconfig={kubeconfig}",
        f"--config={workdir / 'kwok.yaml'}",
        "--manage-all-nodes=false",
        "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
        f"--server-address=127.0.0.1:{ports['kwok']}",
    ]


def rollouts_args(ports: dict[str, int], kubeconfig: Path) -> list[str]:
    return [
        f"--kubeconfig={kubeconfig}",
        "--leader-elect=false",
        f"--metricsport={ports['rollouts-metrics']}",
        f"--healthzPort={ports['rollouts-healthz']}",
        "--loglevel=info",
    ]


def fake_nodes() -> list[dict[str, Any]]:
    """The kwok nodes, one per zone, annotated so that kwok (and only kwok) manages them."""
    nodes = []
    for index, zone in enumerate(ZONES):
        node_name = f"kwok-{zone}"
        nodes.append(
            {
                "apiVersion": "v1",
                "kind": "Node",
                "metadata": {
                    "name": node_name,
                    "annotations": {"kwok.x-k8s.io/node": "fake"},
                    "labels": {
                        "type": "kwok",
                        "kubernetes.io/hostname": node_name,
                        "kubernetes.io/os": "linux",
                        "kubernetes.io/arch": "amd64",
                        "topology.kubernetes.io/region": "europe-west1",
                        "topology.kubernetes.io/zone": zone,
                    },
                },
                "status": {
                    # Room for dev + staging + prod and both stacks of a blue-green switch.
                    "allocatable": {"cpu": "32", "memory": "128Gi", "pods": "110"},
                    "capacity": {"cpu": "32", "memory": "128Gi", "pods": "110"},
                    "addresses": [{"type": "InternalIP", "address": f"10.128.0.{index + 10}"}],
                },
            }
        )
    return nodes
