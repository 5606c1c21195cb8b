"""CSV import of links (``flamingo import FILE.csv --owner EMAIL``).

The one documented format, shared with the SPA's import page (``frontend/src/lib/csvImport.ts``;
both parsers are checked against ``tests/fixtures/import/``): a header row names the columns,
case-insensitive, surrounding spaces ignored, a UTF-8 byte order mark allowed. ``target`` is
required; the other columns are optional and cells may be left empty: ``alias``, ``title``,
``tags`` (separated by ``|`` or ``,``; quote the cell when it holds a comma), ``expires_at``
(ISO 8601), ``max_clicks``, ``password``, ``redirect_status``. Unknown or repeated columns refuse
the whole file, naming them, so a typo never silently drops data (a ``password`` column that
vanished would publish a protected link). Blank rows are skipped. A row with a non-integer
``max_clicks`` / ``redirect_status``, no target, or more cells than the header is refused on its
own; the others are created or refused like one item of ``POST /api/v1/links/batch``. Rows are
named by the line they end on.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from flamingo.links.service import LinkService

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
CHUNK = 500
_TAG_SEPARATORS = re.compile(r"[|,]")
_INTEGER = re.compile(r"-?[0-9]+")
EXTRA_CELLS = "more cells than the header has columns"


class CsvFormatError(ValueError):
    """The file cannot be imported at all (no header, no target column, unknown columns)."""


@dataclass(frozen=True)
class Row:
    """One data row: a batch item, or why the row cannot be sent (``error``)."""

    line: int
    item: dict[str, Any]
    error: str | None = None

    def public(self) -> dict[str, Any]:
        """The row as the shared fixture spells it (``tests/fixtures/import``)."""
        return (
            {"line": self.line, "error": self.error}
            if self.error
            else {
                "line": self.line,
                "item": self.item,
            }
        )


@dataclass
class ImportReport:
    created: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def item_from_record(record: dict[str, str]) -> tuple[dict[str, Any], str | None]:
    """A batch item from one CSV record (empty cells are left out), or the row's error."""
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
    if "target" not in item:
        return item, "target: required"
    return item, None


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
    reader = csv.reader(stream)
    header = _header(next(reader, []))
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, or one of empty cells only (spreadsheets leave those)
        if len(cells) > len(header):
            rows.append(Row(reader.line_num, {}, EXTRA_CELLS))
            continue
        item, error = item_from_record(dict(zip(header, cells, strict=False)))
        rows.append(Row(reader.line_num, item, error))
    return rows


def _chunks(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _detail(error: dict[str, Any]) -> str:
    fields = [e.get("field") for e in error.get("errors", []) if e.get("field")]
    fields += [error["field"]] if error.get("field") else []
    where = f" ({', '.join(fields)})" if fields else ""
    return f"{error.get('detail', 'refused')}{where}"


def import_rows(
    service: LinkService,
    owner_id: str,
    rows: Iterable[Row],
    progress: Callable[[int], None] = lambda _: None,
) -> ImportReport:
    """Create every row's link for ``owner_id``; ``progress(n)`` after each chunk of n rows."""
    report = ImportReport()
    for chunk in _chunks(list(rows), CHUNK):
        valid = [row for row in chunk if row.error is None]
        report.failures += [(row.line, row.error) for row in chunk if row.error is not None]
        results = service.create_many(owner_id, [row.item for row in valid])
        for row, result in zip(valid, results, strict=True):
            if result.link is not None:
                report.created += 1
            else:
                report.failures.append((row.line, _detail(result.error or {})))
        progress(len(chunk))
    report.failures.sort()
    return report
