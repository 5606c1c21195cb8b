"""Files of the local node (tests/support/node.py): configs rendered from tools/kube/node/,
certificates and kubeconfigs."""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path
from string import Template

from tests.support.processes import REPO

TEMPLATES = REPO / "tools" / "kube" / "node"


def render_text(template: str, **values: object) -> str:
    """A file of tools/kube/node/ with its $placeholders filled in (all of them, or KeyError)."""
    return Template((TEMPLATES / template).read_text()).substitute(
        {k: str(v) for k, v in values.items()}
    )


def render(template: str, target: Path, **values: object) -> Path:
    target.write_text(render_text(template, **values))
    return target


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def make_pki(pki_dir: Path, node_name: str, node_ip: str) -> None:
    """The certificates the node and the API server trust each other with (seven days)."""
    pki = str(pki_dir)
    # A CA for the kubelet's client side: the API server proves itself with a certificate
    # it signed; the kubelet accepts no other caller.
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7",
             "-subj", "/CN=flamingo-local-node-ca",
             "-keyout", f"{pki}/ca.key", "-out", f"{pki}/ca.crt")  # fmt: skip
    _openssl("req", "-newkey", "rsa:2048", "-nodes",
             "-subj", "/O=system:masters/CN=kube-apiserver-kubelet-client",
             "-keyout", f"{pki}/apiserver-kubelet.key",
             "-out", f"{pki}/apiserver-kubelet.csr")  # fmt: skip
    _openssl("x509", "-req", "-in", f"{pki}/apiserver-kubelet.csr", "-CA", f"{pki}/ca.crt",
             "-CAkey", f"{pki}/ca.key", "-CAcreateserial", "-days", "7",
             "-out", f"{pki}/apiserver-kubelet.crt")  # fmt: skip
    # The kubelet's serving certificate (the API server does not verify it: no CA flag).
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7",
             "-subj", f"/CN={node_name}", "-addext", f"subjectAltName=IP:{node_ip}",
             "-keyout", f"{pki}/kubelet.key", "-out", f"{pki}/kubelet.crt")  # fmt: skip


def kubeconfig(path: Path, server: str, ca: Path, user: str, token: str) -> Path:
    path.write_text(json.dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": "local",
        "clusters": [{"name": "local", "cluster": {"server": server,
                                                    "certificate-authority": str(ca)}}],
        "users": [{"name": user, "user": {"token": token}}],
        "contexts": [{"name": "local", "context": {"cluster": "local", "user": user}}],
    }))  # fmt: skip
    path.chmod(0o600)
    return path


def port_open(address: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((address, port)) == 0
