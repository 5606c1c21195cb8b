"""``click_events``: the one place that queries the raw click events (:mod:`flamingo.stats.events`).

Writes are inserts by a deterministic ``_id`` only (never read-modify-write: FerretDB v1 is not
MongoDB under concurrency, docs/architecture.md), so a redelivered batch inserts nothing twice.
Every read is bounded by an ``_id`` range (the ``_id`` starts with the click's second), served by
the indexes ``link_newest`` / ``workspace_newest`` (core/indexes.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, NamedTuple

from bson import ObjectId
from pymongo.database import Database
from pymongo.errors import BulkWriteError, PyMongoError

from flamingo.core.pagination import Page, keyset_page
from flamingo.stats.events import COLLECTION, ClickEvent
from flamingo.stats.filters import StatsFilters, event_query

Document = dict[str, Any]
DUPLICATE_KEY = 11000
RETENTION_INDEX = "at_retention"
# A find's batch: big enough that a filtered month of one link is a handful of round trips.
READ_BATCH = 5000


class Scope(NamedTuple):
    """Whose events: one link's or one workspace's."""

    field: Literal["link_id", "workspace_id"]
    id: str


def event_oid(at: datetime, entry_id: str) -> ObjectId:
    """The ``_id`` of the event of stream entry ``entry_id``: the click's second, then 8 bytes of
    a hash of the entry id (the same entry always gets the same id)."""
    seconds = int(at.timestamp()).to_bytes(4, "big")
    return ObjectId(seconds + hashlib.blake2b(entry_id.encode(), digest_size=8).digest())


def event_id(at: datetime, entry_id: str) -> str:
    """:func:`event_oid` as the model's string."""
    return str(event_oid(at, entry_id))


# An ObjectId holds its time as 4 bytes of seconds: no event is stored outside these bounds, and a
# range asked beyond them (schemathesis asks for the year 9426) is clamped, not a 500.
OID_FIRST = datetime.fromtimestamp(0, UTC)
OID_LAST = datetime.fromtimestamp(2**32 - 1, UTC)


def _oid_at(moment: datetime) -> ObjectId:
    return ObjectId.from_datetime(min(max(moment, OID_FIRST), OID_LAST))


def id_range(first: date, last: date) -> Document:
    """``_id`` bounds of the UTC days ``first..last`` (both included)."""
    start = datetime.combine(min(first, OID_LAST.date()), time(), UTC)
    end = datetime.combine(min(last, OID_LAST.date()), time(), UTC) + timedelta(days=1)
    return {"$gte": _oid_at(start), "$lt": _oid_at(end)}


class ClickEventRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.events = db[COLLECTION]

    def insert(self, events: Sequence[ClickEvent]) -> int:
        """Insert a batch (unordered); events already stored (a redelivered batch) are skipped.
        Returns how many were new. Any other refusal raises: the batch is not acknowledged."""
        return self.insert_documents([e.to_doc() for e in events])

    def insert_documents(self, docs: list[Document]) -> int:
        """:meth:`insert` of documents already in ``ClickEvent``'s shape (the worker's)."""
        if not docs:
            return 0
        try:
            result = self.events.insert_many(docs, ordered=False)
        except BulkWriteError as exc:
            errors = exc.details.get("writeErrors", [])
            if any(error.get("code") != DUPLICATE_KEY for error in errors):
                raise
            return int(exc.details.get("nInserted", 0))
        return len(result.inserted_ids)

    def _query(self, scope: Scope, first: date, last: date, filters: StatsFilters) -> Document:
        return {
            scope.field: scope.id,
            **event_query(filters),
            "$and": [{"_id": id_range(first, last)}],
        }

    def scan(
        self, scope: Scope, first: date, last: date, filters: StatsFilters, fields: Iterable[str]
    ) -> Iterator[Document]:
        """The ``fields`` of every event of ``scope`` in the range that matches ``filters``, as
        stored documents: a report folds hundreds of thousands of them, and a model each
        (``ClickEvent.from_doc``) was most of its time. The store sends only ``fields``."""
        projection: Document = {"_id": 0, **dict.fromkeys(fields, 1)}
        query = self._query(scope, first, last, filters)
        return iter(self.events.find(query, projection).batch_size(READ_BATCH))

    def page(
        self,
        scope: Scope,
        first: date,
        last: date,
        filters: StatsFilters,
        *,
        cursor: str | None,
        limit: int,
    ) -> Page[ClickEvent]:
        """One page, newest first (keyset on ``_id``: the click's time)."""
        return keyset_page(
            self.events,
            self._query(scope, first, last, filters),
            cursor=cursor,
            limit=limit,
            convert=ClickEvent.from_doc,
        )

    def erase_link(self, link_id: str) -> int:
        """Delete every event of a link (erasure); returns how many."""
        return int(self.events.delete_many({"link_id": link_id}).deleted_count)

    def sweep(self, before: datetime) -> int:
        """Delete the events older than ``before`` (where no TTL index does it)."""
        return int(self.events.delete_many({"at": {"$lt": before}}).deleted_count)


def supports_ttl(db: Database[Document]) -> bool:
    """Whether the server removes expired documents by a TTL index: MongoDB and Atlas do;
    FerretDB v1 (``buildInfo`` has ``ferretdbVersion``) and the embedded store do not."""
    try:
        info = db.client.admin.command("buildInfo")
    except (PyMongoError, NotImplementedError, AttributeError):
        return False
    return "version" in info and not any(key.startswith("ferretdb") for key in info)


def ensure_retention(db: Database[Document], days: int) -> str:
    """The index on ``at``: a TTL index of ``days`` where the server has them, else a plain one
    (the click worker then sweeps). A changed retention replaces the index. Returns its name."""
    collection = db[COLLECTION]
    options: Document = {"expireAfterSeconds": days * 86400} if supports_ttl(db) else {}
    existing = collection.index_information().get(RETENTION_INDEX)
    if existing is not None and existing.get("expireAfterSeconds") != options.get(
        "expireAfterSeconds"
    ):
        collection.drop_index(RETENTION_INDEX)
    collection.create_index([("at", 1)], name=RETENTION_INDEX, **options)
    return f"{COLLECTION}.{RETENTION_INDEX}"
