"""The stored click documents, one model each: ``ClickDay`` (``click_days``), ``ClickMonth``
(``click_months``), ``OwnerDay`` (``click_owner_days``) and ``OrphanDay`` (``orphan_days``).

The read side: the repositories turn a document into its model (``from_doc``) and reports compute
from models. The write side stays ``$inc`` upserts built in the repositories (the worker never
reads a document back), with the field names taken from here, so what is written and what is read
cannot drift. Breakdown keys are stored percent-escaped (``escape_key``): a model holds them
unescaped, ``to_doc`` escapes them again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field

Document = dict[str, Any]
# Field names, for the repositories' $inc updates and the projections.
TOTAL, HUMAN, BOT, UNIQUE = "total", "human", "bot", "unique"
COUNTERS = (TOTAL, HUMAN, BOT)
LINK_ID, OWNER_ID, DAY, MONTH = "link_id", "owner_id", "day", "month"
DAYS, LINKS, CODES = "days", "links", "codes"
BREAKDOWNS = ("referrers", "countries", "browsers", "os", "devices")
# Breakdowns added with the raw click events (issue 18): absent from documents folded before.
VISIT_BREAKDOWNS = (
    "languages",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
)
ALL_BREAKDOWNS = BREAKDOWNS + VISIT_BREAKDOWNS
# Clicks per redirect rule and per variant (keyed by index), stored like the breakdowns.
ROUTING = ("rules", "variants")
COUNTED = ALL_BREAKDOWNS + ROUTING
NONE_KEY = "(none)"
KEY_MAX = 128


def escape_key(key: str) -> str:
    if not key:
        return NONE_KEY
    return key[:KEY_MAX].replace("%", "%25").replace(".", "%2E").replace("$", "%24")


def unescape_key(key: str) -> str:
    return key.replace("%2E", ".").replace("%24", "$").replace("%25", "%")


def _unescaped(counts: Mapping[str, Any] | None) -> dict[str, int]:
    total: Counter[str] = Counter()
    for key, count in (counts or {}).items():
        total[unescape_key(key)] += int(count)
    return dict(total)


def _escaped(counts: Mapping[str, int]) -> dict[str, int]:
    return {escape_key(key): count for key, count in counts.items()}


class _Stored(BaseModel):
    # Unknown fields are ignored: an older or newer document still reads (and never answers 500).
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)
    # The maps whose keys are stored escaped (read unescaped, written escaped).
    ESCAPED: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Self:
        data = dict(doc)
        for name in cls.ESCAPED:
            if name in data:
                data[name] = _unescaped(data[name])
        return cls.model_validate(data)

    def to_doc(self) -> Document:
        doc = self.model_dump(by_alias=True, exclude_unset=True, exclude_none=True)
        for name in self.ESCAPED:
            if name in doc:
                doc[name] = _escaped(doc[name])
        return doc


class DayCounts(BaseModel):
    """One day's counters (a month document's ``days.<DD>``)."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    total: int = 0
    human: int = 0
    bot: int = 0
    unique: int = 0


class _LinkCounts(_Stored):
    ESCAPED: ClassVar[tuple[str, ...]] = COUNTED
    id: str = Field(alias="_id")
    link_id: str
    owner_id: str | None = None  # absent when the link was deleted before its clicks were folded
    referrers: dict[str, int] = {}
    countries: dict[str, int] = {}
    browsers: dict[str, int] = {}
    os: dict[str, int] = {}
    devices: dict[str, int] = {}
    languages: dict[str, int] = {}
    utm_source: dict[str, int] = {}
    utm_medium: dict[str, int] = {}
    utm_campaign: dict[str, int] = {}
    utm_term: dict[str, int] = {}
    utm_content: dict[str, int] = {}
    rules: dict[str, int] = {}
    variants: dict[str, int] = {}

    def counted(self, name: str) -> dict[str, int]:
        """One of ``COUNTED``'s maps, keys unescaped."""
        counts: dict[str, int] = getattr(self, name)
        return counts


class ClickDay(_LinkCounts):
    """``click_days``: ``_id "<link_id>:<YYYY-MM-DD>"``, one link's day."""

    day: str
    total: int = 0
    human: int = 0
    bot: int = 0
    unique: int = 0  # human visitors that day (HyperLogLog estimate, only grows)


class ClickMonth(_LinkCounts):
    """``click_months``: ``_id "<link_id>:<YYYY-MM>"``, one link's month: its daily series under
    ``days.<DD>`` and the breakdowns summed over the month."""

    month: str
    days: dict[str, DayCounts] = {}


class OwnerDay(_Stored):
    """``click_owner_days``: ``_id "<owner_id>:<YYYY-MM-DD>"``, one workspace's day and its clicks
    per link (``links.<link_id>``; ObjectId hex strings, not escaped)."""

    id: str = Field(alias="_id")
    owner_id: str
    day: str
    total: int = 0
    human: int = 0
    bot: int = 0
    links: dict[str, int] = {}


class OrphanDay(_Stored):
    """``orphan_days``: ``_id "YYYY-MM-DD"``, visits of unknown codes per escaped
    ``"<domain>/<code>"``."""

    ESCAPED: ClassVar[tuple[str, ...]] = (CODES,)
    id: str = Field(alias="_id")
    day: str
    total: int = 0
    codes: dict[str, int] = {}
