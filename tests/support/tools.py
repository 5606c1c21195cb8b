"""Finding the external programs tests need. Under ``CI=true`` a missing one fails, never skips."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

TOOLS_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "flamingo" / "tools"
_DEFAULTS = {
    "FERRETDB_BIN": TOOLS_DIR / "ferretdb-1.24.2" / "ferretdb",
    "HELM": TOOLS_DIR / "helm-3.19.0" / "helm",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing(what: str) -> None:
    message = f"{what} is not installed (run `make tools`)"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


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
    raise AssertionError("unreachable")
