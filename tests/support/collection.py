"""Test folders that only run when named (``pytest tests/cluster``), never in a plain ``pytest``:
they need tools and an environment their own make target sets up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

IgnoreHook = Callable[[Path, pytest.Config], "bool | None"]


def _requested(here: Path, config: pytest.Config) -> bool:
    for arg in config.args:
        target = Path(arg.split("::", 1)[0]).resolve()
        if target == here or here in target.parents:
            return True
    return False


def only_when_requested(here: Path) -> IgnoreHook:
    """A ``pytest_ignore_collect`` hook for the conftest of folder ``here``."""

    def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
        inside = collection_path != here and here in collection_path.parents
        return True if inside and not _requested(here, config) else None

    return pytest_ignore_collect
