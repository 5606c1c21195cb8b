"""The SDK's CSV reader (``flamingo-client import``) reads the shared fixtures like the others."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from flamingo_sdk.csvfile import CsvFormatError, read_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def test_the_shared_fixture_reads_as_expected() -> None:
    expected = json.loads((FIXTURES / "links.expected.json").read_text())["rows"]
    with (FIXTURES / "links.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = read_rows(stream)
    public: list[dict[str, Any]] = [
        {"line": row.line, "error": row.error}
        if row.error
        else {"line": row.line, "item": row.item}
        for row in rows
    ]
    assert public == expected


@pytest.mark.parametrize(
    "case", json.loads((FIXTURES / "errors.json").read_text())["cases"], ids=lambda c: c["error"]
)
def test_files_refused_whole_name_why(case: dict[str, str]) -> None:
    with pytest.raises(CsvFormatError) as refused:
        read_rows(io.StringIO(case["csv"]))
    assert str(refused.value) == case["error"]
