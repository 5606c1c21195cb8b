"""The ``links`` collection: the one place that builds its queries.

A link document::

    _id                ObjectId    its API id is ``str(_id)``
    code               str         the short code or alias; unique (index ``code_unique``),
                                   case-sensitive, never changes after creation
    owner_id           str         ``str(users._id)`` of the owner
    target             str         normalised http(s) URL (``urlpolicy.check_target``)
    title              str | None
    tags               list[str]   possibly empty; filter with ``?tag=``
    expires_at         datetime | None (UTC)   from then on the redirect answers 410
    max_clicks         int | None  > 0; clicks beyond it answer 410 (counter in Redis,
                                   key ``clicks:cap:<_id>``)
    password_hash      str | None  argon2id (argon2-cffi); never returned by the API
    redirect_status    int         301, 302 (default), 307 or 308
    disabled           bool        set by the owner or an admin; the redirect answers 410
    disabled_by_admin  bool        an admin disabled it; only an admin may enable it again
    created_at         datetime (UTC)
    updated_at         datetime (UTC)

Other modules (stats, the SPA's API) read links through :func:`get_owned_link` and
:class:`LinkRepository`, never with queries of their own.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bson import ObjectId
from bson.errors import InvalidId
from flask import current_app
from pymongo import DESCENDING, ReturnDocument
from pymongo.database import Database

from flamingo.accounts.auth import Principal, ensure_owner
from flamingo.core.problems import Problem

Document = dict[str, Any]
COLLECTION = "links"
MAX_PAGE = 100


@dataclass(frozen=True)
class Page:
    items: list[Document]
    next_cursor: str | None


def object_id(link_id: str) -> ObjectId | None:
    """The ObjectId of an API id, or None when it cannot be one (callers answer 404)."""
    try:
        return ObjectId(link_id)
    except (InvalidId, TypeError):
        return None


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


def aware(moment: datetime | None) -> datetime | None:
    """Drivers and mocks may hand back naive UTC datetimes; make them explicit."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


class LinkRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.collection = db[COLLECTION]

    def insert(self, doc: Document) -> Document:
        """Insert a new link; ``DuplicateKeyError`` when its code is taken."""
        result = self.collection.insert_one(doc)
        doc["_id"] = result.inserted_id
        return doc

    def by_code(self, code: str) -> Document | None:
        return self.collection.find_one({"code": code})

    def by_id(self, link_id: str) -> Document | None:
        oid = object_id(link_id)
        return None if oid is None else self.collection.find_one({"_id": oid})

    def update(
        self, link_id: ObjectId, changes: Mapping[str, Any], *, owner_id: str | None = None
    ) -> Document | None:
        """Apply ``$set`` changes (a value of None unsets the field); the document after."""
        query: Document = {"_id": link_id}
        if owner_id is not None:
            query["owner_id"] = owner_id
        to_set = {k: v for k, v in changes.items() if v is not None}
        to_unset = {k: "" for k, v in changes.items() if v is None}
        update: Document = {}
        if to_set:
            update["$set"] = to_set
        if to_unset:
            update["$unset"] = to_unset
        if not update:
            return self.collection.find_one(query)
        return self.collection.find_one_and_update(
            query, update, return_document=ReturnDocument.AFTER
        )

    def owners(self, link_ids: Iterable[str]) -> dict[str, str]:
        """``{link_id: owner_id}`` of the links that exist, in one ``$in`` query."""
        oids = [oid for oid in map(object_id, link_ids) if oid is not None]
        docs = self.collection.find({"_id": {"$in": oids}}, {"owner_id": 1})
        return {str(doc["_id"]): str(doc["owner_id"]) for doc in docs}

    def delete(self, link_id: ObjectId) -> Document | None:
        return self.collection.find_one_and_delete({"_id": link_id})

    def page(
        self,
        *,
        owner_id: str | None,
        cursor: str | None,
        limit: int,
        q: str | None = None,
        tag: str | None = None,
    ) -> Page:
        """Newest first, keyset-paginated on ``_id``: links created while a client pages never
        shift later pages, so nothing is skipped or shown twice."""
        query: Document = {}
        if owner_id is not None:
            query["owner_id"] = owner_id
        if cursor:
            query["_id"] = {"$lt": decode_cursor(cursor)}
        if tag:
            query["tags"] = tag
        if q:
            # A plain case-insensitive substring, escaped: users type text, not patterns.
            pattern = {"$regex": re.escape(q), "$options": "i"}
            query["$or"] = [{"title": pattern}, {"target": pattern}, {"code": pattern}]
        limit = max(1, min(limit, MAX_PAGE))
        docs = list(self.collection.find(query).sort("_id", DESCENDING).limit(limit + 1))
        next_cursor = encode_cursor(docs[limit - 1]["_id"]) if len(docs) > limit else None
        return Page(items=docs[:limit], next_cursor=next_cursor)


def repository() -> LinkRepository:
    """The repository of the current app's database."""
    return LinkRepository(current_app.extensions["flamingo.core.stores"].db)


def get_owned_link(principal: Principal, link_id: str) -> Document:
    """The link if ``principal`` owns it (or is an admin); 404 otherwise, never 403, so that
    nobody learns which ids exist."""
    doc = repository().by_id(link_id)
    if doc is None:
        raise Problem(404, "not-found", "no such object")
    ensure_owner(principal, doc["owner_id"])
    return doc
