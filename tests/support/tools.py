"""Finding the external programs tests need. A missing one fails the test, never skips it:
`make test` installs every tool first (`make tools`), so a missing tool is a broken setup."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

TOOLS_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "flamingo" / "tools"
_DEFAULTS = {
    "FERRETDB_BIN": TOOLS_DIR / "ferretdb-1.24.2" / "ferretdb",
    "HELM": TOOLS_DIR / "helm-3.19.0" / "helm",
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
