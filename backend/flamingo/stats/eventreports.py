"""Reports computed from raw click events (filtered stats, ``interval=hour``): the same shapes the
counters give (:mod:`flamingo.stats.reports`), so a client cannot tell the sources apart except by
``source``.

Definitions match the counters': ``unique`` is the distinct human visitor keys of a day (or an
hour), summed over the range (visitor-days); an empty referrer, country or language counts as
``(none)``; a click without a UTM tag, rule or variant is not counted in that breakdown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from operator import itemgetter, methodcaller
from typing import Any

from flamingo.stats.answers import DailyClicks, HourlyClicks
from flamingo.stats.documents import COUNTED, NONE_KEY
from flamingo.stats.events import UTM_FIELDS
from flamingo.stats.repository import days_between

# Breakdown name → the event field it counts.
FIELD_OF: dict[str, str] = {
    "referrers": "referrer",
    "countries": "country",
    "browsers": "browser",
    "os": "os",
    "devices": "device",
    "languages": "language",
    "utm_source": "utm_source",
    "utm_medium": "utm_medium",
    "utm_campaign": "utm_campaign",
    "utm_term": "utm_term",
    "utm_content": "utm_content",
    "rules": "rule",
    "variants": "variant",
}
# Breakdowns whose field is absent (not "") when the click had none: no row then.
_ABSENT_WHEN_NONE = frozenset({*UTM_FIELDS, "rules", "variants"})


@dataclass
class EventReport:
    """Sums of a set of events: per day, per hour (when asked), per breakdown, per link."""

    series: list[DailyClicks]
    hourly: list[HourlyClicks]
    breakdowns: dict[str, dict[str, int]]
    per_link: dict[str, int]

    def counted(self, name: str) -> dict[str, int]:
        return self.breakdowns[name]


# The fields a report reads: the repository asks the store for these only.
REPORT_FIELDS: tuple[str, ...] = ("at", "bot", "visitor", "link_id", *FIELD_OF.values())


# Documents folded at once: the counting runs in C over a chunk (``Counter.update``), and memory
# stays bounded however many events match.
_CHUNK = 5000


class _Slots:
    """Clicks, bot clicks and distinct human visitor keys per day (or per hour)."""

    def __init__(self, slot_of: Callable[[datetime], Any]) -> None:
        self.slot_of = slot_of
        self.total: Counter[Any] = Counter()
        self.bot: Counter[Any] = Counter()
        self.visits: set[tuple[Any, str]] = set()

    def add(self, ats: list[datetime], chunk: list[Mapping[str, Any]]) -> None:
        slots = list(map(self.slot_of, ats))
        self.total.update(slots)
        for slot, doc in zip(slots, chunk, strict=True):
            if doc.get("bot"):
                self.bot[slot] += 1
            elif visitor := doc.get("visitor"):
                self.visits.add((slot, visitor))

    def sums(self) -> Callable[[Any], dict[str, int]]:
        unique = Counter(slot for slot, _ in self.visits)

        def of(slot: Any) -> dict[str, int]:
            total, bot = self.total[slot], self.bot[slot]
            return {"total": total, "human": total - bot, "bot": bot, "unique": unique[slot]}

        return of


def _utc(at: datetime) -> datetime:
    # Drivers hand back naive UTC or aware datetimes (the app's client: aware, in UTC).
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _hour(at: datetime) -> datetime:
    return at.replace(minute=0, second=0, microsecond=0)


def _hours(first: date, last: date) -> list[datetime]:
    start = datetime.combine(first, time(), UTC)
    count = ((last - first).days + 1) * 24
    return [start + timedelta(hours=i) for i in range(count)]


def _keyed(raw: Counter[Any], absent_is_none: bool) -> dict[str, int]:
    """Stored values as a breakdown's keys, most counted first: ``""`` is ``(none)``, numbers
    are text, and an absent field (``None``) is ``""`` — or no row where it means "none"."""
    keyed: Counter[str] = Counter()
    for value, count in raw.items():
        if value is None and absent_is_none:
            continue
        text = "" if value is None else str(value)
        keyed[text or NONE_KEY] += count
    return dict(keyed.most_common())


def fold_events(
    docs: Iterable[Mapping[str, Any]], first: date, last: date, *, hourly: bool
) -> EventReport:
    """One pass over stored event documents (which the caller bounded to ``first..last``).

    Documents, not :class:`~flamingo.stats.events.ClickEvent` models: a filtered month of a busy
    link is hundreds of thousands of events, and a model each was most of the fold's time
    (docs/performance.md). A field a document lacks counts as the model's default would: absent
    text is ``""`` for the fields the worker always writes, and no row for UTM, rule and variant.
    """
    days, hours = _Slots(datetime.date), _Slots(_hour)
    raw: dict[str, Counter[Any]] = {name: Counter() for name in FIELD_OF}
    getters = [(raw[name], methodcaller("get", field)) for name, field in FIELD_OF.items()]
    per_link: Counter[str] = Counter()
    pending = iter(docs)
    while chunk := list(islice(pending, _CHUNK)):
        ats = [_utc(doc["at"]) for doc in chunk]
        days.add(ats, chunk)
        if hourly:
            hours.add(ats, chunk)
        for counter, get in getters:
            counter.update(map(get, chunk))
        per_link.update(map(itemgetter("link_id"), chunk))
    day_sums, hour_sums = days.sums(), hours.sums()
    series = [DailyClicks(date=day, **day_sums(day)) for day in days_between(first, last)]
    hourly_series = (
        [HourlyClicks(at=hour, **hour_sums(hour)) for hour in _hours(first, last)] if hourly else []
    )
    return EventReport(
        series=series,
        hourly=hourly_series,
        breakdowns={name: _keyed(raw[name], name in _ABSENT_WHEN_NONE) for name in COUNTED},
        per_link=dict(per_link),
    )
