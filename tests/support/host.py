"""What the local node changes on the host, and how each change is undone (tests/support/node.py).

Every change is recorded in the node's state file BEFORE it is made, so `make cluster-down` from
another process (or after a crash) can undo it: sysctls (the kubelet rewrites kernel.panic,
kernel.panic_on_oops, vm.overcommit_memory…; the bridge plugin turns on ip_forward), the bridge,
iptables chains (KUBE-* from kube-proxy and the kubelet, CNI-* from the CNI plugins), mounts under
the node's folders and the network namespaces of its pods, and the node's cgroups.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
from pathlib import Path

# Everything the kubelet's setupKernelTunables, the bridge plugin and kube-proxy may write.
SYSCTLS = (
    "kernel/panic",
    "kernel/panic_on_oops",
    "kernel/keys/root_maxkeys",
    "kernel/keys/root_maxbytes",
    "vm/overcommit_memory",
    "vm/panic_on_oom",
    "net/ipv4/ip_forward",
    "net/ipv4/conf/all/route_localnet",
    "net/bridge/bridge-nf-call-iptables",
    "net/bridge/bridge-nf-call-ip6tables",
)
CHAIN_PREFIXES = ("KUBE-", "CNI-")
CGROUP_ROOT = Path("/sys/fs/cgroup")


def run(*argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {result.stderr.strip()}")
    return result


# sysctls ----------------------------------------------------------------------------------------


def read_sysctls() -> dict[str, str]:
    values = {}
    for name in SYSCTLS:
        path = Path("/proc/sys") / name
        if path.exists():
            values[name] = path.read_text().strip()
    return values


def write_sysctl(name: str, value: str) -> None:
    (Path("/proc/sys") / name).write_text(value + "\n")


def restore_sysctls(saved: dict[str, str]) -> list[str]:
    """Put every saved value back; returns the names that could not be written."""
    failed = []
    for name, value in saved.items():
        try:
            if (Path("/proc/sys") / name).read_text().strip() != value:
                write_sysctl(name, value)
        except OSError:
            failed.append(name)
    return failed


# The bridge -------------------------------------------------------------------------------------


def create_bridge(name: str, gateway: str, prefix: int, service_cidr: str) -> None:
    """The CNI bridge, made before any pod so the node IP (its gateway address) exists from the
    start: the kubelet, CoreDNS and the stores the pods use listen on it. Service addresses are
    routed into the bridge too, so a ClusterIP nobody serves yet goes nowhere instead of out to the
    VM's gateway (where a proxy would answer for it)."""
    if not Path(f"/sys/class/net/{name}").exists():
        run("ip", "link", "add", name, "type", "bridge")
    run("ip", "addr", "replace", f"{gateway}/{prefix}", "dev", name)
    run("ip", "link", "set", name, "up")
    run("ip", "route", "replace", service_cidr, "dev", name, "src", gateway)


def delete_bridge(name: str) -> None:
    if Path(f"/sys/class/net/{name}").exists():
        run("ip", "link", "del", name, check=False)


# iptables ---------------------------------------------------------------------------------------


def _ours(chain: str) -> bool:
    return chain.startswith(CHAIN_PREFIXES)


def remove_chains(tool: str) -> list[str]:
    """Remove every KUBE-*/CNI-* chain of ``tool`` (iptables or ip6tables) and the rules of other
    chains that jump to them. Returns what is still there afterwards (should be nothing)."""
    if run(tool, "--version", check=False).returncode != 0:
        return []
    for table in ("filter", "nat", "mangle", "raw"):
        listing = run(tool, "-t", table, "-S", check=False)
        if listing.returncode != 0:
            continue
        lines = listing.stdout.splitlines()
        chains = [ln.split()[1] for ln in lines if ln.startswith("-N ") and _ours(ln.split()[1])]
        for line in lines:
            # Quoted comments ("CNI firewall plugin rules") are one argument.
            words = shlex.split(line)
            if words[0] != "-A" or _ours(words[1]):
                continue
            target = _jump_target(words)
            if target and _ours(target):
                run(tool, "-t", table, "-D", *words[1:], check=False)
        for chain in chains:
            run(tool, "-t", table, "-F", chain, check=False)
        for chain in chains:
            run(tool, "-t", table, "-X", chain, check=False)
    return leftover_chains(tool)


def _jump_target(words: list[str]) -> str:
    for flag in ("-j", "-g"):
        if flag in words:
            return words[words.index(flag) + 1]
    return ""


def leftover_chains(tool: str) -> list[str]:
    left = []
    for table in ("filter", "nat", "mangle", "raw"):
        listing = run(tool, "-t", table, "-S", check=False)
        left += [
            f"{table}/{ln.split()[1]}"
            for ln in listing.stdout.splitlines()
            if ln.startswith("-N ") and _ours(ln.split()[1])
        ]
    return left


# Mounts and network namespaces ------------------------------------------------------------------


def _unescape(path: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), path)


def mounts_under(*prefixes: Path) -> list[str]:
    points = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        point = _unescape(line.split()[4])
        if any(point == str(p) or point.startswith(f"{p}/") for p in prefixes):
            points.append(point)
    return points


def unmount_under(*prefixes: Path) -> list[str]:
    """Unmount everything below ``prefixes`` (deepest first, lazily when busy); returns what
    is still mounted."""
    for _ in range(3):
        points = mounts_under(*prefixes)
        if not points:
            return []
        for point in sorted(points, key=len, reverse=True):
            if run("umount", point, check=False).returncode != 0:
                run("umount", "-l", point, check=False)
    return mounts_under(*prefixes)


def remove_netns(paths: list[str]) -> None:
    """The pods' network namespaces that containerd left (it removes them when the kubelet stops
    a sandbox properly; these are only what a crash left)."""
    for path in paths:
        run("umount", path, check=False)
        with contextlib.suppress(OSError):
            os.unlink(path)


# cgroups ----------------------------------------------------------------------------------------


def cgroup_dirs(name: str) -> list[Path]:
    """``name``'s folder in every mounted hierarchy (cgroup v1 controllers and the unified one)."""
    return [h / name for h in sorted(CGROUP_ROOT.iterdir()) if h.is_dir() and not h.is_symlink()]


def create_cgroups(name: str) -> None:
    """The node's cgroup root in every hierarchy (the kubelet wants it to exist). A new cpuset
    cgroup has no CPUs or memory nodes until given its parent's."""
    for path in cgroup_dirs(name):
        path.mkdir(exist_ok=True)
        for knob in ("cpuset.cpus", "cpuset.mems"):
            parent = path.parent / knob
            if parent.exists() and not (path / knob).read_text().strip():
                (path / knob).write_text(parent.read_text())


def remove_cgroups(name: str) -> list[str]:
    """rmdir the node's cgroups, deepest first; returns those still there (a process left in
    one)."""
    left = []
    for top in cgroup_dirs(name):
        if not top.exists():
            continue
        for path in sorted((p for p in top.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
            with contextlib.suppress(OSError):
                path.rmdir()
        try:
            top.rmdir()
        except OSError:
            left.append(str(top))
    return left
