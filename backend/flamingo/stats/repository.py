"""Daily click buckets: the one place that queries ``click_days`` and ``click_owner_days``.

Every click folds, with ``$inc`` upserts (FerretDB v1 and MongoDB alike), into its link's day
document, its link's month document and its workspace's day document. A stats query reads the month
documents of whole months in the range and day documents only for the partial months at its ends
(so a year costs ~12 reads, not 365): O(days) at worst, never O(clicks). The reads return the
documents' models (:mod:`flamingo.stats.documents`, which names the fields below once); the
reports are computed from them in :mod:`flamingo.stats.reports`.

``click_days``::

    _id        "<link_id>:<YYYY-MM-DD>"
    link_id    str             day  "YYYY-MM-DD" (strings sort like dates)
    owner_id   str | absent    the link's workspace (absent when the link was deleted before its
                               clicks were folded)
    total, human, bot          int counters
    unique                     int, human visitors that day (HyperLogLog estimate, only grows)
    referrers, countries, browsers, os, devices    {escaped key: count}
    languages, utm_source, utm_medium, utm_campaign, utm_term, utm_content    the same (clicks
                               folded since the raw events came; absent before)

    rules, variants                                  {index: count} of links with rules / a split

``click_months`` (the same link's month: a long range reads ~12 of these instead of 365 days)::

    _id        "<link_id>:<YYYY-MM>"
    link_id, month "YYYY-MM", owner_id
    days       {"DD": {total, human, bot, unique}}    the month's daily series
    referrers, countries, browsers, os, devices      summed over the month

``click_owner_days`` (one per workspace and day, for the overview)::

    _id "<owner_id>:<YYYY-MM-DD>", owner_id, day, total, human, bot, links {link_id: total}

The "owner" of a click is its link's **workspace** (``owner_id`` keeps its name from before
workspaces, when it was the link's user). A personal workspace's id is its user's id, so personal
figures read the same documents as before; a shared workspace's clicks fold into its own.

Breakdown keys are user-controlled (a Referer host, a UA family): ``.``, ``$`` and ``%`` are
percent-escaped because MongoDB field names may not contain the first two, and empty keys become
``(none)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from pymongo.database import Database

from flamingo.core.bulk import Update, bulk_update
from flamingo.stats.documents import (
    BREAKDOWNS,
    COUNTED,
    COUNTERS,
    DAY,
    DAYS,
    LINK_ID,
    LINKS,
    MONTH,
    OWNER_ID,
    TOTAL,
    UNIQUE,
    ClickDay,
    ClickMonth,
    Document,
    OwnerDay,
    escape_key,
)

LINK_DAYS = "click_days"
LINK_MONTHS = "click_months"
OWNER_DAYS = "click_owner_days"
OTHER_KEY = "(other)"
MAP_KEYS_MAX = 500  # distinct keys per breakdown map per link and month (documents stay small)


class KeyGuard:
    """Caps the distinct keys of each breakdown of a link's month at ``MAP_KEYS_MAX``.

    Referer hosts are chosen by whoever sends the request; without a cap one link's documents
    could grow to MongoDB's 16 MB limit and every later batch touching them would fail. Keys
    beyond the cap count as ``(other)``. The memory is per worker process (a restart can admit
    another ``MAP_KEYS_MAX``), which bounds growth without reading documents back.
    """

    def __init__(self, limit: int = MAP_KEYS_MAX, tracked: int = 50_000) -> None:
        self.limit = limit
        self.tracked = tracked
        self._seen: dict[tuple[str, str, str], set[str]] = {}

    def admit(self, link_id: str, day: str, name: str, key: str) -> str:
        slot = (link_id, day[:7], name)
        seen = self._seen.get(slot)
        if seen is None:
            if len(self._seen) >= self.tracked:
                self._seen.clear()
            seen = self._seen[slot] = set()
        if key in seen:
            return key
        if len(seen) >= self.limit:
            return OTHER_KEY
        seen.add(key)
        return key


@dataclass
class DayDelta:
    """What one batch adds to one link's day."""

    link_id: str
    day: str
    owner_id: str | None = None
    total: int = 0
    human: int = 0
    bot: int = 0
    unique: int = 0
    breakdowns: dict[str, Counter[str]] = field(
        default_factory=lambda: {name: Counter() for name in COUNTED}
    )

    def add(
        self,
        *,
        bot: bool,
        referrer: str,
        country: str,
        browser: str,
        os: str,
        device: str,
        rule: str | None = None,
        variant: str | None = None,
        more: Mapping[str, str] | None = None,
    ) -> None:
        """Count one click; ``more``: values of ``VISIT_BREAKDOWNS`` (by name) it carried."""
        self.total += 1
        if bot:
            self.bot += 1
        else:
            self.human += 1
        for name, value in zip(BREAKDOWNS, (referrer, country, browser, os, device), strict=True):
            self.breakdowns[name][escape_key(value)] += 1
        for name, value in (more or {}).items():
            self.breakdowns[name][escape_key(value)] += 1
        if rule is not None:
            self.breakdowns["rules"][rule] += 1
        if variant is not None:
            self.breakdowns["variants"][variant] += 1


def _link_update(delta: DayDelta) -> Update:
    inc: Document = {name: getattr(delta, name) for name in COUNTERS}
    for name, counts in delta.breakdowns.items():
        for key, count in counts.items():
            inc[f"{name}.{key}"] = count
    update: Document = {
        "$inc": inc,
        "$setOnInsert": {LINK_ID: delta.link_id, DAY: delta.day},
    }
    if delta.owner_id is not None:
        update["$set"] = {OWNER_ID: delta.owner_id}
    if delta.unique:
        update["$max"] = {UNIQUE: delta.unique}
    return Update({"_id": f"{delta.link_id}:{delta.day}"}, update, upsert=True)


def _month_updates(deltas: Iterable[DayDelta]) -> list[Update]:
    per_month: dict[tuple[str, str], tuple[Counter[str], dict[str, int], str | None]] = {}
    for delta in deltas:
        month, day_of_month = delta.day[:7], delta.day[8:10]
        inc, maxima, _ = per_month.setdefault(
            (delta.link_id, month), (Counter(), {}, delta.owner_id)
        )
        for name in COUNTERS:
            inc[f"{DAYS}.{day_of_month}.{name}"] += getattr(delta, name)
        for name, counts in delta.breakdowns.items():
            for key, count in counts.items():
                inc[f"{name}.{key}"] += count
        if delta.unique:
            maxima[f"{DAYS}.{day_of_month}.{UNIQUE}"] = delta.unique
    ops = []
    for (link_id, month), (inc, maxima, owner_id) in per_month.items():
        update: Document = {"$inc": dict(inc), "$setOnInsert": {LINK_ID: link_id, MONTH: month}}
        if owner_id is not None:
            update["$set"] = {OWNER_ID: owner_id}
        if maxima:
            update["$max"] = maxima
        ops.append(Update({"_id": f"{link_id}:{month}"}, update, upsert=True))
    return ops


def _owner_updates(deltas: Iterable[DayDelta]) -> list[Update]:
    per_owner: dict[tuple[str, str], Document] = {}
    for delta in deltas:
        if delta.owner_id is None:
            continue
        inc = per_owner.setdefault((delta.owner_id, delta.day), Counter())
        for name in COUNTERS:
            inc[name] += getattr(delta, name)
        inc[f"{LINKS}.{delta.link_id}"] += delta.total
    return [
        Update(
            {"_id": f"{owner_id}:{day}"},
            {"$inc": dict(inc), "$setOnInsert": {OWNER_ID: owner_id, DAY: day}},
            upsert=True,
        )
        for (owner_id, day), inc in per_owner.items()
    ]


class ClickStatsRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.days = db[LINK_DAYS]
        self.months = db[LINK_MONTHS]
        self.owner_days = db[OWNER_DAYS]

    def apply(self, deltas: list[DayDelta]) -> None:
        """Fold one batch in: one ``bulk_write`` per collection. Raises if MongoDB refused any
        part, so the caller does not acknowledge the events."""
        if not deltas:
            return
        bulk_update(self.days, [_link_update(d) for d in deltas])
        bulk_update(self.months, _month_updates(deltas))
        owner_ops = _owner_updates(deltas)
        if owner_ops:
            bulk_update(self.owner_days, owner_ops)

    def link_days(self, link_id: str, first: date, last: date) -> list[ClickDay]:
        docs = self.days.find(
            {LINK_ID: link_id, DAY: {"$gte": first.isoformat(), "$lte": last.isoformat()}}
        )
        return [ClickDay.from_doc(doc) for doc in docs]

    def link_months(self, link_id: str, first: date, last: date) -> list[ClickMonth]:
        docs = self.months.find(
            {LINK_ID: link_id, MONTH: {"$gte": _month(first), "$lte": _month(last)}}
        )
        return [ClickMonth.from_doc(doc) for doc in docs]

    def recent_totals(self, link_ids: Sequence[str], first: date) -> dict[str, int]:
        """``{link_id: clicks from day `first` on}`` of several links in one query (the links
        list's ``last_7_days``: at most 7 day documents per link)."""
        totals: dict[str, int] = {}
        docs = self.days.find(
            {LINK_ID: {"$in": list(link_ids)}, DAY: {"$gte": first.isoformat()}},
            {"_id": 0, LINK_ID: 1, TOTAL: 1},
        )
        for doc in docs:
            totals[doc[LINK_ID]] = totals.get(doc[LINK_ID], 0) + int(doc.get(TOTAL) or 0)
        return totals

    def owner_days_between(self, owner_id: str, first: date, last: date) -> list[OwnerDay]:
        docs = self.owner_days.find(
            {OWNER_ID: owner_id, DAY: {"$gte": first.isoformat(), "$lte": last.isoformat()}}
        )
        return [OwnerDay.from_doc(doc) for doc in docs]


def _month(day: date) -> str:
    return day.isoformat()[:7]


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def partial_months(first: date, last: date) -> list[tuple[date, date]]:
    """The parts of ``first..last`` that cover a month only partly (at most two)."""
    parts = []
    month_start = first.replace(day=1)
    while month_start <= last:
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        part = (max(first, month_start), min(last, next_month - timedelta(days=1)))
        if part != (month_start, next_month - timedelta(days=1)):
            parts.append(part)
        month_start = next_month
    return parts
