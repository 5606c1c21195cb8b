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

from tests.support.daemons import die_with_parent, is_ours
from tests.support.node import Node
from tests.support.tools import tool_path, versions

REPO = Path(__file__).resolve().parents[2]
KUBE_TOOLS = REPO / "tools" / "kube"
ZONES = ("europe-west1-b", "europe-west1-c", "europe-west1-d")
SMOKE_EXIT_CODE = "test.flamingo.company-inc.com/smoke-exit-code"

# Components in start order; stop runs in reverse (the apiserver must go before etcd, or it
# hangs on SIGTERM retrying its storage).
ORDER = ("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "rollouts")


class ClusterError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def binaries() -> dict[str, Path]:
    """The built control-plane binaries (`make tools`), by component name."""
    kube = tool_path("kube", "K8S_VERSION", "kube-apiserver").parent
    rollouts = tool_path("argo-rollouts", "ARGO_ROLLOUTS_VERSION", "rollouts-controller").parent
    return {
        "etcd": kube / "etcd",
        "kube-apiserver": kube / "kube-apiserver",
        "kube-controller-manager": kube / "kube-controller-manager",
        "kube-scheduler": kube / "kube-scheduler",
        "kwok": tool_path("kwok", "KWOK_VERSION"),
        "rollouts": rollouts / "rollouts-controller",
        "kubectl-argo-rollouts": rollouts / "kubectl-argo-rollouts",
    }


def missing_binaries() -> list[str]:
    return [str(p) for p in binaries().values() if not os.access(p, os.X_OK)]


def module_dir(module: str, version: str) -> Path:
    """Where the Go module cache holds ``module@version`` (downloaded when missing).

    CRDs and kwok's stages are read from there at run time, so none of them is committed.
    """
    out = subprocess.run(
        ["go", "mod", "download", "-json", f"{module}@v{version}"],
        capture_output=True,
        text=True,
        check=False,
        # Outside any module: no go.mod of the project is consulted or changed.
        cwd="/",
    )
    info = json.loads(out.stdout or "{}")
    if out.returncode != 0 or "Dir" not in info:
        raise ClusterError(f"go mod download {module}@v{version} failed: {out.stderr or info}")
    return Path(info["Dir"])


def crd_files() -> list[Path]:
    """Every CRD the chart (and deploy/argocd) uses: upstream ones from the module cache, then the
    project's stand-ins for the kinds no module serves (see tools/kube/crds/)."""
    v = versions()
    rollouts = module_dir("github.com/argoproj/argo-rollouts", v["ARGO_ROLLOUTS_VERSION"])
    prom = module_dir(
        "github.com/prometheus-operator/prometheus-operator", v["PROMETHEUS_OPERATOR_VERSION"]
    )
    prom_crds = prom / "example" / "prometheus-operator-crd"
    argocd = module_dir("github.com/argoproj/argo-cd/v3", v["ARGOCD_VERSION"]) / "manifests"
    return [
        *sorted((rollouts / "manifests" / "crds").glob("*-crd.yaml")),
        prom_crds / "monitoring.coreos.com_servicemonitors.yaml",
        prom_crds / "monitoring.coreos.com_prometheusrules.yaml",
        # deploy/argocd/ (Applications, AppProject); Argo CD itself does not run here.
        argocd / "crds" / "application-crd.yaml",
        argocd / "crds" / "appproject-crd.yaml",
        *sorted((KUBE_TOOLS / "crds").glob("*.yaml")),
    ]


def kwok_stages() -> str:
    """kwok's own fast node and pod stages from its module, except its pod-complete (which would
    complete every Job pod, smoke tests included), plus the project's stages that replace it."""
    kwok = module_dir("sigs.k8s.io/kwok", versions()["KWOK_VERSION"]) / "kustomize" / "stage"
    files = [
        kwok / "node" / "fast" / "node-initialize.yaml",
        kwok / "node" / "heartbeat" / "node-heartbeat.yaml",
        kwok / "pod" / "fast" / "pod-ready.yaml",
        kwok / "pod" / "fast" / "pod-delete.yaml",
        KUBE_TOOLS / "kwok-stages.yaml",
    ]
    return "\n---\n".join(f.read_text().strip() for f in files) + "\n"


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
            self._pki()
            self._spawn("etcd", self._etcd_args())
            self._wait("etcd", deadline, self._etcd_ready)
            self._spawn("kube-apiserver", self._apiserver_args())
            self._wait(
                "kube-apiserver", deadline, lambda: self._healthz("kube-apiserver", "readyz")
            )
            self._write_kubeconfig()
            self._spawn("kube-controller-manager", self._controller_manager_args())
            self._spawn("kube-scheduler", self._scheduler_args())
            for name in ("kube-controller-manager", "kube-scheduler"):
                self._wait(name, deadline, lambda n=name: self._healthz(n, "healthz"))  # type: ignore[misc]
            self._apply_crds()
            (self.workdir / "kwok.yaml").write_text(kwok_stages())
            self._spawn("kwok", self._kwok_args())
            self._create_nodes()
            self._wait("kwok", deadline, self._nodes_ready)
            self.kubectl("create", "namespace", "argo-rollouts")
            self._spawn("rollouts", self._rollouts_args())
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

    def _pki(self) -> None:
        pki = self.workdir / "pki"
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
                str(self.ca),
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
        tokens = f'{self.token},admin,admin-uid,"system:masters"\n'
        if self.node is not None:
            tokens += self.node.token_lines()
        (pki / "tokens.csv").write_text(tokens)

    def _etcd_args(self) -> list[str]:
        client, peer = self.ports["etcd"], self.ports["etcd-peer"]
        return [
            "--name=local",
            f"--data-dir={self.workdir / 'etcd'}",
            f"--listen-client-urls=http://127.0.0.1:{client}",
            f"--advertise-client-urls=http://127.0.0.1:{client}",
            f"--listen-peer-urls=http://127.0.0.1:{peer}",
            f"--initial-advertise-peer-urls=http://127.0.0.1:{peer}",
            f"--initial-cluster=local=http://127.0.0.1:{peer}",
            # Throw-away data: no fsync keeps a loaded 2-core machine responsive.
            "--unsafe-no-fsync=true",
            "--log-level=warn",
        ]

    def _apiserver_args(self) -> list[str]:
        pki = self.workdir / "pki"
        return [
            f"--etcd-servers=http://127.0.0.1:{self.ports['etcd']}",
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            f"--secure-port={self.ports['kube-apiserver']}",
            f"--tls-cert-file={self.ca}",
            f"--tls-private-key-file={pki / 'apiserver.key'}",
            f"--cert-dir={pki}",
            f"--service-account-key-file={pki / 'sa.key'}",
            f"--service-account-signing-key-file={pki / 'sa.key'}",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--service-cluster-ip-range=10.96.0.0/16",
            f"--token-auth-file={pki / 'tokens.csv'}",
            # The `kubernetes` Service's endpoint would be 127.0.0.1, which Endpoints reject.
            "--endpoint-reconciler-type=none",
            *(self.node.apiserver_args() if self.node else ["--authorization-mode=RBAC"]),
        ]

    def _component_auth(self) -> list[str]:
        return [
            f"--kubeconfig={self.kubeconfig}",
            f"--authentication-kubeconfig={self.kubeconfig}",
            f"--authorization-kubeconfig={self.kubeconfig}",
            "--leader-elect=false",
            "--bind-address=127.0.0.1",
        ]

    def _controller_manager_args(self) -> list[str]:
        return [
            *self._component_auth(),
            f"--secure-port={self.ports['kube-controller-manager']}",
            f"--cert-dir={self.workdir / 'pki' / 'controller-manager'}",
            f"--service-account-private-key-file={self.workdir / 'pki' / 'sa.key'}",
            f"--root-ca-file={self.ca}",
            "--controllers=*",
            # HPAs poll the (absent) metrics API; a short period shows their conditions sooner.
            "--horizontal-pod-autoscaler-sync-period=5s",
        ]

    def _scheduler_args(self) -> list[str]:
        return [
            *self._component_auth(),
            f"--secure-port={self.ports['kube-scheduler']}",
            f"--cert-dir={self.workdir / 'pki' / 'scheduler'}",
        ]

    def _kwok_args(self) -> list[str]:
        return [
            f"--kubeconfig={self.kubeconfig}",
            f"--config={self.workdir / 'kwok.yaml'}",
            "--manage-all-nodes=false",
            "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
            f"--server-address=127.0.0.1:{self.ports['kwok']}",
        ]

    def _rollouts_args(self) -> list[str]:
        return [
            f"--kubeconfig={self.kubeconfig}",
            "--leader-elect=false",
            f"--metricsport={self.ports['rollouts-metrics']}",
            f"--healthzPort={self.ports['rollouts-healthz']}",
            "--loglevel=info",
        ]

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
        config = {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [
                {
                    "name": "flamingo-local",
                    "cluster": {"server": self.server, "certificate-authority": str(self.ca)},
                }
            ],
            "users": [{"name": "admin", "user": {"token": self.token}}],
            "contexts": [
                {
                    "name": "flamingo-local",
                    "context": {"cluster": "flamingo-local", "user": "admin"},
                }
            ],
            "current-context": "flamingo-local",
        }
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
