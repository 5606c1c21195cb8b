"""Shipping checks run only when tests/shipping is named on the command line (`make test-shipping`).

They need tools that `make test-shipping` installs first (docker-compose, actionlint, shellcheck,
the release tooling in tools/release); a plain `pytest` (`make test-python`) runs before that in
`make test`, so it leaves this directory to its own target instead of running it twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shipping.image import replay_builder
from tests.support.collection import only_when_requested

HERE = Path(__file__).resolve().parent


pytest_ignore_collect = only_when_requested(HERE)


@pytest.fixture(scope="session")
def image_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """bin/ of the venv Dockerfile.backend's builder stage produces (replayed natively)."""
    return replay_builder(tmp_path_factory.mktemp("image"))
