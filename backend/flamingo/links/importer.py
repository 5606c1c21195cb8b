"""CSV import of links (``flamingo import FILE.csv --owner EMAIL``).

The file has a header row. ``target`` is required; the other columns are optional and may be
left empty: ``alias``, ``title``, ``tags`` (separated by ``|`` or ``,``), ``expires_at`` (ISO 8601),
``max_clicks``, ``password``, ``redirect_status``. Unknown columns are refused up front, so a typo
never silently drops data. Every row is created or refused on its own, exactly like one item of
``POST /api/v1/links/batch``; the report names each refused row by its line number.
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


class CsvFormatError(ValueError):
    """The file cannot be imported at all (no header, no target column, unknown columns)."""


@dataclass(frozen=True)
class Row:
    line: int
    item: dict[str, Any]


@dataclass
class ImportReport:
    created: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def _integer(value: str) -> int | str:
    try:
        return int(value)
    except ValueError:
        return value  # validation names the field


def item_from_record(record: dict[str, str]) -> dict[str, Any]:
    """A batch item from one CSV record: empty cells are left out."""
    item: dict[str, Any] = {}
    for name, raw in record.items():
        value = (raw or "").strip()
        if not value:
            continue
        if name == "tags":
            item["tags"] = [tag for tag in _TAG_SEPARATORS.split(value) if tag.strip()]
        elif name in INTEGER_COLUMNS:
            item[name] = _integer(value)
        else:
            item[name] = value
    return item


def read_rows(stream: TextIO) -> list[Row]:
    reader = csv.DictReader(stream)
    header = [name.strip() for name in reader.fieldnames or []]
    if not header:
        raise CsvFormatError("the file is empty; the first line must name the columns")
    unknown = sorted(set(header) - set(COLUMNS))
    if unknown:
        raise CsvFormatError(
            f"unknown column(s): {', '.join(unknown)}; known: {', '.join(COLUMNS)}"
        )
    if "target" not in header:
        raise CsvFormatError("the header has no 'target' column")
    reader.fieldnames = header
    rows = []
    for record in reader:
        if None in record:  # more cells than header names
            rows.append(Row(reader.line_num, {"__extra__": record.pop(None)}))
            continue
        rows.append(Row(reader.line_num, item_from_record(record)))
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
        valid = [row for row in chunk if "__extra__" not in row.item]
        for row in chunk:
            if "__extra__" in row.item:
                report.failures.append((row.line, "more cells than the header has columns"))
        results = service.create_many(owner_id, [row.item for row in valid])
        for row, result in zip(valid, results, strict=True):
            if result.link is not None:
                report.created += 1
            else:
                report.failures.append((row.line, _detail(result.error or {})))
        progress(len(chunk))
    report.failures.sort()
    return report
