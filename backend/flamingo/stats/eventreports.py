"""Reports computed from raw click events (filtered stats, ``interval=hour``): the same shapes the
counters give (:mod:`flamingo.stats.reports`), so a client cannot tell the sources apart except by
``source``.

Definitions match the counters': ``unique`` is the distinct human visitor keys of a day (or an
hour), summed over the range (visitor-days); an empty referrer, country or language counts as
``(none)``; a click without a UTM tag, rule or variant is not counted in that breakdown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flamingo.stats.answers import DailyClicks, HourlyClicks
from flamingo.stats.documents import COUNTED, NONE_KEY
from flamingo.stats.events import ClickEvent
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


@dataclass
class _Slot:
    total: int = 0
    human: int = 0
    bot: int = 0
    visitors: set[str] = field(default_factory=set)

    def add(self, event: ClickEvent) -> None:
        self.total += 1
        if event.bot:
            self.bot += 1
            return
        self.human += 1
        if event.visitor:
            self.visitors.add(event.visitor)


@dataclass
class EventReport:
    """Sums of a set of events: per day, per hour (when asked), per breakdown, per link."""

    series: list[DailyClicks]
    hourly: list[HourlyClicks]
    breakdowns: dict[str, dict[str, int]]
    per_link: dict[str, int]

    def counted(self, name: str) -> dict[str, int]:
        return self.breakdowns[name]


def _key(value: object) -> str | None:
    if value is None:
        return None
    return str(value) or NONE_KEY


def _hours(first: date, last: date) -> list[datetime]:
    start = datetime.combine(first, time(), UTC)
    count = ((last - first).days + 1) * 24
    return [start + timedelta(hours=i) for i in range(count)]


def fold_events(
    events: Iterable[ClickEvent], first: date, last: date, *, hourly: bool
) -> EventReport:
    """One pass over ``events`` (which the caller bounded to ``first..last``)."""
    days: dict[date, _Slot] = {}
    hours: dict[datetime, _Slot] = {}
    counts: dict[str, Counter[str]] = {name: Counter() for name in COUNTED}
    per_link: Counter[str] = Counter()
    for event in events:
        at = event.at.astimezone(UTC)
        days.setdefault(at.date(), _Slot()).add(event)
        if hourly:
            hours.setdefault(at.replace(minute=0, second=0, microsecond=0), _Slot()).add(event)
        for name, attribute in FIELD_OF.items():
            key = _key(getattr(event, attribute))
            if key is not None:
                counts[name][key] += 1
        per_link[event.link_id] += 1
    series = []
    for day in days_between(first, last):
        slot = days.get(day) or _Slot()
        series.append(
            DailyClicks(
                date=day,
                total=slot.total,
                human=slot.human,
                bot=slot.bot,
                unique=len(slot.visitors),
            )
        )
    hourly_series = []
    if hourly:
        for hour in _hours(first, last):
            slot = hours.get(hour) or _Slot()
            hourly_series.append(
                HourlyClicks(
                    at=hour,
                    total=slot.total,
                    human=slot.human,
                    bot=slot.bot,
                    unique=len(slot.visitors),
                )
            )
    return EventReport(
        series=series,
        hourly=hourly_series,
        breakdowns={name: dict(c.most_common()) for name, c in counts.items()},
        per_link=dict(per_link),
    )
