"""What the analytics API answers: a link's report, a workspace's overview and the visits of unknown
codes — models whose schemas are the document's (``LinkStats``, ``StatsOverview``,
``OrphanVisits``, ``DailyClicks``, ``Breakdown``).

The reports are computed from the click documents (:mod:`flamingo.stats.repository`); the views
render them through these models, so an answer cannot drift from its description.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypeAliasType

from flamingo.core.timefmt import Timestamp

Count = Annotated[int, Field(ge=0)]


class _Answer(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", validate_by_name=True, populate_by_name=True
    )


class _Range(_Answer):
    from_: date = Field(alias="from")
    to: date


class DailyClicks(_Answer):
    date: date
    total: Count
    human: Count
    bot: Count
    unique: Count = Field(description="Distinct human visitors that day.")


class BreakdownRow(_Answer):
    key: str
    count: Count


Breakdown = TypeAliasType("Breakdown", Annotated[list[BreakdownRow], Field(max_length=101)])


class LinkTotals(_Answer):
    """Sums over the range; ``unique`` sums daily uniques (visitor-days)."""

    total: Count
    human: Count
    bot: Count
    unique: Count


class RuleClicks(_Answer):
    index: Count
    clicks: Count


class VariantClicks(_Answer):
    index: Count
    target: str
    clicks: Count


Interval = TypeAliasType("Interval", Literal["day", "hour"])
Source = TypeAliasType("Source", Literal["counters", "events"])


class HourlyClicks(_Answer):
    at: Timestamp = Field(description="The start of the hour (UTC).")
    total: Count
    human: Count
    bot: Count
    unique: Count = Field(description="Distinct human visitors that hour.")


class _Sliced(_Range):
    """What every stats answer says about how it was computed."""

    source: Source = Field(
        description="`counters` (no filter, daily: any range) or `events` (filters or "
        "`interval=hour`: only within `CLICK_EVENTS_RETENTION_DAYS`)."
    )
    interval: Interval
    hourly: list[HourlyClicks] = Field(
        description="Every hour of the range, oldest first, when `interval=hour`; else empty."
    )


class _Breakdowns(_Answer):
    referrers: Breakdown
    countries: Breakdown
    browsers: Breakdown
    os: Breakdown
    devices: Breakdown = Field(description="`desktop`, `mobile`, `tablet`, `bot` or `other`.")
    languages: Breakdown = Field(description="Primary tag of `Accept-Language`'s first entry.")
    utm_source: Breakdown
    utm_medium: Breakdown
    utm_campaign: Breakdown
    utm_term: Breakdown
    utm_content: Breakdown


class LinkStats(_Breakdowns, _Sliced):
    link_id: str
    code: str
    totals: LinkTotals
    series: list[DailyClicks]
    rules: list[RuleClicks] = Field(
        description="Clicks per redirect rule of the link (index into its `rules`)."
    )
    variants: list[VariantClicks] = Field(description="Clicks per variant of the link's split.")


class OrphanDay(_Answer):
    date: date
    total: Count


class OrphanCode(_Answer):
    domain: str
    code: str
    count: Count


class OrphanVisits(_Range):
    series: list[OrphanDay]
    top: list[OrphanCode] = Field(description="The most visited unknown codes (at most 20).")


class OverviewTotals(_Answer):
    total: Count
    human: Count
    bot: Count


class OverviewDay(OverviewTotals):
    date: date


class TopLink(_Answer):
    id: str
    code: str
    title: str | None
    total: Count


class StatsOverview(_Sliced):
    workspace_id: str = Field(description="The workspace counted.")
    totals: OverviewTotals
    series: list[OverviewDay]
    top_links: list[TopLink] = Field(max_length=10)


class WorkspaceStats(_Breakdowns, _Sliced):
    """A workspace's clicks across its links: totals, series, top links and every breakdown."""

    workspace_id: str
    totals: OverviewTotals
    series: list[OverviewDay]
    top_links: list[TopLink] = Field(max_length=100)
