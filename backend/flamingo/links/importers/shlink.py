"""Shlink: the answer of ``GET /rest/v3/short-urls`` (``{"shortUrls": {"data": [ShortUrl, …],
"pagination": {…}}}``), as Shlink's OpenAPI document (``docs/swagger``, ``ShortUrl``,
``ShortUrlMeta``, ``VisitsSummary``) describes it.

``shortCode`` → code, ``longUrl`` → target, ``title``, ``tags``, ``dateCreated`` → created_at,
``meta.validSince`` → valid_from, ``meta.validUntil`` → expires_at, ``meta.maxVisits`` →
max_clicks, ``forwardQuery`` → forward_query, ``visitsSummary.total`` (Shlink ≥ 3.5; older:
``visitsCount``) → the imported visit count. ``domain`` is not kept: links land on the domain
the import names (default: the default domain).
"""

from __future__ import annotations

from typing import Any

from flamingo.links.importers.history import History
from flamingo.links.importers.records import (
    Row,
    RowError,
    count,
    listed_rows,
    moment,
    tags,
    text,
    title,
)


def read(document: Any) -> list[Row]:
    return listed_rows(document, ("shortUrls", "data"), _row)


def _row(where: str, record: dict[str, Any]) -> Row:
    code = text(record, "shortCode", required=True)
    meta = record.get("meta") or {}
    if not isinstance(meta, dict):
        raise RowError("meta: not an object")
    summary = record.get("visitsSummary")
    visits = count(summary, "total") if isinstance(summary, dict) else count(record, "visitsCount")
    forward = record.get("forwardQuery", False)
    item = {
        "target": text(record, "longUrl", required=True),
        "title": title(record, "title"),
        "tags": tags(record, "tags"),
        "valid_from": moment(meta, "validSince"),
        "expires_at": moment(meta, "validUntil"),
        "max_clicks": count(meta, "maxVisits"),
        "forward_query": forward if isinstance(forward, bool) else False,
    }
    history = History(moment(record, "dateCreated"), visits or 0)
    return Row(where, code, item, history)
