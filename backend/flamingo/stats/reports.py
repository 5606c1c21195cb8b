"""Reports computed from the stored click documents' models (:mod:`flamingo.stats.documents`):
a link's daily series and breakdowns, a workspace's series and clicks per link, the orphan visits.

Every report reads a bounded set of small documents per day of the range: O(days), never
O(clicks).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from flamingo.stats import answers
from flamingo.stats.answers import DailyClicks, OrphanCode, OverviewDay
from flamingo.stats.documents import COUNTED, ClickDay, ClickMonth, DayCounts
from flamingo.stats.orphans import OrphanRepository
from flamingo.stats.repository import (
    OTHER_KEY,
    ClickStatsRepository,
    days_between,
    partial_months,
)

TOP_ORPHANS = 20


class LinkReport(BaseModel):
    """One link's daily series (every day of the range, zero-filled) and its breakdowns summed
    over the range (keys unescaped; ``rules`` and ``variants`` keyed by index)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    series: list[DailyClicks]
    referrers: dict[str, int]
    countries: dict[str, int]
    browsers: dict[str, int]
    os: dict[str, int]
    devices: dict[str, int]
    languages: dict[str, int]
    utm_source: dict[str, int]
    utm_medium: dict[str, int]
    utm_campaign: dict[str, int]
    utm_term: dict[str, int]
    utm_content: dict[str, int]
    rules: dict[str, int]
    variants: dict[str, int]

    def counted(self, name: str) -> dict[str, int]:
        """One of ``COUNTED``'s sums, largest first."""
        counts: dict[str, int] = getattr(self, name)
        return counts


class OwnerReport(BaseModel):
    """A workspace's daily series (zero-filled) and its clicks per link over the range."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    series: list[OverviewDay]
    per_link: dict[str, int]


class OrphanReport(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    series: list[answers.OrphanDay]
    top: list[OrphanCode]


def merge_counts(docs: Iterable[ClickDay | ClickMonth], name: str) -> dict[str, int]:
    """Sum one breakdown over several documents, largest first."""
    total: Counter[str] = Counter()
    for doc in docs:
        total.update(doc.counted(name))
    return dict(total.most_common())


def link_report(repo: ClickStatsRepository, link_id: str, first: date, last: date) -> LinkReport:
    """Reads the month documents of the range (the series, and the breakdowns of whole months)
    plus the day documents of the months it covers only partly: at most ~25 + 62 small reads
    for any range, however many clicks."""
    months = {doc.month: doc for doc in repo.link_months(link_id, first, last)}
    series = []
    for day in days_between(first, last):
        iso = day.isoformat()
        month = months.get(iso[:7])
        counts = (month.days.get(iso[8:]) if month else None) or DayCounts()
        series.append(DailyClicks(date=day, **counts.model_dump()))
    parts = partial_months(first, last)
    partial = {start.isoformat()[:7] for start, _ in parts}
    docs: list[ClickDay | ClickMonth] = [
        doc for month_name, doc in months.items() if month_name not in partial
    ]
    for start, end in parts:
        docs += repo.link_days(link_id, start, end)
    return LinkReport(series=series, **{name: merge_counts(docs, name) for name in COUNTED})


def owner_report(repo: ClickStatsRepository, owner_id: str, first: date, last: date) -> OwnerReport:
    docs = {doc.day: doc for doc in repo.owner_days_between(owner_id, first, last)}
    series = []
    per_link: Counter[str] = Counter()
    for day in days_between(first, last):
        doc = docs.get(day.isoformat())
        if doc is None:
            series.append(OverviewDay(date=day, total=0, human=0, bot=0))
            continue
        series.append(OverviewDay(date=day, total=doc.total, human=doc.human, bot=doc.bot))
        per_link.update(doc.links)
    return OwnerReport(series=series, per_link=dict(per_link))


def orphan_report(repo: OrphanRepository, first: date, last: date) -> OrphanReport:
    """The visits per day of the range and the most visited unknown codes."""
    docs = {doc.day: doc for doc in repo.between(first, last)}
    series = []
    for day in days_between(first, last):
        doc = docs.get(day.isoformat())
        series.append(answers.OrphanDay(date=day, total=doc.total if doc else 0))
    counts: Counter[str] = Counter()
    for doc in docs.values():
        counts.update(doc.codes)
    top = []
    for key, count in counts.most_common(TOP_ORPHANS):
        domain, _, code = key.partition("/") if key != OTHER_KEY else ("", "", key)
        top.append(OrphanCode(domain=domain, code=code, count=count))
    return OrphanReport(series=series, top=top)
