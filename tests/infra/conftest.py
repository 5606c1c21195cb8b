"""Infrastructure tests run only when tests/infra is named on the command line (`make test-infra`).

They need the tools `make test-infra` builds first (the Google provider mirror, the Atlas CRDs);
a plain `pytest` (`make test-python`) runs before that in `make test`, so it leaves this
directory to its own target instead of running it twice.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.collection import only_when_requested

HERE = Path(__file__).resolve().parent


pytest_ignore_collect = only_when_requested(HERE)
