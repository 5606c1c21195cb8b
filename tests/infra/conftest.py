"""Infrastructure tests run only when tests/infra is named on the command line (`make test-infra`).

They need the tools `make test-infra` builds first (the Google provider mirror, the Atlas CRDs);
a plain `pytest` (`make test-python`) runs before that in `make test`, so it leaves this
directory to its own target instead of running it twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _requested(config: pytest.Config) -> bool:
    for arg in config.args:
        target = Path(arg.split("::", 1)[0]).resolve()
        if target == HERE or HERE in target.parents:
            return True
    return False


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path != HERE and HERE in collection_path.parents and not _requested(config):
        return True
    return None
