"""Nginx with the project's own config: frontend/nginx/nginx.conf.template rendered exactly as the
image's entrypoint renders it (envsubst over the environment names matching
NGINX_ENVSUBST_FILTER, defaults from Dockerfile.frontend's ENV), then the real nginx binary."""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import requests

from tests.support.processes import REPO, Process, free_port
from tests.support.tools import require

TEMPLATE = REPO / "frontend" / "nginx" / "nginx.conf.template"
DOCKERFILE = REPO / "Dockerfile.frontend"
DIST = REPO / "frontend" / "dist"


def image_env() -> dict[str, str]:
    """The ENV of Dockerfile.frontend's runtime stage (the defaults the container starts with)."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    runtime = text.split(" AS runtime", 1)[1]
    env: dict[str, str] = {}
    for line in runtime.splitlines():
        if line.startswith("ENV "):
            for pair in shlex.split(line[4:]):
                name, _, value = pair.partition("=")
                env[name] = value
    return env


def render(environ: dict[str, str]) -> str:
    """What the entrypoint's 20-envsubst-on-templates.sh writes for this environment."""
    pattern = re.compile(environ.get("NGINX_ENVSUBST_FILTER", ""))
    names = sorted(name for name in environ if pattern.search(name))
    result = subprocess.run(
        [require("envsubst"), " ".join(f"${{{name}}}" for name in names)],
        input=TEMPLATE.read_text(),
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def worker_user_args() -> list[str]:
    """Started as root, nginx runs its workers as `nobody`, who cannot enter a checkout under /root
    or a `mktemp -d` folder (both 0700). Workers then run as the user who started the tests, as
    they do for any non-root user (nginx cannot switch users then). The image is unaffected: it
    starts nginx as uid 101 and never as root."""
    if os.geteuid() != 0:
        return []
    return ["-g", f"user {pwd.getpwuid(os.geteuid()).pw_name};"]


class Nginx(Process):
    """Serves ``dist`` under /app/ and proxies to ``upstream`` (host:port) on a free port."""

    ready_timeout = 15.0

    def __init__(self, upstream: str, dist: Path = DIST, **overrides: str) -> None:
        self.port = free_port()
        self.prefix = Path(tempfile.mkdtemp(prefix="flamingo-nginx-"))
        html = self.prefix / "html"
        html.mkdir()
        (html / "app").symlink_to(dist.resolve(), target_is_directory=True)
        environ = {
            **image_env(),
            "BACKEND_UPSTREAM": upstream,
            "NGINX_PORT": f"127.0.0.1:{self.port}",
            "NGINX_HTML_ROOT": str(html),
            **overrides,
        }
        self.config_text = render(environ)
        self.config = self.prefix / "nginx.conf"
        self.config.write_text(self.config_text)
        binary = require("nginx")
        super().__init__(
            "nginx",
            [
                binary,
                "-p",
                f"{self.prefix}/",
                "-e",
                "stderr",
                "-c",
                str(self.config),
                *worker_user_args(),
            ],
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int | None:
        code = super().stop(sig, timeout)
        shutil.rmtree(self.prefix, ignore_errors=True)  # config, pid and temp files
        return code

    def ready(self) -> bool:
        return requests.get(f"{self.base}/nginx-healthz", timeout=1).ok
