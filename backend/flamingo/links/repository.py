"""The ``links`` collection: the one place that builds its queries and turns its documents into
:class:`~flamingo.links.link.Link` models and back (the document's shape: ``links.link``).

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
from flamingo.links.link import Link, workspace_in
from flamingo.links.listing import after_clicks_cursor, encode_clicks_cursor

Document = dict[str, Any]
COLLECTION = "links"
MAX_PAGE = 100
MAX_DOMAINS_PER_CODE = 1000  # a bound on one lookup; far above any install's domain count


class LinkRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.collection = db[COLLECTION]

    def insert(self, link: Link) -> Link:
        """Insert a new link; ``DuplicateKeyError`` when its code is taken."""
        self.collection.insert_one(link.to_doc())
        return link

    def by_code(self, domain: str, code: str, *, default: bool = False) -> Link | None:
        """The link of ``domain``/``code``. On the default domain a link without ``domain`` (made
        by a pod of the release before branded domains, while both run) counts as its own.

        One equality read on the indexed ``code`` (the few links sharing a code on other domains
        are told apart here): FerretDB pushes only plain equality down to its index, so an
        ``$in`` / ``$exists`` filter would scan the whole collection on every cache miss.
        """
        for doc in self.collection.find({"code": code}).limit(MAX_DOMAINS_PER_CODE):
            owner = doc.get("domain")
            if owner == domain or (default and owner is None):
                return Link.from_doc(doc)
        return None

    def doc_by_code(self, domain: str, code: str, *, default: bool = False) -> Document | None:
        """:meth:`by_code` as the stored document (what the link cache builds its entry from)."""
        link = self.by_code(domain, code, default=default)
        return None if link is None else link.to_doc()

    def any_in_workspace(self, workspace_id: str) -> bool:
        return self.collection.find_one({"workspace_id": workspace_id}, {"_id": 1}) is not None

    def any_on_domain(self, domain: str) -> bool:
        return self.collection.find_one({"domain": domain}, {"_id": 1}) is not None

    def by_id(self, link_id: str) -> Link | None:
        oid = object_id(link_id)
        doc = None if oid is None else self.collection.find_one({"_id": oid})
        return None if doc is None else Link.from_doc(doc)

    def update(self, link: Link, changed: Link) -> Link | None:
        """Write what differs between ``link`` (as read) and ``changed`` — ``$set`` the fields
        that changed, ``$unset`` those gone — and nothing else (the click worker's
        ``clicks_total`` stays its own); the link after, None if it is gone."""
        before, after = link.to_doc(), changed.to_doc()
        query: Document = {"_id": before["_id"]}
        to_set = {
            k: v for k, v in after.items() if k != "_id" and (k not in before or before[k] != v)
        }
        to_unset = {k: "" for k in before if k not in after}
        update: Document = {}
        if to_set:
            update["$set"] = to_set
        if to_unset:
            update["$unset"] = to_unset
        if not update:
            doc = self.collection.find_one(query)
        else:
            doc = self.collection.find_one_and_update(
                query, update, return_document=ReturnDocument.AFTER
            )
        return None if doc is None else Link.from_doc(doc)

    def workspaces_of(self, link_ids: Iterable[str]) -> dict[str, str]:
        """``{link_id: workspace_id}`` of the links that exist, in one ``$in`` query (a link made
        before workspaces belongs to its owner's personal workspace, whose id is the owner's)."""
        oids = [oid for oid in map(object_id, link_ids) if oid is not None]
        docs = self.collection.find({"_id": {"$in": oids}}, {"owner_id": 1, "workspace_id": 1})
        return {str(doc["_id"]): workspace_in(doc) for doc in docs}

    def domains_of(self, link_ids: Iterable[str]) -> dict[str, str | None]:
        """``{link_id: domain}`` of the links that exist, in one ``$in`` query (``None``: a link
        of the release before branded domains, on the default one)."""
        oids = [oid for oid in map(object_id, link_ids) if oid is not None]
        docs = self.collection.find({"_id": {"$in": oids}}, {"domain": 1})
        return {str(doc["_id"]): doc.get("domain") for doc in docs}

    def labels_of(self, link_ids: Iterable[str]) -> dict[str, str]:
        """``{link_id: "host/code"}`` of the links that exist, in one ``$in`` query (the audit
        log names links by their short address)."""
        oids = [oid for oid in map(object_id, link_ids) if oid is not None]
        docs = self.collection.find({"_id": {"$in": oids}}, {"domain": 1, "code": 1})
        return {
            str(doc["_id"]): f"{doc['domain']}/{doc['code']}" if doc.get("domain") else doc["code"]
            for doc in docs
        }

    def delete(self, link: Link) -> None:
        self.collection.delete_one({"_id": ObjectId(link.id)})

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
    ) -> Page[Link]:
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
        return keyset_page(
            self.collection, query, cursor=cursor, limit=limit, convert=Link.from_doc
        )

    def _page_by_clicks(self, query: Document, cursor: str | None, limit: int) -> Page[Link]:
        if cursor:
            query = {"$and": [query, after_clicks_cursor(cursor)]}
        order = [("clicks_total", DESCENDING), ("_id", DESCENDING)]
        docs = list(self.collection.find(query).sort(order).limit(limit + 1))
        next_cursor = encode_clicks_cursor(docs[limit - 1]) if len(docs) > limit else None
        return Page(items=[Link.from_doc(doc) for doc in docs[:limit]], next_cursor=next_cursor)

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
