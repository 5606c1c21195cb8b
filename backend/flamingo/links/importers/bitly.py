"""Bitly: the answer of ``GET /v4/groups/{group_guid}/bitlinks`` (``{"links": [BitlinkBody, …],
"pagination": {"prev", "next", "size", "page", "total"}}``), each ``BitlinkBody`` as Bitly's API
reference (dev.bitly.com, "Retrieve Bitlinks by Group") describes it: ``id`` (``bit.ly/abc``),
``link``, ``custom_bitlinks``, ``long_url``, ``title``, ``archived``, ``created_at``
(``2020-01-31T12:00:00+0000``), ``created_by``, ``tags``, ``deeplinks``, ``references``.

The code: the path of the first custom back-half (``custom_bitlinks``, what its owner chose and
shared), else of ``link`` (else of ``id``); ``long_url`` → target, ``title``, ``tags``,
``created_at``. Bitly's list carries no visit count, expiry or click limit.
"""

from __future__ import annotations

from typing import Any

from flamingo.links.importers.history import History
from flamingo.links.importers.records import (
    Row,
    RowError,
    code_of,
    listed_rows,
    moment,
    tags,
    text,
    title,
)


def read(document: Any) -> list[Row]:
    return listed_rows(document, ("links",), _row)


def _code(record: dict[str, Any]) -> str:
    custom = record.get("custom_bitlinks") or []
    if not isinstance(custom, list) or not all(isinstance(c, str) for c in custom):
        raise RowError("custom_bitlinks: not a list of strings")
    if custom:
        return code_of(custom[0], "custom_bitlinks")
    name = "link" if record.get("link") else "id"
    return code_of(text(record, name, required=True) or "", name)


def _row(where: str, record: dict[str, Any]) -> Row:
    item = {
        "target": text(record, "long_url", required=True),
        "title": title(record, "title"),
        "tags": tags(record, "tags"),
    }
    return Row(where, _code(record), item, History(moment(record, "created_at")))
