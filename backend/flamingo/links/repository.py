"""The ``links`` collection: the one place that builds its queries.

A link document::

    _id                ObjectId    its API id is ``str(_id)``
    domain             str         the host of its branded domain (``links.domains``); links made
                                   before domains existed get the default one (``ensure-indexes``)
    code               str         the short code or alias; unique per domain (index
                                   ``domain_code_unique``), case-sensitive; the owner may change
                                   it (PATCH ``alias``)
    owner_id           str         ``str(users._id)`` of the user who made it
    workspace_id       str         ``str(workspaces._id)`` it belongs to (who may see it is decided
                                   by its membership, ``flamingo.workspaces.service``); links made
                                   before workspaces get the owner's personal one (``migrate``)
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
    rules              list | absent    ``[{if: {device?, os?, language?, country?, query?,
                                   after?, before?}, target}]`` (``links.rules``)
    variants           list | absent    ``[{target, weight}]``, a sticky weighted split
    forward_query      bool | absent    append the visitor's query string to the target
    valid_from         datetime | absent   before it the link answers 404
    expired_redirect   str | absent     where an expired / disabled / over-cap link sends visitors
    clicks_total       int | absent    clicks folded by the click worker so far (absent: none yet);
                                   the list's ``?sort=clicks`` (``links.listing``)
    created_at         datetime (UTC)
    updated_at         datetime (UTC)

Other modules read links through :class:`flamingo.links.service.LinkService` (which also decides
who may see a link) or this repository, never with queries of their own. The repository knows
nothing of Flask or of who is asking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from bson import ObjectId
from pymongo import DESCENDING, ReturnDocument
from pymongo.database import Database

from flamingo.core.bulk import Update, bulk_update
from flamingo.core.ids import object_id
from flamingo.core.pagination import Page, keyset_page
from flamingo.links.listing import after_clicks_cursor, encode_clicks_cursor

Document = dict[str, Any]
COLLECTION = "links"
MAX_PAGE = 100
MAX_DOMAINS_PER_CODE = 1000  # a bound on one lookup; far above any install's domain count


class LinkRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.collection = db[COLLECTION]

    def insert(self, doc: Document) -> Document:
        """Insert a new link; ``DuplicateKeyError`` when its code is taken."""
        result = self.collection.insert_one(doc)
        doc["_id"] = result.inserted_id
        return doc

    def by_code(self, domain: str, code: str, *, default: bool = False) -> Document | None:
        """The link of ``domain``/``code``. On the default domain a link without ``domain`` (made
        by a pod of the release before branded domains, while both run) counts as its own.

        One equality read on the indexed ``code`` (the few links sharing a code on other domains
        are told apart here): FerretDB pushes only plain equality down to its index, so an
        ``$in`` / ``$exists`` filter would scan the whole collection on every cache miss.
        """
        for doc in self.collection.find({"code": code}).limit(MAX_DOMAINS_PER_CODE):
            owner = doc.get("domain")
            if owner == domain or (default and owner is None):
                return doc
        return None

    def any_in_workspace(self, workspace_id: str) -> bool:
        return self.collection.find_one({"workspace_id": workspace_id}, {"_id": 1}) is not None

    def any_on_domain(self, domain: str) -> bool:
        return self.collection.find_one({"domain": domain}, {"_id": 1}) is not None

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

    def workspaces_of(self, link_ids: Iterable[str]) -> dict[str, str]:
        """``{link_id: workspace_id}`` of the links that exist, in one ``$in`` query (a link made
        before workspaces belongs to its owner's personal workspace, whose id is the owner's)."""
        oids = [oid for oid in map(object_id, link_ids) if oid is not None]
        docs = self.collection.find({"_id": {"$in": oids}}, {"owner_id": 1, "workspace_id": 1})
        return {str(doc["_id"]): str(doc.get("workspace_id") or doc["owner_id"]) for doc in docs}

    def labels_of(self, link_ids: Iterable[str]) -> dict[str, str]:
        """``{link_id: "host/code"}`` of the links that exist, in one ``$in`` query (the audit
        log names links by their short address)."""
        oids = [oid for oid in map(object_id, link_ids) if oid is not None]
        docs = self.collection.find({"_id": {"$in": oids}}, {"domain": 1, "code": 1})
        return {
            str(doc["_id"]): f"{doc['domain']}/{doc['code']}" if doc.get("domain") else doc["code"]
            for doc in docs
        }

    def delete(self, link_id: ObjectId) -> Document | None:
        return self.collection.find_one_and_delete({"_id": link_id})

    def page(
        self,
        *,
        owner_id: str | None,
        cursor: str | None,
        workspace_id: str | None = None,
        limit: int,
        q: str | None = None,
        tag: str | None = None,
        sort: str = "newest",
    ) -> Page[Document]:
        """Newest first (see :mod:`flamingo.core.pagination`), or with ``sort="clicks"`` most
        clicked first (ties newest first; see :mod:`flamingo.links.listing`)."""
        query: Document = {}
        if owner_id is not None:
            query["owner_id"] = owner_id
        if workspace_id is not None:
            query["workspace_id"] = workspace_id
        if tag:
            query["tags"] = tag
        if q:
            # A plain case-insensitive substring, escaped: users type text, not patterns.
            pattern = {"$regex": re.escape(q), "$options": "i"}
            query["$or"] = [{"title": pattern}, {"target": pattern}, {"code": pattern}]
        limit = max(1, min(limit, MAX_PAGE))
        if sort == "clicks":
            return self._page_by_clicks(query, cursor, limit)
        return keyset_page(self.collection, query, cursor=cursor, limit=limit, convert=dict)

    def _page_by_clicks(self, query: Document, cursor: str | None, limit: int) -> Page[Document]:
        if cursor:
            query = {"$and": [query, after_clicks_cursor(cursor)]}
        order = [("clicks_total", DESCENDING), ("_id", DESCENDING)]
        docs = list(self.collection.find(query).sort(order).limit(limit + 1))
        next_cursor = encode_clicks_cursor(docs[limit - 1]) if len(docs) > limit else None
        return Page(items=docs[:limit], next_cursor=next_cursor)

    def add_clicks(self, totals: Mapping[str, int]) -> None:
        """Count a folded batch into each link's ``clicks_total`` (the click worker), in slices."""
        bulk_update(
            self.collection,
            [
                Update({"_id": oid}, {"$inc": {"clicks_total": count}})
                for oid, count in ((object_id(i), n) for i, n in totals.items())
                if oid is not None and count
            ],
        )
