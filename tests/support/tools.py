"""Finding the external programs tests need. A missing one fails the test, never skips it:
`make test` installs every tool first (`make tools`), so a missing tool is a broken setup."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

# The same folder as the Makefile's TOOLS_DIR: FLAMINGO_TOOLS_DIR, else the machine-wide cache.
TOOLS_DIR = Path(
    os.environ.get("FLAMINGO_TOOLS_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "flamingo" / "tools"
)
VERSIONS_FILE = Path(__file__).resolve().parents[2] / "tools" / "versions.env"


def versions() -> dict[str, str]:
    """The tool versions of ``tools/versions.env`` (the one list make and the scripts read too)."""
    pairs = {}
    for line in VERSIONS_FILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def tool_path(name: str, version_key: str, binary: str | None = None) -> Path:
    """Where ``make tools`` puts a built tool: ``$TOOLS_DIR/<name>-<version>/<binary>``."""
    return TOOLS_DIR / f"{name}-{versions()[version_key]}" / (binary or name)


_DEFAULTS = {
    "FERRETDB_BIN": tool_path("ferretdb-static", "FERRETDB_VERSION", "ferretdb"),
    "HELM": tool_path("helm", "HELM_VERSION"),
}


def missing(what: str) -> NoReturn:
    pytest.fail(f"{what} is not installed (run `make tools`)")


def require(program: str, env_var: str | None = None) -> str:
    """Path of ``program``: from ``env_var``, the tools cache, or PATH."""
    candidates: list[str | Path | None] = []
    if env_var:
        candidates += [os.environ.get(env_var), _DEFAULTS.get(env_var)]
    candidates.append(shutil.which(program))
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    missing(program)
