"""Dockerfile.backend's builder stage replayed natively: its WORKDIR, ENV, COPY and RUN
instructions in order, with the image's absolute paths (/opt/venv, /src) moved under a temporary
root. The result is the venv the runtime stage copies: only the locked runtime dependencies and
the package, no dev tools. Deviations, all needed to run without an engine: `python` is this
machine's Python 3.11 (the image's is the base image's 3.11), and pip keeps its download cache
(PIP_NO_CACHE_DIR is dropped) so a second run does not download again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.shipping.support import dockerfile
from tests.support.processes import REPO

# Image paths that must not be written on this machine.
MOVED = ("/opt/venv", "/src")


@dataclass
class Replay:
    root: Path
    env: dict[str, str] = field(default_factory=dict)
    workdir: Path | None = None
    log: list[str] = field(default_factory=list)

    def path(self, image_path: str) -> Path:
        for moved in MOVED:
            if image_path == moved or image_path.startswith(moved + "/"):
                return self.root / image_path.lstrip("/")
        raise AssertionError(f"the builder writes outside {MOVED}: {image_path}")

    def rewrite(self, text: str) -> str:
        for moved in MOVED:
            text = re.sub(rf"{re.escape(moved)}(?=[/\s:]|$)", str(self.root) + moved, text)
        return text


def builder_stage() -> list[dict[str, Any]]:
    structure: list[dict[str, Any]] = dockerfile("Dockerfile.backend").structure
    starts = [i for i, ins in enumerate(structure) if ins["instruction"] == "FROM"]
    return structure[starts[0] : starts[1]]


def _python_shim(root: Path) -> Path:
    """A `python` on PATH that is this machine's Python 3.11 (not a venv's)."""
    shim = root / "host-bin"
    shim.mkdir(parents=True, exist_ok=True)
    base = Path(getattr(sys, "_base_executable", sys.executable))
    for name in ("python", "python3"):
        (shim / name).unlink(missing_ok=True)
        (shim / name).symlink_to(base)
    return shim


def _env_pairs(value: str) -> list[tuple[str, str]]:
    # ENV A=1 B=2 (continuations already joined by the parser), values without spaces here.
    return [tuple(item.split("=", 1)) for item in value.split()]  # type: ignore[misc]


def _copy(value: str, workdir: Path) -> None:
    """COPY <sources...> <dest> relative to WORKDIR (the builder copies nothing absolute)."""
    *sources, dest = value.split()
    assert not dest.startswith("/") and not any(s.startswith("--") for s in sources), value
    into_dir = dest.endswith("/") or dest == "."
    target = workdir / dest
    for source in sources:
        origin = REPO / source
        destination = target / origin.name if into_dir else target
        if origin.is_dir():
            shutil.copytree(
                origin,
                destination,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
                dirs_exist_ok=True,
            )
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(origin, destination)


def replay_builder(root: Path) -> Path:
    """Runs the builder stage; returns the venv's bin directory."""
    replay = Replay(root=root)
    shim = _python_shim(root)
    replay.env = {
        "PATH": f"{shim}:{os.environ['PATH']}",
        "HOME": os.environ.get("HOME", str(root)),
        "LANG": "C.UTF-8",
    }
    for ins in builder_stage():
        kind, value = ins["instruction"], ins["value"]
        if kind == "ENV":
            for name, raw in _env_pairs(value):
                if name == "PIP_NO_CACHE_DIR":
                    continue
                expanded = raw.replace("$PATH", replay.env["PATH"])
                replay.env[name] = replay.rewrite(expanded)
        elif kind == "WORKDIR":
            replay.workdir = replay.path(value)
            replay.workdir.mkdir(parents=True, exist_ok=True)
        elif kind == "COPY":
            assert replay.workdir is not None
            _copy(value, replay.workdir)
        elif kind == "RUN":
            command = replay.rewrite(value)
            result = subprocess.run(
                ["/bin/sh", "-c", command],
                cwd=replay.workdir or root,
                env=replay.env,
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
            replay.log.append(f"$ {command}\n{result.stdout}{result.stderr}")
            assert result.returncode == 0, "\n".join(replay.log)
        elif kind not in {"FROM", "COMMENT", "ARG", "LABEL"}:
            raise AssertionError(f"the replay does not know {kind}: add it here")
    venv_bin = root / "opt" / "venv" / "bin"
    assert (venv_bin / "python").exists(), "\n".join(replay.log)
    return venv_bin
