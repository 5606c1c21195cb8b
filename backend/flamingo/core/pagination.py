"""The one pagination convention: ``?cursor&limit`` in, ``{items, next_cursor}`` out.

Keyset pagination on ``_id``: items created while a client pages never shift later pages, so
nothing is skipped or shown twice. A cursor is opaque (the base64url of the last ObjectId seen);
one we did not hand out is a 400 ``invalid-cursor``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from bson import ObjectId
from bson.errors import InvalidId
from pymongo import ASCENDING, DESCENDING
from pymongo.collection import Collection

from flamingo.core.problems import Problem

Document = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_cursor(last_id: ObjectId) -> str:
    return base64.urlsafe_b64encode(last_id.binary).decode().rstrip("=")


def decode_cursor(cursor: str) -> ObjectId:
    """The position a cursor points after; a cursor we did not hand out is a 400."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        if len(raw) == 12:
            return ObjectId(raw)
    except (binascii.Error, ValueError, InvalidId):
        pass
    raise Problem(400, "invalid-cursor", "cursor is malformed; pass next_cursor back unchanged")


def keyset_page(
    collection: Collection[Document],
    query: Document,
    *,
    cursor: str | None,
    limit: int,
    newest_first: bool = True,
    convert: Callable[[Document], T],
) -> Page[T]:
    """One page of ``query`` ordered by ``_id``, fetched with a single ``limit + 1`` read."""
    query = dict(query)
    if cursor:
        query["_id"] = {"$lt" if newest_first else "$gt": decode_cursor(cursor)}
    order = DESCENDING if newest_first else ASCENDING
    docs = list(collection.find(query).sort("_id", order).limit(limit + 1))
    next_cursor = encode_cursor(docs[limit - 1]["_id"]) if len(docs) > limit else None
    return Page(items=[convert(doc) for doc in docs[:limit]], next_cursor=next_cursor)
