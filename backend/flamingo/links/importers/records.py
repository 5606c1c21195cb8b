"""What every peer's reader shares: the row it yields, the file's pages, and the few value shapes
the peers' answers use (ISO or SQL times, counts sent as numbers or strings, short URLs)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from flamingo.links.importers.history import History
from flamingo.links.models import MAX_TITLE


class ImportFormatError(ValueError):
    """The file is not what the chosen peer's list API answers: nothing is imported."""


class RowError(ValueError):
    """One record cannot be imported; the message names the field."""


@dataclass(frozen=True)
class Row:
    """One source record: where it is in the file, its code, and the create item (the fields of
    ``POST /api/v1/links`` but ``alias``) and history, or why it cannot be imported."""

    where: str
    code: str | None
    item: dict[str, Any] = field(default_factory=dict)
    history: History = field(default_factory=History)
    error: str | None = None


def pages(document: Any, *, key: str) -> Iterator[tuple[str, Any]]:
    """The response bodies of a file: one body (an object), or a JSON array of them (pages);
    each with its label for row names (``page 2``)."""
    if isinstance(document, dict):
        yield "", document
        return
    if not isinstance(document, list) or not document:
        raise ImportFormatError(
            f"expected one response body (an object with {key!r}) or an array of them"
        )
    for number, body in enumerate(document, start=1):
        if not isinstance(body, dict):
            raise ImportFormatError(f"page {number}: expected an object with {key!r}")
        yield f"page {number}, ", body


def member(body: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = body.get(key)
    if not isinstance(value, kind):
        raise ImportFormatError(f"{where}no {key!r} {kind.__name__} (is this the right --from?)")
    return value


def listed_rows(document: Any, path: tuple[str, ...], read: Any) -> list[Row]:
    """The rows of a list answer, every page of it: the array at ``path`` in each body
    (``("shortUrls", "data")``: an object, then the array in it), each record read by ``read``
    (as :func:`row` does). Rows are named by where they stand (``page 2, shortUrls.data[3]``)."""
    rows = []
    for label, body in pages(document, key=path[0]):
        value, where = body, label
        for depth, key in enumerate(path):
            value = member(value, key, list if depth == len(path) - 1 else dict, where)
            where = f"{label}{'.'.join(path[: depth + 1])}: "
        named = label + ".".join(path)
        rows += [row(f"{named}[{i}]", record, read) for i, record in enumerate(value)]
    return rows


def text(record: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    value = record.get(name)
    if value is None or value == "":
        if required:
            raise RowError(f"{name}: missing")
        return None
    if not isinstance(value, str):
        raise RowError(f"{name}: not a string")
    return value


def title(record: dict[str, Any], name: str) -> str | None:
    """Titles are page titles the peers fetched: too long ones are cut, not refused."""
    value = text(record, name)
    return value.strip()[:MAX_TITLE] or None if value is not None else None


def moment(record: dict[str, Any], name: str) -> datetime | None:
    """An ISO 8601 time (``+0000`` and ``Z`` too) or an SQL ``YYYY-MM-DD HH:MM:SS``; without an
    offset it is read as UTC."""
    value = text(record, name)
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise RowError(f"{name}: not a date and time ({value!r})") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def count(record: dict[str, Any], name: str) -> int | None:
    """A whole number ≥ 0, sent as a number or a string of digits (YOURLS sends strings)."""
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    raise RowError(f"{name}: not a whole number ({value!r})")


def tags(record: dict[str, Any], name: str) -> list[str]:
    value = record.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise RowError(f"{name}: not a list of strings")
    return value


def code_of(url: str, name: str) -> str:
    """The code of a short URL: the last segment of its path (``https://sho.rt/abc`` → ``abc``;
    YOURLS may live in a folder: ``https://example.com/s/abc`` → ``abc``)."""
    code = urlsplit(url if "://" in url else f"//{url}").path.strip("/").rsplit("/", 1)[-1]
    if not code:
        raise RowError(f"{name}: no code in {url!r}")
    return code


def row(where: str, record: Any, read: Any) -> Row:
    """``read(record) -> Row`` with a record that is not an object, or a :class:`RowError`,
    turned into the row's error."""
    if not isinstance(record, dict):
        return Row(where, None, error="not an object")
    try:
        result: Row = read(where, record)
    except RowError as exc:
        return Row(where, None, error=str(exc))
    return result
