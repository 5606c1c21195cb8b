"""The peers ``--from`` names, each with the reader of its list-API answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flamingo.links.importers import bitly, kutt, shlink, yourls
from flamingo.links.importers.records import ImportFormatError, Row

Reader = Callable[[Any], list[Row]]
READERS: dict[str, Reader] = {
    "shlink": shlink.read,
    "yourls": yourls.read,
    "kutt": kutt.read,
    "bitly": bitly.read,
}
SOURCES = tuple(READERS)


def read(source: str, raw: bytes | str) -> list[Row]:
    """The rows of a file from ``source``; :class:`ImportFormatError` when it is not JSON or not
    that peer's answer (nothing is imported then)."""
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ImportFormatError(f"not JSON: {exc}") from None
    return rows_of(source, document)


def rows_of(source: str, document: Any) -> list[Row]:
    """The rows of a parsed answer (the API's body) from ``source``."""
    if source not in READERS:
        raise ImportFormatError(f"unknown source {source!r}; known: {', '.join(SOURCES)}")
    return READERS[source](document)
