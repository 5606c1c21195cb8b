"""Kutt: the answer of ``GET /api/v2/links`` (``{"total", "limit", "skip", "data": [link, …]}``),
each link as Kutt's ``sanitize.link`` (``server/utils``) renders it: ``id`` (a UUID),
``address``, ``target``, ``description``, ``expire_in``, ``visit_count``, ``password`` (true or
false: the hash is never sent), ``banned``, ``created_at``, ``updated_at``, ``link``.

``address`` → code, ``target``, ``description`` → title, ``expire_in`` → expires_at,
``created_at``, ``visit_count`` → the imported visit count. A password-protected link is refused
(its password cannot be exported, and without it the link would turn public), as is a banned one.
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
    text,
    title,
)


def read(document: Any) -> list[Row]:
    return listed_rows(document, ("data",), _row)


def _row(where: str, record: dict[str, Any]) -> Row:
    code = text(record, "address", required=True)
    if record.get("password") is True:
        raise RowError(
            "password: protected in Kutt, whose API never exports the password; create it here "
            "with a password of your own"
        )
    if record.get("banned") is True:
        raise RowError("banned: banned in Kutt; not imported")
    item = {
        "target": text(record, "target", required=True),
        "title": title(record, "description"),
        "expires_at": moment(record, "expire_in"),
    }
    history = History(moment(record, "created_at"), count(record, "visit_count") or 0)
    return Row(where, code, item, history)
