"""The benchmarks (bench/, run by hand and by `make bench-*`, never by `make test`) still import:
a renamed or moved backend name breaks them silently otherwise (it did once, stats' link_report)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
MODULES = sorted(
    ".".join(path.relative_to(BENCH.parent).with_suffix("").parts)
    for path in BENCH.rglob("*.py")
    if path.name != "__init__.py"
)


@pytest.mark.parametrize("module", MODULES)
def test_a_benchmark_imports(module: str) -> None:
    importlib.import_module(module)
