"""A real node for the local control plane (tests/support/cluster.py, `make cluster-up`).

Real: the kubelet and kube-proxy v1.35 (built with the control plane, tools/kube/k8s), a
containerd of its own (Debian's binary: CRI, overlayfs, runc) running real containers, the CNI
plugins of Debian's containernetworking-plugins (bridge + host-local on POD_SUBNET, portmap,
firewall), CoreDNS (built from the Go proxy) behind the usual kube-dns Service, and the stores the
pods use as native processes: redis-server, FerretDB (the MongoDB stand-in) and a Secret Manager
stand-in that holds their URLs (the pods' configuration stays the production one: ``sm://``
references). Stand-ins: the pause image (tools/kube/node/pause.c, built here), and everything
listens on the bridge gateway, the one host address the pods can reach.

The node is tainted ``flamingo.local/node=real:NoSchedule``: the kwok tests never land on it. A
namespace made with :func:`namespace_manifest` sends every pod of its own (hooks, analysis Jobs,
helm tests included) there, through the API server's PodNodeSelector and PodTolerationRestriction
admission plugins, so the chart needs no change for it.

Everything changed on the host is recorded before it is changed and undone by :meth:`Node.stop`
(tests/support/host.py). The node's names, address ranges and the tools it needs are
tests/support/node_layout.py; this module starts and stops it.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from tests.support import host, node_files, node_pods
from tests.support.daemons import Daemons
from tests.support.node_layout import (
    BRIDGE,
    CGROUP,
    CLUSTER_DNS,
    GATEWAY,
    IMAGE_STORE,
    NODE_LABEL,
    NODE_NAME,
    POD_CIDR,
    POD_SUBNET,
    PROJECT,
    SERVICE_CIDR,
    NodeError,
    binaries,
    missing,
    pause_image,
    program,
)
from tests.support.processes import REPO, free_port

# Stop order is the reverse: the kubelet first (it still needs containerd to stop pods), the
# stores last (pods may write until they are gone).
ORDER = ("secrets", "redis", "ferretdb", "containerd", "coredns", "kubelet", "kube-proxy")


class Node:
    """One node's processes and host changes; its state lives in ``workdir/state.json``."""

    def __init__(self, workdir: Path, *, tied_to_parent: bool = False) -> None:
        self.workdir = workdir
        self.tied_to_parent = tied_to_parent
        self.state: dict[str, Any] = {
            "ports": {}, "pids": {}, "argv0": {}, "sysctls": {}, "tokens": {}, "stores": {},
        }  # fmt: skip
        self.daemons = self._daemons()

    def _daemons(self) -> Daemons:
        return Daemons(
            self.workdir / "logs",
            self.state["pids"],
            self.state["argv0"],
        )

    @property
    def ports(self) -> dict[str, int]:
        ports: dict[str, int] = self.state["ports"]
        return ports

    @property
    def stores(self) -> dict[str, str]:
        """URLs of the stores as the pods (and the host) reach them."""
        stores: dict[str, str] = self.state["stores"]
        return stores

    @property
    def pki(self) -> Path:
        return self.workdir / "pki"

    @property
    def socket(self) -> Path:
        return self.workdir / "containerd" / "containerd.sock"

    def save(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "state.json").write_text(json.dumps(self.state, indent=2))

    @classmethod
    def load(cls, workdir: Path) -> Node:
        node = cls(workdir)
        if (workdir / "state.json").exists():
            node.state.update(json.loads((workdir / "state.json").read_text()))
            node.daemons = node._daemons()
        return node

    # Before the API server starts ------------------------------------------------------------

    def prepare(self) -> None:
        """Tokens and certificates the API server needs to know about the node."""
        absent = missing()
        if absent:
            raise NodeError(f"node tools missing (run `make cluster-tools`): {absent}")
        self.pki.mkdir(parents=True, exist_ok=True)
        users = {"kubelet": f"system:node:{NODE_NAME}", "kube-proxy": "system:kube-proxy",
                 "coredns": "flamingo:coredns"}  # fmt: skip
        self.state["tokens"] = {name: secrets.token_hex(16) for name in users}
        self.state["users"] = users
        node_files.make_pki(self.pki, NODE_NAME, GATEWAY)
        self.save()

    def token_lines(self) -> str:
        """Lines of the API server's token file for the node's three users."""
        users: dict[str, str] = self.state["users"]
        groups = {"kubelet": "system:nodes"}
        lines = []
        for name, token in self.state["tokens"].items():
            group = f',"{groups[name]}"' if name in groups else ""
            lines.append(f"{token},{users[name]},{users[name]}{group}\n")
        return "".join(lines)

    def apiserver_args(self) -> list[str]:
        return [
            # The Node authorizer lets the kubelet read exactly its own pods' objects.
            "--authorization-mode=Node,RBAC",
            "--kubelet-preferred-address-types=InternalIP",
            f"--kubelet-client-certificate={self.pki / 'apiserver-kubelet.crt'}",
            f"--kubelet-client-key={self.pki / 'apiserver-kubelet.key'}",
            # Namespaces annotated by namespace_manifest() put their pods on the real node.
            "--enable-admission-plugins=NodeRestriction,PodNodeSelector,PodTolerationRestriction",
        ]

    # Start -------------------------------------------------------------------------------------

    def start(self, server: str, ca: Path, kubectl: Callable[..., str], deadline: float) -> None:
        """Host changes, stores, containerd, CoreDNS, kubelet and kube-proxy; returns when the
        node is Ready and kube-proxy has synced its rules."""
        self.ports.update({n: free_port() for n in (
            "redis", "ferretdb", "secrets", "kubelet", "kubelet-healthz", "proxy-healthz",
            "proxy-metrics", "coredns-health", "coredns-ready")})  # fmt: skip
        if Path(f"/sys/class/net/{BRIDGE}").exists():
            raise NodeError(f"bridge {BRIDGE} exists: another local node runs (make cluster-down)")
        # Saved before anything can change them (the state file outlives a crash).
        self.state["sysctls"] = host.read_sysctls()
        self.save()
        host.create_bridge(BRIDGE, GATEWAY, 24, SERVICE_CIDR)
        host.create_cgroups(CGROUP)
        self._start_stores(deadline)
        self._start_containerd(deadline)
        kubectl("apply", "-f", "-", input=node_files.render_text("objects.yaml", node_ip=GATEWAY,
                                                        cluster_dns=CLUSTER_DNS))  # fmt: skip
        self._start_coredns(server, ca, deadline)
        self._start_kubelet(server, ca)
        self._start_proxy(server, ca)
        self._wait("kubelet", deadline, lambda: _node_ready(kubectl))
        self._wait("kube-proxy", deadline, lambda: self._http_ok("proxy-healthz", "/healthz"))

    def _spawn(self, name: str, argv: list[str], **kw: object) -> None:
        self.daemons.spawn(name, argv, tied_to_parent=self.tied_to_parent, **kw)  # type: ignore[arg-type]
        self.save()

    def _wait(self, name: str, deadline: float, ready: Callable[[], bool]) -> None:
        while time.monotonic() < deadline:
            if not self.daemons.running(name):
                raise NodeError(f"{name} exited while starting:\n{self.daemons.tail(name)}")
            try:
                if ready():
                    return
            # RuntimeError: kubectl's (e.g. the Node object not registered yet).
            except (requests.RequestException, subprocess.SubprocessError, OSError, RuntimeError):
                pass
            time.sleep(0.3)
        raise NodeError(f"{name} not ready in time:\n{self.daemons.tail(name)}")

    def _http_ok(self, port: str, path: str) -> bool:
        return requests.get(f"http://127.0.0.1:{self.ports[port]}{path}", timeout=2).ok

    def _start_stores(self, deadline: float) -> None:
        data = self.workdir / "stores"
        (data / "ferretdb").mkdir(parents=True, exist_ok=True)
        redis, ferret, sm = self.ports["redis"], self.ports["ferretdb"], self.ports["secrets"]
        self._spawn("redis", [program("redis-server"), "--bind", GATEWAY, "127.0.0.1",
                              "--port", str(redis), "--save", "", "--appendonly", "no",
                              # Reached from the pods, so not loopback-only.
                              "--protected-mode", "no", "--daemonize", "no"])  # fmt: skip
        self._spawn("ferretdb", [str(binaries()["ferretdb"]), "--handler=sqlite",
                                 f"--sqlite-url=file:{data / 'ferretdb'}/",
                                 f"--listen-addr={GATEWAY}:{ferret}",
                                 f"--state-dir={data / 'ferretdb'}", "--debug-addr=-",
                                 "--telemetry=disable", "--log-level=WARN"])  # fmt: skip
        self.stores.update({
            "redis": f"redis://{GATEWAY}:{redis}/0",
            "mongo": f"mongodb://{GATEWAY}:{ferret}/",
            "secret-manager": f"{GATEWAY}:{sm}",
        })  # fmt: skip
        ref = f"projects/{PROJECT}/secrets/%s/versions/latest"
        values = {ref % "flamingo-mongo-uri": self.stores["mongo"],
                  ref % "flamingo-redis-url": self.stores["redis"],
                  ref % "flamingo-secret-key": secrets.token_urlsafe(32)}  # fmt: skip
        secrets_file = self.workdir / "secrets.json"
        secrets_file.write_text(json.dumps(values))
        secrets_file.chmod(0o600)
        python = str(REPO / ".venv" / "bin" / "python")
        self._spawn("secrets", [python, "-m", "tests.support.node_services", "secrets",
                                f"--listen={GATEWAY}:{sm}", f"--file={secrets_file}"],
                    cwd=REPO)  # fmt: skip
        for name, port in (("redis", redis), ("ferretdb", ferret), ("secrets", sm)):
            self._wait(name, deadline, lambda p=port: node_files.port_open(GATEWAY, p))  # type: ignore[misc]

    def _start_containerd(self, deadline: float) -> None:
        base = self.workdir / "containerd"
        for sub in ("state", "net.d", "certs.d", "ipam"):
            (base / sub).mkdir(parents=True, exist_ok=True)
        IMAGE_STORE.mkdir(parents=True, exist_ok=True)
        config = node_files.render("containerd.toml", base / "config.toml", root=IMAGE_STORE,
                         state=base / "state", socket=self.socket, pause_image=pause_image(),
                         cni_conf_dir=base / "net.d", certs_dir=base / "certs.d")  # fmt: skip
        node_files.render("cni.conflist", base / "net.d" / "10-flamingo.conflist", bridge=BRIDGE,
                pod_subnet=POD_SUBNET, gateway=GATEWAY, ipam_dir=base / "ipam")  # fmt: skip
        self._spawn("containerd", [program("containerd"), "--config", str(config)])
        self._wait("containerd", deadline, lambda: self.ctr("version").returncode == 0)
        imported = self.ctr("images", "import", str(binaries()["pause.tar"]))
        if imported.returncode != 0:
            raise NodeError(f"importing the pause image failed: {imported.stderr}")

    def ctr(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["ctr", "--address", str(self.socket), "--namespace", "k8s.io", *args],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    def trust_registry(self, address: str) -> None:
        """Let containerd pull from the plain-HTTP registry at ``address`` (host:port); read at
        each pull, so no restart is needed."""
        folder = self.workdir / "containerd" / "certs.d" / address
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "hosts.toml").write_text(
            f'server = "http://{address}"\n\n[host."http://{address}"]\n'
            '  capabilities = ["pull", "resolve"]\n'
        )

    def _kubeconfig(self, user: str, server: str, ca: Path) -> Path:
        path = self.workdir / f"{user}.kubeconfig"
        return node_files.kubeconfig(path, server, ca, user, self.state["tokens"][user])

    def _start_coredns(self, server: str, ca: Path, deadline: float) -> None:
        corefile = node_files.render("Corefile", self.workdir / "Corefile", node_ip=GATEWAY,
                           health_port=self.ports["coredns-health"],
                           ready_port=self.ports["coredns-ready"],
                           kubeconfig=self._kubeconfig("coredns", server, ca),
                           upstream="/etc/resolv.conf")  # fmt: skip
        self._spawn("coredns", [str(binaries()["coredns"]), "-conf", str(corefile)])
        self._wait("coredns", deadline, lambda: self._http_ok("coredns-ready", "/ready"))

    def _start_kubelet(self, server: str, ca: Path) -> None:
        config = node_files.render("kubelet.yaml", self.workdir / "kubelet.yaml",
                         containerd_socket=self.socket, cgroup_root=CGROUP, node_ip=GATEWAY,
                         kubelet_port=self.ports["kubelet"], pki=self.pki,
                         healthz_port=self.ports["kubelet-healthz"], cluster_dns=CLUSTER_DNS,
                         resolv_conf=self._resolv_conf(),
                         pod_logs=self.workdir / "pod-logs")  # fmt: skip
        self._spawn("kubelet", [
            str(binaries()["kubelet"]), f"--config={config}",
            f"--kubeconfig={self._kubeconfig('kubelet', server, ca)}",
            f"--root-dir={self.workdir / 'kubelet'}", f"--cert-dir={self.pki}",
            f"--hostname-override={NODE_NAME}", f"--node-ip={GATEWAY}",
            f"--node-labels={NODE_LABEL}=real",
            f"--register-with-taints={NODE_LABEL}=real:NoSchedule", "--v=1",
        ])  # fmt: skip

    def _resolv_conf(self) -> Path:
        """What pods get beyond the cluster DNS: no search path or resolver of the host."""
        path = self.workdir / "resolv.conf"
        path.write_text(f"nameserver {GATEWAY}\n")
        return path

    def _start_proxy(self, server: str, ca: Path) -> None:
        config = node_files.render("kube-proxy.yaml", self.workdir / "kube-proxy.yaml",
                         kubeconfig=self._kubeconfig("kube-proxy", server, ca),
                         node_name=NODE_NAME, pod_cidr=POD_CIDR, node_ip=GATEWAY,
                         healthz_port=self.ports["proxy-healthz"],
                         metrics_port=self.ports["proxy-metrics"])  # fmt: skip
        self._spawn("kube-proxy", [str(binaries()["kube-proxy"]), f"--config={config}", "--v=1"])

    # Exposing a Service on loopback -------------------------------------------------------------

    def expose(self, name: str, address: str, port: int | None = None) -> str:
        """A forwarder 127.0.0.1:<port> -> ``address`` (a Service's cluster IP:port); returns its
        base URL. Replaces an earlier forwarder of the same name."""
        key = f"forward-{name}"
        self.daemons.stop(key)
        local = port or free_port()
        python = str(REPO / ".venv" / "bin" / "python")
        self._spawn(key, [python, "-m", "tests.support.node_services", "forward",
                          f"--listen=127.0.0.1:{local}", f"--to={address}"], cwd=REPO)  # fmt: skip
        self.ports[key] = local
        self._wait(key, time.monotonic() + 30, lambda: node_files.port_open("127.0.0.1", local))
        return f"http://127.0.0.1:{local}"

    # Stop --------------------------------------------------------------------------------------

    def stop(self, kubectl: Callable[..., str] | None) -> list[str]:
        """Stop the pods, every process and undo every host change; returns what could not be
        undone (empty when the host is as it was)."""
        problems: list[str] = []
        if not self.state["sysctls"]:
            # This node never changed the host (never started, or already stopped): whatever
            # bridge or chains exist belong to another node, not ours to remove.
            return problems
        # The kubelet deletes a pod's logs with the pod: keep a copy for whoever debugs a failure.
        if (self.workdir / "pod-logs").is_dir():
            shutil.copytree(self.workdir / "pod-logs", self.workdir / "logs" / "pods",
                            dirs_exist_ok=True, ignore_dangling_symlinks=True)  # fmt: skip
        if kubectl is not None and self.daemons.running("kubelet"):
            node_pods.drain(self.ctr, kubectl, NODE_NAME)
        for name in [n for n in self.state["pids"] if n.startswith("forward-")]:
            self.daemons.stop(name)
        for name in ("kube-proxy", "kubelet", "coredns"):
            self.daemons.stop(name)
            self.save()
        netns = node_pods.kill_tasks(self.ctr) if self.daemons.running("containerd") else []
        self.daemons.stop("containerd")
        node_pods.kill_shims(self.socket)
        for name in ("secrets", "ferretdb", "redis"):
            self.daemons.stop(name)
        self.save()
        host.remove_netns(netns)
        mounts = host.unmount_under(self.workdir, IMAGE_STORE)
        problems += [f"still mounted: {m}" for m in mounts]
        proxy = binaries()["kube-proxy"]
        if proxy.is_file():
            subprocess.run([str(proxy), "--cleanup"], capture_output=True, check=False, timeout=60)
        for tool in ("iptables", "ip6tables"):
            problems += [f"{tool} chain left: {c}" for c in host.remove_chains(tool)]
        host.delete_bridge(BRIDGE)
        problems += [f"cgroup left: {c}" for c in host.remove_cgroups(CGROUP)]
        saved: dict[str, str] = self.state["sysctls"]
        problems += [f"sysctl not restored: {n}" for n in host.restore_sysctls(saved)]
        self.state["sysctls"] = {}
        self.save()
        return problems


def _node_ready(kubectl: Callable[..., str]) -> bool:
    out = kubectl("get", "node", NODE_NAME, "-o",
                  "jsonpath={.status.conditions[?(@.type=='Ready')].status}")  # fmt: skip
    return out.strip() == "True"
