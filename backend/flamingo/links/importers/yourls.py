"""YOURLS: the JSON answer of ``yourls-api.php?action=stats&format=json`` (``{"links": {"link_1":
{…}, …}, "stats": {"total_links", "total_clicks"}, "statusCode", "message"}``), each link as
YOURLS' ``yourls_get_stats`` (``includes/functions.php``) builds it: ``shorturl``, ``url``,
``title``, ``timestamp`` (MySQL ``YYYY-MM-DD HH:MM:SS``, read as UTC), ``ip``, ``clicks`` (a
string of digits, as MySQL hands it over).

The last path segment of ``shorturl`` → code (YOURLS' keywords: 1-2 characters are common and
kept), ``url`` → target, ``title``, ``timestamp`` → created_at, ``clicks`` → the imported visit
count. YOURLS has no tags, expiry or click limit.
"""

from __future__ import annotations

import re
from typing import Any

from flamingo.links.importers.history import History
from flamingo.links.importers.records import (
    ImportFormatError,
    Row,
    code_of,
    count,
    moment,
    pages,
    row,
    text,
    title,
)

_NUMBER = re.compile(r"link_([0-9]+)")


def read(document: Any) -> list[Row]:
    rows = []
    for label, body in pages(document, key="links"):
        links = body.get("links")
        if links is None and isinstance(body.get("stats"), dict):
            continue  # YOURLS leaves "links" out when there are none
        if isinstance(links, list) and not links:
            continue  # PHP's empty array
        if not isinstance(links, dict):
            raise ImportFormatError(f"{label}no 'links' object (is this the right --from?)")
        rows += [row(f"{label}links.{key}", links[key], _row) for key in sorted(links, key=_order)]
    return rows


def _order(key: str) -> tuple[int, str]:
    number = _NUMBER.fullmatch(key)
    return (int(number.group(1)) if number else 0, key)


def _row(where: str, record: dict[str, Any]) -> Row:
    code = code_of(text(record, "shorturl", required=True) or "", "shorturl")
    item = {"target": text(record, "url", required=True), "title": title(record, "title")}
    history = History(moment(record, "timestamp"), count(record, "clicks") or 0)
    return Row(where, code, item, history)
