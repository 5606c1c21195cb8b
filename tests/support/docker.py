"""A private Docker engine and a local OCI registry, shared by everything in a run.

    python -m tests.support.docker up [--lease NAME]    start both (or join); print the addresses
    python -m tests.support.docker down [--lease NAME]  leave; the last one out stops both
    python -m tests.support.docker env                  print the addresses of the running ones

The engine is Debian's dockerd with its own socket, data root and exec root under the versioned
tools folder ($TOOLS_DIR/engine), so image layers, the build cache and the stand-in bases survive
between runs; the registry (distribution, built by `make containers-tools`) listens on
127.0.0.1:$FLAMINGO_REGISTRY_PORT and keeps its blobs there too, so a reference pushed in one run
still resolves in the next. Both are started by PID and stopped by that PID.

Users hold *leases* (files under run/leases): a lease names the process holding it (its PID) or,
for `make stack-up` and `make registry-up`, nobody (it lasts until released). Releasing the last
live lease stops the registry, then the engine, and undoes what dockerd did to the host: it sets
the iptables FORWARD policy to DROP and adds DOCKER* chains and the docker0 bridge; stop() restores
the policy it found and removes those. (dockerd also loads the conntrack module, which stays.)
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.tools import TOOLS_DIR, tool_path, versions

ENGINE_DIR = Path(os.environ.get("FLAMINGO_ENGINE_DIR", TOOLS_DIR / "engine"))
RUN = ENGINE_DIR / "run"
SOCKET = RUN / "docker.sock"
DOCKER_HOST = f"unix://{SOCKET}"
# The docker CLI's config folder: only the Compose plugin lives there (never ~/.docker).
DOCKER_CONFIG = ENGINE_DIR / "config"
REGISTRY_PORT = int(os.environ.get("FLAMINGO_REGISTRY_PORT", "5310"))
REGISTRY = f"127.0.0.1:{REGISTRY_PORT}"
START_TIMEOUT = 90.0


def compose_plugin() -> Path:
    return Path(
        os.environ.get("COMPOSE_PLUGIN")
        or tool_path("compose", "COMPOSE_VERSION", "cli-plugins/docker-compose")
    )


def registry_binary() -> Path:
    return Path(os.environ.get("REGISTRY_BIN") or tool_path("registry", "REGISTRY_VERSION"))


def docker_env(**extra: str) -> dict[str, str]:
    """The environment for docker CLI calls against the private engine."""
    return {**os.environ, "DOCKER_HOST": DOCKER_HOST, "DOCKER_CONFIG": str(DOCKER_CONFIG), **extra}


def docker(*args: str, check: bool = True, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Runs the docker CLI against the private engine; output captured as text."""
    result = subprocess.run(
        ["docker", *args],
        env=docker_env(),
        capture_output=True,
        text=True,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"docker {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result  # type: ignore[no-any-return]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int | None:
    try:
        pid = int(path.read_text().strip() or 0)
    except (FileNotFoundError, ValueError):
        return None
    return pid if pid > 0 and _pid_alive(pid) else None


def _wait(check: object, what: str, pid: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            break
        with contextlib.suppress(OSError):
            if check():  # type: ignore[operator]
                return
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    raise RuntimeError(f"{what} did not start (log {log}):\n{tail}")


def _stop_pid(pid: int, grace: float) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and _pid_alive(pid):
        time.sleep(0.2)
    if _pid_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _ping() -> bool:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(2)
        sock.connect(str(SOCKET))
        sock.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
        status_line = sock.recv(4096).split(b"\r\n", 1)[0]
        return status_line.split()[1:2] == [b"200"]


def _registry_ready() -> bool:
    with urllib.request.urlopen(f"http://{REGISTRY}/v2/", timeout=2) as answer:
        return bool(answer.status == 200)


@dataclass(frozen=True)
class Addresses:
    docker_host: str = DOCKER_HOST
    docker_config: str = str(DOCKER_CONFIG)
    registry: str = REGISTRY

    def lines(self) -> list[str]:
        return [
            f"DOCKER_HOST={self.docker_host}",
            f"DOCKER_CONFIG={self.docker_config}",
            f"REGISTRY={self.registry}",
        ]


class Host:
    """What dockerd changes on the host, recorded before it starts and undone after it stops."""

    policy_file = RUN / "forward-policy"

    @staticmethod
    def _iptables(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["iptables", *args], capture_output=True, text=True, check=False)

    def record(self) -> None:
        rules = self._iptables("-S", "FORWARD").stdout.splitlines()
        policy = next((r.split()[2] for r in rules if r.startswith("-P FORWARD")), "ACCEPT")
        self.policy_file.write_text(policy)

    def restore(self) -> None:
        for table in ("filter", "nat"):
            listing = self._iptables("-t", table, "-S").stdout.splitlines()
            for rule in listing:
                words = rule.split()
                ours = "DOCKER" in rule or "docker0" in rule
                if words[:1] == ["-A"] and not words[1].startswith("DOCKER") and ours:
                    self._iptables("-t", table, "-D", *words[1:])
            for rule in listing:
                words = rule.split()
                if words[:1] == ["-N"] and words[1].startswith("DOCKER"):
                    self._iptables("-t", table, "-F", words[1])
            for rule in listing:
                words = rule.split()
                if words[:1] == ["-N"] and words[1].startswith("DOCKER"):
                    self._iptables("-t", table, "-X", words[1])
        if self.policy_file.exists():
            self._iptables("-P", "FORWARD", self.policy_file.read_text().strip() or "ACCEPT")
            self.policy_file.unlink()
        subprocess.run(["ip", "link", "delete", "docker0"], capture_output=True, check=False)


class Engine:
    """The private dockerd and the registry beside it, shared through leases."""

    dockerd_pid = RUN / "dockerd.pid"
    registry_pid = RUN / "registry.pid"
    leases = RUN / "leases"

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        RUN.mkdir(parents=True, exist_ok=True)
        with (RUN / "lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def live_leases(self) -> list[str]:
        names = []
        for lease in sorted(self.leases.glob("*")) if self.leases.exists() else []:
            holder = int(lease.read_text().strip() or 0)
            if holder == 0 or _pid_alive(holder):
                names.append(lease.name)
            else:
                lease.unlink(missing_ok=True)  # its process ended without releasing
        return names

    def acquire(self, lease: str, holder: int = 0) -> Addresses:
        """Joins the engine and registry (starting them when down) under ``lease``."""
        with self._locked():
            self.leases.mkdir(parents=True, exist_ok=True)
            (self.leases / lease).write_text(str(holder))
            try:
                self._start()
            except BaseException:
                (self.leases / lease).unlink(missing_ok=True)
                if not self.live_leases():
                    self._stop()
                raise
        return Addresses()

    def release(self, lease: str) -> bool:
        """Leaves; returns whether this was the last lease (and both were stopped)."""
        with self._locked():
            (self.leases / lease).unlink(missing_ok=True)
            if self.live_leases():
                return False
            self._stop()
            return True

    def running(self) -> bool:
        return _read_pid(self.dockerd_pid) is not None and _read_pid(self.registry_pid) is not None

    def _start(self) -> None:
        if _read_pid(self.dockerd_pid) is None:
            self._start_dockerd()
        if _read_pid(self.registry_pid) is None:
            self._start_registry()

    def _spawn(self, argv: list[str], log: Path, env: dict[str, str] | None = None) -> int:
        with log.open("ab") as out:
            child = subprocess.Popen(
                argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env=env
            )
        return child.pid

    def _start_dockerd(self) -> None:
        for program in ("dockerd", "docker", "iptables"):
            if not _which(program):
                raise RuntimeError(f"{program} is not installed (run `make containers-tools`)")
        (DOCKER_CONFIG / "cli-plugins").mkdir(parents=True, exist_ok=True)
        link = DOCKER_CONFIG / "cli-plugins" / "docker-compose"
        link.unlink(missing_ok=True)
        link.symlink_to(compose_plugin())  # `docker compose` finds it through DOCKER_CONFIG
        SOCKET.unlink(missing_ok=True)
        Host().record()
        log = RUN / "dockerd.log"
        pid = self._spawn(
            [
                "dockerd",
                f"--data-root={ENGINE_DIR / 'data'}",
                f"--exec-root={ENGINE_DIR / 'exec'}",
                f"--host={DOCKER_HOST}",
                f"--pidfile={RUN / 'dockerd.pid.own'}",
                "--log-level=warn",
            ],
            log,
        )
        self.dockerd_pid.write_text(str(pid))
        _wait(_ping, "dockerd", pid, log)

    def _start_registry(self) -> None:
        binary = registry_binary()
        if not binary.is_file():
            raise RuntimeError(f"{binary} is missing (run `make containers-tools`)")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", REGISTRY_PORT)) == 0:
                raise RuntimeError(
                    f"{REGISTRY} is taken by another program: set FLAMINGO_REGISTRY_PORT"
                )
        config = RUN / "registry.yml"
        config.write_text(
            "version: 0.1\n"
            "log: {level: warn}\n"
            f"storage: {{filesystem: {{rootdirectory: {ENGINE_DIR / 'registry'}}}}}\n"
            f"http: {{addr: '{REGISTRY}'}}\n"
        )
        log = RUN / "registry.log"
        # Without OTEL_TRACES_EXPORTER=none the registry retries exporting traces forever.
        env = {**os.environ, "OTEL_TRACES_EXPORTER": "none"}
        pid = self._spawn([str(binary), "serve", str(config)], log, env)
        self.registry_pid.write_text(str(pid))
        _wait(_registry_ready, "the registry", pid, log)

    def _stop(self) -> None:
        registry = _read_pid(self.registry_pid)
        if registry:
            _stop_pid(registry, 10)
        self.registry_pid.unlink(missing_ok=True)
        dockerd = _read_pid(self.dockerd_pid)
        if dockerd:
            _stop_pid(dockerd, 40)
            Host().restore()
        self.dockerd_pid.unlink(missing_ok=True)
        SOCKET.unlink(missing_ok=True)


def _which(program: str) -> bool:
    return any(
        (Path(folder) / program).is_file() for folder in os.environ.get("PATH", "").split(":")
    )


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.docker")
    parser.add_argument("command", choices=["up", "down", "env"])
    parser.add_argument("--lease", default="manual", help="who holds the engine (default manual)")
    args = parser.parse_args(argv)
    engine = Engine()
    if args.command == "up":
        print("\n".join(engine.acquire(args.lease).lines()))
    elif args.command == "down":
        stopped = engine.release(args.lease)
        others = ", ".join(engine.live_leases())
        print("engine and registry stopped" if stopped else f"still in use by: {others}")
    else:
        if not engine.running():
            print("the engine is not running (make registry-up)", file=sys.stderr)
            return 1
        print("\n".join(Addresses().lines()))
    return 0


if __name__ == "__main__":
    sys.exit(_main())


__all__ = ["DOCKER_HOST", "REGISTRY", "Addresses", "Engine", "docker", "docker_env", "versions"]
