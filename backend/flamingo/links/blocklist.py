"""The admin-managed domain blocklist: MongoDB (``blocked_domains``) is the truth, Redis the cache.

A target is blocked when any suffix of its host (``a.evil.example``, ``evil.example``,
``example``) is listed. One ``SMISMEMBER`` answers that in a single round trip; the set carries an
empty-string sentinel so "no such key" (a restarted Redis, or the TTL ``BLOCKLIST_CACHE_SECONDS``
elapsed) is told apart from "nothing blocked", and then the set is rebuilt from MongoDB.

A ``blocked_domains`` document is a :class:`BlockedDomain` (the one place naming its fields; the
API answers it as it is, and the OpenAPI ``BlockedDomain`` schema is generated from it)::

    _id          str        the domain, lower-case, IDNA (punycode)
    reason       str        possibly empty
    created_at   datetime (UTC)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import redis
from flask import Flask
from pydantic import BaseModel, ConfigDict, Field
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from flamingo.core import context
from flamingo.core.log import get_logger
from flamingo.core.timefmt import Timestamp, now

Document = dict[str, Any]
CACHE_KEY = "flamingo:blocklist"
_SENTINEL = ""

log = get_logger(__name__)


class AlreadyBlocked(Exception):  # noqa: N818 - a domain outcome
    pass


class BlockedDomain(BaseModel):
    """A blocked domain: no link may point at it or at its subdomains."""

    # Stored with the domain as ``_id``, answered as ``domain``: one model for both.
    model_config = ConfigDict(
        frozen=True, extra="ignore", json_schema_serialization_defaults_required=True
    )
    domain: str = Field(validation_alias="_id")
    reason: str = ""
    created_at: Timestamp

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> BlockedDomain:
        return cls.model_validate(doc)

    def to_doc(self) -> Document:
        return {"_id": self.domain, **self.model_dump(exclude={"domain"})}


class BlockedDomainList(BaseModel):
    model_config = ConfigDict(frozen=True)
    items: list[BlockedDomain]


class DomainBlocklist:
    def __init__(self, db: Database[Document], client: redis.Redis, cache_seconds: int) -> None:
        self.collection = db["blocked_domains"]
        self.redis = client
        self.cache_seconds = cache_seconds

    @classmethod
    def build(cls, app: Flask) -> DomainBlocklist:
        """The app's one instance (``context.service(DomainBlocklist)``)."""
        stores = context.stores_of(app)
        return cls(stores.db, stores.redis, context.settings_of(app).links.blocklist_cache_seconds)

    def entries(self) -> list[BlockedDomain]:
        return [BlockedDomain.from_doc(doc) for doc in self.collection.find({}).sort("_id", 1)]

    def add(self, domain: str, reason: str) -> BlockedDomain:
        entry = BlockedDomain.model_validate({"_id": domain, "reason": reason, "created_at": now()})
        try:
            self.collection.insert_one(entry.to_doc())
        except DuplicateKeyError:
            raise AlreadyBlocked(domain) from None
        self._invalidate()
        return entry

    def remove(self, domain: str) -> bool:
        removed = self.collection.delete_one({"_id": domain}).deleted_count == 1
        self._invalidate()
        return removed

    def first_blocked(self, suffixes: list[str]) -> str | None:
        """The listed entry among ``suffixes`` (a host's own suffixes), if any."""
        try:
            flags = cast("list[int]", self.redis.smismember(CACHE_KEY, [_SENTINEL, *suffixes]))
            if not flags[0]:
                return self._rebuild_and_match(suffixes)
            return next((s for s, hit in zip(suffixes, flags[1:], strict=True) if hit), None)
        except redis.RedisError as exc:
            log.warning("blocklist cache unavailable; reading MongoDB", error=type(exc).__name__)
            return self._match_in_mongo(suffixes)

    def _match_in_mongo(self, suffixes: list[str]) -> str | None:
        found = {doc["_id"] for doc in self.collection.find({"_id": {"$in": suffixes}})}
        return next((s for s in suffixes if s in found), None)

    def _rebuild_and_match(self, suffixes: list[str]) -> str | None:
        domains = {doc["_id"] for doc in self.collection.find({}, {"_id": 1})}
        pipe = self.redis.pipeline()
        pipe.delete(CACHE_KEY)
        pipe.sadd(CACHE_KEY, _SENTINEL, *domains)
        pipe.expire(CACHE_KEY, self.cache_seconds)
        pipe.execute()
        return next((s for s in suffixes if s in domains), None)

    def _invalidate(self) -> None:
        # Every process asks Redis on each check, so dropping the copy is seen at once everywhere.
        try:
            self.redis.delete(CACHE_KEY)
        except redis.RedisError as exc:
            log.warning("could not drop the blocklist cache", error=type(exc).__name__)
