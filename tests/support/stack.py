"""The compose stack on the private engine: docker-compose.yml + deploy/compose/test.override.yml.

    python -m tests.support.stack up     `make stack-up`: build, `up --build --wait`, print the URL
    python -m tests.support.stack down   `make stack-down`: remove its containers, networks, volumes

The override changes only the base images (stand-ins by digest), MongoDB → the FerretDB stand-in
and the published port (127.0.0.1, a free port); its ${FLAMINGO_STANDIN_*} values and the port are
worked out here and saved beside the engine's state (run/stack-<project>.json), so `down` (and a
test) talks to the same project with the same files and values.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.docker import RUN, Engine, docker_env
from tests.support.images import build_standins
from tests.support.processes import REPO, free_port

OVERRIDE = REPO / "deploy" / "compose" / "test.override.yml"
FILES = (REPO / "docker-compose.yml", OVERRIDE)
DEFAULT_PROJECT = "flamingo-local"
WAIT_TIMEOUT = 600


def standin_env() -> dict[str, str]:
    """FLAMINGO_STANDIN_* for the override: every stand-in, as <ref> or <image> + <digest>."""
    env = {}
    for name, standin in build_standins().items():
        key = name.upper().replace("-UNPRIVILEGED", "").replace("-", "_")
        env[f"FLAMINGO_STANDIN_{key}"] = standin.ref
        env[f"FLAMINGO_STANDIN_{key}_IMAGE"] = standin.image
        env[f"FLAMINGO_STANDIN_{key}_DIGEST"] = standin.digest
    return env


@dataclass
class Stack:
    project: str = DEFAULT_PROJECT
    values: dict[str, str] = field(default_factory=dict)

    @property
    def state(self) -> Path:
        return RUN / f"stack-{self.project}.json"

    @property
    def lease(self) -> str:
        return f"stack-{self.project}"

    @property
    def port(self) -> int:
        return int(self.values["FLAMINGO_HTTP_PORT"])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        # The classic builder: one layer cache with `make images` (and no BuildKit frontend pull).
        return {**docker_env(DOCKER_BUILDKIT="0", COMPOSE_DOCKER_CLI_BUILD="0"), **self.values}

    def compose(
        self, *args: str, check: bool = True, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        files = [arg for path in FILES for arg in ("-f", str(path))]
        argv = ["docker", "compose", "-p", self.project, "--project-directory", str(REPO), *files]
        result = subprocess.run(
            [*argv, *args],
            env=self.env(),
            cwd=REPO,
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"docker compose {' '.join(args)} failed:\n{result.stdout[-8000:]}"
                f"{result.stderr[-8000:]}"
            )
        return result

    def up(
        self, holder: int = 0, app_version: str = "0.0.0-stack", extra: dict[str, str] | None = None
    ) -> None:
        """Starts (or rebuilds and updates) the stack and waits until every service is healthy."""
        Engine().acquire(self.lease, holder)
        try:
            if not self.values:
                port = int(os.environ.get("FLAMINGO_HTTP_PORT") or free_port())
                self.values = {
                    **standin_env(),
                    "FLAMINGO_HTTP_PORT": str(port),
                    "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
                    "APP_VERSION": app_version,
                    **(extra or {}),
                }
            self.state.write_text(json.dumps(self.values, indent=1))
            self.compose("up", "--build", "--wait", "--wait-timeout", str(WAIT_TIMEOUT))
        except BaseException as failure:
            logs = self.compose("logs", "--no-color", "--tail", "40", check=False).stdout
            self.down()
            raise RuntimeError(f"{failure}\nthe services' last log lines:\n{logs}") from None

    def down(self) -> None:
        """Removes every container, network and volume of the project; leaves the engine."""
        if self.values:
            self.compose("down", "--volumes", "--remove-orphans", "--timeout", "30", check=False)
        self.state.unlink(missing_ok=True)
        Engine().release(self.lease)

    @classmethod
    def load(cls, project: str = DEFAULT_PROJECT) -> Stack:
        """The stack `up` started (its saved values), or an empty one."""
        stack = cls(project)
        if stack.state.exists():
            stack.values = json.loads(stack.state.read_text())
        return stack

    def api(self, path: str) -> tuple[int, bytes]:
        """GET through the frontend container: status and body (an error status is no exception)."""
        try:
            with urllib.request.urlopen(f"{self.base}{path}", timeout=10) as answer:  # noqa: S310
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def container_ids(self) -> list[str]:
        return self.compose("ps", "--all", "--quiet").stdout.split()


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.stack")
    parser.add_argument("command", choices=["up", "down"])
    parser.add_argument("--project", default=DEFAULT_PROJECT)
    parser.add_argument("--app-version", default=os.environ.get("APP_VERSION") or "0.0.0-stack")
    args = parser.parse_args(argv)
    stack = Stack.load(args.project)
    if args.command == "up":
        stack.up(app_version=args.app_version)
        print(f"DOCKER_HOST={docker_env()['DOCKER_HOST']}")
        print(f"DOCKER_CONFIG={docker_env()['DOCKER_CONFIG']}")
        print(f"Flamingo is up at {stack.base}")
        print(
            f"(docker compose -p {stack.project} -f docker-compose.yml "
            f"-f {OVERRIDE.relative_to(REPO)} …; values in {stack.state})",
            file=sys.stderr,
        )
    else:
        stack.down()
        print(f"stack {stack.project} removed")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
