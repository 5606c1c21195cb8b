"""The node's pods on the way down (tests/support/node.py): let the kubelet stop them, then
kill whatever is left, through the node's own containerd (``ctr``)."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

Ctr = Callable[..., subprocess.CompletedProcess[str]]


def drain(ctr: Ctr, kubectl: Callable[..., str], node_name: str) -> None:
    """Let the kubelet stop every pod before it goes, CNI teardown included: cordon, delete
    the node's pods (controllers' replacements stay Pending on the cordoned node), wait until
    every sandbox's network namespace is gone (containerd removes it after the CNI DEL)."""
    try:
        kubectl("cordon", node_name)
        kubectl("delete", "pods", "-A", f"--field-selector=spec.nodeName={node_name}",
                "--grace-period=1", "--wait=false")  # fmt: skip
    except Exception:  # teardown goes on; what the kubelet leaves is killed below
        return
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
        running_tasks(ctr) or any(Path(p).exists() for p in sandbox_netns(ctr))
    ):
        time.sleep(1)


def running_tasks(ctr: Ctr) -> list[str]:
    listing = ctr("tasks", "ls")
    return [ln.split()[0] for ln in listing.stdout.splitlines()[1:] if "RUNNING" in ln]


def sandbox_netns(ctr: Ctr) -> list[str]:
    """The network namespaces containerd made for the pods (bind mounts under /run/netns)."""
    paths = []
    for container in ctr("containers", "ls", "-q").stdout.split():
        try:
            spec = json.loads(ctr("containers", "info", container).stdout)["Spec"]
            namespaces = spec["linux"]["namespaces"]
        except (ValueError, KeyError, TypeError):
            continue
        paths += [
            n["path"] for n in namespaces
            if n["type"] == "network" and "/netns/" in n.get("path", "")
        ]  # fmt: skip
    return paths


def kill_tasks(ctr: Ctr) -> list[str]:
    """Kill what the kubelet left running; returns the pods' network namespaces."""
    netns = sandbox_netns(ctr)
    for task in running_tasks(ctr):
        ctr("tasks", "kill", "--signal", "SIGKILL", task)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and running_tasks(ctr):
        time.sleep(0.5)
    for line in ctr("tasks", "ls").stdout.splitlines()[1:]:
        ctr("tasks", "delete", line.split()[0])
    # The images stay in the store for the next node; the containers go (and with them
    # their snapshots, at containerd's next garbage collection).
    for container in ctr("containers", "ls", "-q").stdout.split():
        ctr("containers", "rm", container)
    return netns


def kill_shims(socket: Path) -> None:
    """The runc shims of this containerd (they outlive it by design): found by the socket
    address they were given, which is this node's alone."""
    address = str(socket)
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"-address" in argv and address.encode() in argv and b"containerd-shim" in argv[0]:
            subprocess.run(["kill", "-9", proc.name], check=False, capture_output=True)
