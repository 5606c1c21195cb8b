"""The raw click event: one document per click in ``click_events``, written by the click worker in
the batch that folds the counters (:mod:`flamingo.clicks.rawevents`), read by filtered stats and
the visit log (:mod:`flamingo.stats.eventstore`).

A document::

    _id          ObjectId   4 bytes: the click's second; 8 bytes: a hash of the stream entry id.
                            Deterministic, so a batch redelivered after a crash inserts nothing
                            twice (a duplicate ``_id`` is ignored), and ``_id`` order is time
                            order (the visit log pages newest first on it).
    at           datetime   the click (UTC, ms); the TTL index (MongoDB) or the sweep (FerretDB)
                            removes it ``CLICK_EVENTS_RETENTION_DAYS`` later
    link_id, workspace_id, domain, code     str (workspace/domain absent for a deleted link)
    country      str        ISO 3166-1 alpha-2 from the load balancer ("" unknown)
    region       str        absent unless the load balancer sends a region header
    referrer     str        host only ("" none)
    browser, os, device     str (the worker's User-Agent classification)
    bot          bool
    language     str        primary tag of Accept-Language's first entry ("" none)
    rule, variant           int | absent   the redirect rule matched / the variant chosen
    utm_source, utm_medium, utm_campaign, utm_term, utm_content    str | absent
    visitor      str        HMAC-SHA256 (truncated) of the visit's IP + User-Agent hash under a
                            random salt of the click's UTC day, kept in Redis two days and then
                            gone: the same visitor matches within a day, never across days

Never stored: the IP address, the full User-Agent, the Referer's path or query, any other query
parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Final

from bson import ObjectId
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from flamingo.core.timefmt import aware

Document = dict[str, Any]
COLLECTION: Final = "click_events"
UTM_FIELDS: Final = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
# Stored string values are cut to this (they come from the visitor).
VALUE_MAX: Final = 128


def _aware(value: Any) -> Any:
    return aware(value) if isinstance(value, datetime) else value


class ClickEvent(BaseModel):
    """One stored click (``click_events``)."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    id: Annotated[str, BeforeValidator(str)] = Field(alias="_id")
    at: Annotated[datetime, BeforeValidator(_aware)]
    link_id: str
    workspace_id: str | None = None
    domain: str | None = None
    code: str = ""
    country: str = ""
    region: str | None = None
    referrer: str = ""
    browser: str = ""
    os: str = ""
    device: str = ""
    bot: bool = False
    language: str = ""
    rule: int | None = None
    variant: int | None = None
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None
    utm_term: str | None = None
    utm_content: str | None = None
    visitor: str = ""

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> ClickEvent:
        return cls.model_validate(doc)

    def to_doc(self) -> Document:
        """The document (``None`` fields absent: older readers and the filters see "missing")."""
        doc = self.model_dump(by_alias=True, exclude_none=True)
        doc["_id"] = ObjectId(self.id)
        return doc
