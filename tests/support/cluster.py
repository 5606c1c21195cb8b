"""A real Kubernetes control plane on loopback, for `make cluster-up` and tests/cluster.

Real: etcd, kube-apiserver (RBAC, token auth, TLS), kube-controller-manager (every controller:
ReplicaSets, Jobs, HPAs, garbage collection…), kube-scheduler and the Argo Rollouts controller,
built from Go modules by `make tools` (tools/kube/). Faked by kwok: three nodes (three zones) and
everything a kubelet would do on them (a real node, when asked for, is tainted so that kwok's
tests never land on it). Pods are scheduled for real, but no container ever runs: kwok
marks pods Running and Ready, and completes Job pods (exit 0). The one exception is a smoke-test
pod: it keeps running until someone writes the verdict of a real run of its script into the
annotation ``SMOKE_EXIT_CODE`` (tests/cluster do), and kwok then ends it with that exit code.

`make cluster-up` / `cluster-release` / `cluster-down` drive it through
tests/support/cluster_cli.py; with ``with_node`` a real node joins (tests/support/node.py).
This module starts and stops the components; what they are built from is
tests/support/cluster_tools.py, how each is configured tests/support/cluster_config.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import requests
import urllib3

from tests.support import cluster_config
from tests.support.cluster_config import ZONES
from tests.support.cluster_tools import (
    ClusterError,
    binaries,
    crd_files,
    kwok_stages,
    missing_binaries,
)
from tests.support.daemons import die_with_parent, is_ours
from tests.support.node import Node

SMOKE_EXIT_CODE = "test.flamingo.company-inc.com/smoke-exit-code"

# Components in start order; stop runs in reverse (the apiserver must go before etcd, or it
# hangs on SIGTERM retrying its storage).
ORDER = ("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "rollouts")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    """The state of one control plane, kept in ``workdir`` (pids, ports, certificates, logs)."""

    workdir: Path
    ports: dict[str, int] = field(default_factory=dict)
    pids: dict[str, int] = field(default_factory=dict)
    token: str = ""
    # True for tests: the components die with the process that started them (SIGKILL from the
    # kernel), so a killed test run leaves no orphan; `cluster up` leaves them running.
    tied_to_parent: bool = False
    # With a real node (tests/support/node.py) besides the kwok ones.
    with_node: bool = False
    node: Node | None = None
    _children: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def kubeconfig(self) -> Path:
        return self.workdir / "kubeconfig"

    @property
    def server(self) -> str:
        return f"https://127.0.0.1:{self.ports['kube-apiserver']}"

    @property
    def ca(self) -> Path:
        return self.workdir / "pki" / "apiserver.crt"

    def log(self, name: str) -> Path:
        return self.workdir / "logs" / f"{name}.log"

    # State file -----------------------------------------------------------------------------

    def _save(self) -> None:
        state = {
            "ports": self.ports,
            "pids": self.pids,
            "token": self.token,
            "with_node": self.with_node,
        }
        (self.workdir / "state.json").write_text(json.dumps(state, indent=2))

    @classmethod
    def load(cls, workdir: Path) -> Cluster:
        state = json.loads((workdir / "state.json").read_text())
        cluster = cls(workdir, state["ports"], state["pids"], state["token"])
        if state.get("with_node"):
            cluster.with_node = True
            cluster.node = Node.load(workdir / "node")
        return cluster

    # Start ----------------------------------------------------------------------------------

    def start(self, timeout: float = 120.0) -> None:
        """Start every component and return when the cluster is usable; on any failure stop
        whatever was started and raise with the log of the component that failed."""
        missing = missing_binaries()
        if missing:
            raise ClusterError(f"control-plane binaries missing (run `make tools`): {missing}")
        # A new cluster every time: old etcd data would hold tokens signed by an old key.
        shutil.rmtree(self.workdir / "etcd", ignore_errors=True)
        for sub in ("pki", "logs", "etcd"):
            (self.workdir / sub).mkdir(parents=True, exist_ok=True)
        if (self.workdir / "state.json").exists() and self._alive():
            raise ClusterError(f"a cluster is already running from {self.workdir}")
        self.ports = {
            name: free_port()
            for name in (
                "etcd",
                "etcd-peer",
                "kube-apiserver",
                "kube-controller-manager",
                "kube-scheduler",
                "kwok",
                "rollouts-metrics",
                "rollouts-healthz",
            )
        }
        self.token = secrets.token_hex(16)
        deadline = time.monotonic() + timeout
        if self.with_node:
            self.node = Node(self.workdir / "node", tied_to_parent=self.tied_to_parent)
        try:
            if self.node is not None:
                self.node.prepare()
            cluster_config.write_pki(self.workdir / "pki", self.ca, self.token, self.node)
            self._spawn("etcd", cluster_config.etcd_args(self.workdir, self.ports))
            self._wait("etcd", deadline, self._etcd_ready)
            self._spawn(
                "kube-apiserver",
                cluster_config.apiserver_args(self.workdir, self.ports, self.ca, self.node),
            )
            self._wait(
                "kube-apiserver", deadline, lambda: self._healthz("kube-apiserver", "readyz")
            )
            self._write_kubeconfig()
            self._spawn(
                "kube-controller-manager",
                cluster_config.controller_manager_args(
                    self.workdir, self.ports, self.kubeconfig, self.ca
                ),
            )
            self._spawn(
                "kube-scheduler",
                cluster_config.scheduler_args(self.workdir, self.ports, self.kubeconfig),
            )
            for name in ("kube-controller-manager", "kube-scheduler"):
                self._wait(name, deadline, lambda n=name: self._healthz(n, "healthz"))  # type: ignore[misc]
            self._apply_crds()
            (self.workdir / "kwok.yaml").write_text(kwok_stages())
            self._spawn("kwok", cluster_config.kwok_args(self.workdir, self.ports, self.kubeconfig))
            self._create_nodes()
            self._wait("kwok", deadline, self._nodes_ready)
            self.kubectl("create", "namespace", "argo-rollouts")
            self._spawn("rollouts", cluster_config.rollouts_args(self.ports, self.kubeconfig))
            self._wait("rollouts", deadline, self._rollouts_ready)
        except BaseException:
            self.stop()
            raise

    def start_node(self, timeout: float = 180.0) -> Node:
        """Start the real node (the cluster must have been started ``with_node``)."""
        if self.node is None:
            raise ClusterError("the cluster was started without with_node")
        self._save()
        try:
            self.node.start(self.server, self.ca, self.kubectl, time.monotonic() + timeout)
        except BaseException:
            problems = self.node.stop(self.kubectl)
            if problems:
                print("the node left behind:\n  " + "\n  ".join(problems), file=sys.stderr)
            raise
        return self.node

    def _spawn(self, name: str, args: Sequence[str]) -> None:
        binary = binaries()[name]
        with self.log(name).open("ab") as out:
            child = subprocess.Popen(
                [str(binary), *args],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # Own session: outlives `cluster up`, and a signal reaches its whole group.
                start_new_session=True,
                cwd=self.workdir,
                env={**os.environ, "KUBECONFIG": str(self.kubeconfig)},
                preexec_fn=die_with_parent if self.tied_to_parent else None,  # noqa: PLW1509
            )
        self._children[name] = child
        self.pids[name] = child.pid
        self._save()

    def _wait(self, name: str, deadline: float, ready: Callable[[], bool]) -> None:
        while time.monotonic() < deadline:
            if not self._running(name):
                raise ClusterError(f"{name} exited while starting:\n{self._tail(name)}")
            try:
                if ready():
                    return
            except (requests.RequestException, subprocess.SubprocessError, OSError, ValueError):
                pass
            time.sleep(0.2)
        raise ClusterError(f"{name} not ready in time:\n{self._tail(name)}")

    def _tail(self, name: str, lines: int = 40) -> str:
        text = self.log(name).read_text(errors="replace") if self.log(name).exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def _etcd_ready(self) -> bool:
        answer = requests.get(f"http://127.0.0.1:{self.ports['etcd']}/health", timeout=2)
        return bool(answer.ok and answer.json().get("health") == "true")

    def _healthz(self, name: str, path: str) -> bool:
        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        if name == "kube-apiserver":
            answer = requests.get(f"{self.server}/{path}", verify=str(self.ca), timeout=2)
        else:
            # The components serve a self-signed certificate of their own; /healthz is
            # open to anyone (--authorization-always-allow-paths' default).
            answer = requests.get(
                f"https://127.0.0.1:{self.ports[name]}/{path}",
                verify=False,  # noqa: S501 - a certificate they made up at start; loopback
                timeout=2,
            )
        return answer.status_code == 200 and answer.text == "ok"

    def _write_kubeconfig(self) -> None:
        config = cluster_config.kubeconfig_document(self.server, self.ca, self.token)
        self.kubeconfig.write_text(json.dumps(config, indent=2))
        self.kubeconfig.chmod(0o600)

    def kubectl(self, *args: str, input: str | None = None, timeout: float = 120) -> str:
        result = subprocess.run(
            ["kubectl", f"--kubeconfig={self.kubeconfig}", *args],
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise ClusterError(f"kubectl {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def _apply_crds(self) -> None:
        args = ["apply", "--server-side", "--field-manager=flamingo-cluster"]
        for path in crd_files():
            args += ["-f", str(path)]
        self.kubectl(*args)
        self.kubectl("wait", "--for=condition=Established", "crd", "--all", "--timeout=60s")

    def _create_nodes(self) -> None:
        nodes = cluster_config.fake_nodes()
        self.kubectl(
            "apply",
            "-f",
            "-",
            input=json.dumps({"kind": "List", "apiVersion": "v1", "items": nodes}),
        )

    def _nodes_ready(self) -> bool:
        out = self.kubectl(
            "get",
            "nodes",
            "-o",
            "jsonpath={range .items[*]}{.status.conditions[?(@.type=='Ready')].status}{' '}{end}",
        )
        return out.split() == ["True"] * len(ZONES)

    def _rollouts_ready(self) -> bool:
        answer = requests.get(
            f"http://127.0.0.1:{self.ports['rollouts-healthz']}/healthz", timeout=2
        )
        return answer.ok

    # Stop -----------------------------------------------------------------------------------

    def _running(self, name: str) -> bool:
        child = self._children.get(name)
        if child is not None:
            return child.poll() is None
        pid = self.pids.get(name)
        return pid is not None and is_ours(pid, str(binaries()[name]))

    def _alive(self) -> bool:
        return any(self._running(name) for name in self.pids)

    def stop(self, timeout: float = 20.0) -> None:
        """Stop every component, in reverse start order, each before the next (SIGTERM, then
        SIGKILL after ``timeout``); safe to call twice and after a failed start. The node goes
        first, while the API server can still tell its kubelet to stop the pods."""
        if self.node is not None:
            api_up = self._running("kube-apiserver")
            problems = self.node.stop(self.kubectl if api_up else None)
            if problems:
                print("the node left behind:\n  " + "\n  ".join(problems), file=sys.stderr)
        for name in reversed(ORDER):
            if name not in self.pids:
                continue
            if self._running(name):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.pids[name], signal.SIGTERM)
                deadline = time.monotonic() + timeout
                while self._running(name) and time.monotonic() < deadline:
                    time.sleep(0.1)
                if self._running(name):
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.pids[name], signal.SIGKILL)
                    while self._running(name):
                        time.sleep(0.1)
            self._children.pop(name, None)
            del self.pids[name]
            self._save()
