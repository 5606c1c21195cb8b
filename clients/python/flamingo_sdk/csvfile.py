"""The documented CSV import format, read on the client (as the SPA's import page does).

The same format as ``flamingo import`` and the SPA (checked against the shared fixtures in the
repository's ``tests/fixtures/import/``): a header row names the columns (case-insensitive,
spaces and a UTF-8 byte order mark ignored); ``target`` is required; ``alias``, ``title``,
``tags`` (separated by ``|`` or ``,``), ``expires_at``, ``max_clicks``, ``password`` and
``redirect_status`` are optional. Unknown or repeated columns refuse the whole file; a bad row
is refused on its own, named by the line it ends on.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import Any, TextIO

COLUMNS = (
    "target",
    "alias",
    "title",
    "tags",
    "expires_at",
    "max_clicks",
    "password",
    "redirect_status",
)
INTEGER_COLUMNS = ("max_clicks", "redirect_status")
EXTRA_CELLS = "more cells than the header has columns"
_TAG_SEPARATORS = re.compile(r"[|,]")
_INTEGER = re.compile(r"-?[0-9]+")


class CsvFormatError(ValueError):
    """The file cannot be imported at all (no header, no target column, unknown columns)."""


@dataclass(frozen=True)
class Row:
    """One data row: a batch item, or why the row cannot be sent (``error``)."""

    line: int
    item: dict[str, Any]
    error: str | None = None


def _item(record: dict[str, str]) -> tuple[dict[str, Any], str | None]:
    item: dict[str, Any] = {}
    for name in COLUMNS:
        value = (record.get(name) or "").strip()
        if not value:
            continue
        if name == "tags":
            item["tags"] = [t.strip() for t in _TAG_SEPARATORS.split(value) if t.strip()]
        elif name in INTEGER_COLUMNS:
            if not _INTEGER.fullmatch(value):
                return item, f"{name}: not a whole number"
            item[name] = int(value)
        else:
            item[name] = value
    return item, None if "target" in item else "target: required"


def _header(names: list[str]) -> list[str]:
    header = [name.replace("\ufeff", "").strip().lower() for name in names]
    if not any(header):
        raise CsvFormatError("the file is empty; the first line must name the columns")
    unknown = sorted({name for name in header if name not in COLUMNS}, key=header.index)
    if unknown:
        raise CsvFormatError(
            f"unknown column(s): {', '.join(unknown)}; known: {', '.join(COLUMNS)}"
        )
    repeated = sorted({name for name in header if header.count(name) > 1}, key=header.index)
    if repeated:
        raise CsvFormatError(f"duplicate column(s): {', '.join(repeated)}")
    if "target" not in header:
        raise CsvFormatError('the header has no "target" column')
    return header


def read_rows(stream: TextIO) -> list[Row]:
    """Every non-blank data row of the file; :class:`CsvFormatError` when none can be read."""
    reader = csv.reader(stream)
    header = _header(next(reader, []))
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, or one of empty cells only (spreadsheets leave those)
        if len(cells) > len(header):
            rows.append(Row(reader.line_num, {}, EXTRA_CELLS))
            continue
        item, error = _item(dict(zip(header, cells, strict=False)))
        rows.append(Row(reader.line_num, item, error))
    return rows
