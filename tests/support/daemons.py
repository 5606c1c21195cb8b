"""Long-running host processes recorded by PID in a state file, so another process (`make
cluster-down`) can stop exactly them later: never by name, and never a reused PID (the command
line must still be the one started)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

_LIBC = ctypes.CDLL(None, use_errno=True)  # loaded here, not between fork and exec
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In the child before exec: ask the kernel for SIGKILL when the parent goes (Linux). Only a
    C call, no Python locks, so it is safe after fork even with threads around."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def is_ours(pid: int, argv0: str) -> bool:
    """Whether ``pid`` is still the process started as ``argv0`` (not a reused pid, not a
    zombie waiting for its parent). Some programs rewrite their command line (redis-server puts
    its address there), so the executable counts too."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode()
        stat = Path(f"/proc/{pid}/stat").read_text()
        exe = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return False
    same = cmdline == argv0 or exe == os.path.realpath(argv0)
    return same and stat.rsplit(")", 1)[1].split()[0] != "Z"


class Daemons:
    """Processes by name: ``pids`` and ``argv0`` are what the state file keeps."""

    def __init__(self, logs: Path, pids: dict[str, int], argv0: dict[str, str]) -> None:
        self.logs = logs
        self.pids = pids
        self.argv0 = argv0
        self.children: dict[str, subprocess.Popen[bytes]] = {}

    def log(self, name: str) -> Path:
        return self.logs / f"{name}.log"

    def spawn(
        self,
        name: str,
        argv: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        tied_to_parent: bool = False,
    ) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        with self.log(name).open("ab") as out:
            child = subprocess.Popen(
                list(argv),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # Own session: outlives `cluster up`, and a signal reaches its whole group.
                start_new_session=True,
                cwd=cwd,
                env=dict(env) if env is not None else None,
                preexec_fn=die_with_parent if tied_to_parent else None,  # noqa: PLW1509
            )
        self.children[name] = child
        self.pids[name] = child.pid
        self.argv0[name] = str(argv[0])

    def running(self, name: str) -> bool:
        child = self.children.get(name)
        if child is not None:
            return child.poll() is None
        pid = self.pids.get(name)
        return pid is not None and is_ours(pid, self.argv0.get(name, ""))

    def stop(self, name: str, timeout: float = 20.0, sig: int = signal.SIGTERM) -> None:
        """``sig`` to the process group, SIGKILL after ``timeout``; forget the process."""
        if name not in self.pids:
            return
        if self.running(name):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pids[name], sig)
            deadline = time.monotonic() + timeout
            while self.running(name) and time.monotonic() < deadline:
                time.sleep(0.1)
            if self.running(name):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.pids[name], signal.SIGKILL)
                while self.running(name):
                    time.sleep(0.1)
        self.children.pop(name, None)
        del self.pids[name]
        self.argv0.pop(name, None)

    def tail(self, name: str, lines: int = 40) -> str:
        path = self.log(name)
        text = path.read_text(errors="replace") if path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])
