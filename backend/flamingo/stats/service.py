"""What the analytics endpoints answer, for whom: a link's report only to who may see the link
(decided by :class:`flamingo.links.service.LinkService`), a workspace's overview only to its
members (decided by :class:`flamingo.workspaces.service.WorkspaceService`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from flask import Flask
from pydantic import BaseModel

from flamingo.accounts.auth import Principal
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.core.pagination import Page
from flamingo.links.link import Link
from flamingo.links.service import LinkService
from flamingo.stats.answers import (
    HourlyClicks,
    OrphanVisits,
    OverviewDay,
    RuleClicks,
    StatsOverview,
    TopLink,
    VariantClicks,
    WorkspaceStats,
)
from flamingo.stats.documents import ALL_BREAKDOWNS
from flamingo.stats.eventreports import EventReport
from flamingo.stats.eventservice import EventStats
from flamingo.stats.eventstore import Scope
from flamingo.stats.filters import OverviewSlicedQuery, SlicedQuery, VisitsQuery
from flamingo.stats.models import RangeQuery, breakdown_rows, resolve_range
from flamingo.stats.orphans import OrphanRepository
from flamingo.stats.reports import LinkReport, link_report, orphan_report, owner_report
from flamingo.stats.repository import ClickStatsRepository
from flamingo.stats.visits import Visit

TOP_LINKS = 10
TOP_WORKSPACE_LINKS = 100


def _totals(series: Sequence[BaseModel], names: tuple[str, ...]) -> dict[str, int]:
    return {name: sum(int(getattr(point, name)) for point in series) for name in names}


@dataclass(frozen=True)
class LinkStatsReport:
    """A link's report over ``first..last``, with its clicks per redirect rule and per variant in
    the contract's shape."""

    first: date
    last: date
    report: LinkReport | EventReport
    rules: list[RuleClicks]
    variants: list[VariantClicks]
    source: str = "counters"
    interval: str = "day"
    hourly: list[HourlyClicks] = field(default_factory=list)


class StatsService:
    def __init__(
        self,
        links: LinkService,
        repo: ClickStatsRepository,
        max_days: int,
        orphan_repo: OrphanRepository,
        events: EventStats,
    ) -> None:
        self.links = links
        self.repo = repo
        self.max_days = max_days
        self.orphan_repo = orphan_repo
        self.events = events

    @classmethod
    def build(cls, app: Flask) -> StatsService:
        """The app's one instance (``context.service(StatsService)``): built once per app."""
        settings = context.settings_of(app)
        db = context.stores_of(app).db
        return cls(
            context.service_of(app, LinkService),
            ClickStatsRepository(db),
            settings.clicks.stats_max_days,
            OrphanRepository(db),
            EventStats.build(app),
        )

    def range(self, query: RangeQuery) -> tuple[date, date]:
        return resolve_range(query, self.max_days)

    def link(
        self, principal: Principal, link_id: str, query: SlicedQuery
    ) -> tuple[Link, LinkStatsReport]:
        """The link (404 unless ``principal`` may see it) and its report over the range: from
        the counters, or from the raw events when filtered or hourly."""
        link = self.links.get_owned(principal, link_id)
        first, last = self.range(query)
        report: LinkReport | EventReport
        if self.events.needed(query):
            report = self.events.report(Scope("link_id", link.id), first, last, query)
            extra = {"source": "events", "interval": query.interval, "hourly": report.hourly}
        else:
            report = link_report(self.repo, link.id, first, last)
            extra = {}
        rules = [
            RuleClicks(index=i, clicks=report.counted("rules").get(str(i), 0))
            for i in range(len(link.rules))
        ]
        variants = [
            VariantClicks(
                index=i, target=v.target, clicks=report.counted("variants").get(str(i), 0)
            )
            for i, v in enumerate(link.variants)
        ]
        return link, LinkStatsReport(first, last, report, rules, variants, **extra)  # type: ignore[arg-type]

    def orphans(self, query: RangeQuery) -> OrphanVisits:
        """Visits of unknown codes on the domains we serve (admins only: the views decide)."""
        first, last = self.range(query)
        report = orphan_report(self.orphan_repo, first, last)
        return OrphanVisits.model_validate(
            {"from": first, "to": last, "series": report.series, "top": report.top}
        )

    def totals(self, series: Sequence[BaseModel], names: tuple[str, ...]) -> dict[str, int]:
        return _totals(series, names)

    def _workspace_report(
        self, workspace_id: str, query: SlicedQuery, top: int
    ) -> dict[str, object]:
        """What the overview and the workspace stats share: range, series, totals, top links
        (from the counters, or from the events when filtered or hourly)."""
        first, last = self.range(query)
        common: dict[str, object] = {"from": first, "to": last, "workspace_id": workspace_id}
        if self.events.needed(query):
            report = self.events.report(Scope("workspace_id", workspace_id), first, last, query)
            series = [
                OverviewDay.model_validate(p.model_dump(exclude={"unique"})) for p in report.series
            ]
            per_link = report.per_link
            common |= {"source": "events", "interval": query.interval, "hourly": report.hourly}
        else:
            owner = owner_report(self.repo, workspace_id, first, last)
            series, per_link = owner.series, owner.per_link
            common |= {"source": "counters", "interval": "day", "hourly": []}
        common["series"] = series
        common["totals"] = _totals(series, ("total", "human", "bot"))
        common["top_links"] = self._top_links(workspace_id, per_link, top)
        return common

    def overview(self, principal: Principal, query: OverviewSlicedQuery) -> StatsOverview:
        """One workspace's clicks over the range and its most-clicked links (404 for a
        non-member, as for every object of a workspace)."""
        workspace_id = query.workspace_id or self.links.workspaces.default_for(principal)
        self.links.workspaces.require(principal, workspace_id, "stats.read")
        common = self._workspace_report(workspace_id, query, TOP_LINKS)
        return StatsOverview.model_validate(common)

    def workspace(
        self, principal: Principal, workspace_id: str, query: SlicedQuery
    ) -> WorkspaceStats:
        """A workspace's stats across its links, with every breakdown. The breakdowns come from
        the raw events, so this answer always does (its range is bounded by the retention)."""
        self.links.workspaces.require(principal, workspace_id, "stats.read")
        first, last = self.range(query)
        report = self.events.report(Scope("workspace_id", workspace_id), first, last, query)
        series = [
            OverviewDay.model_validate(p.model_dump(exclude={"unique"})) for p in report.series
        ]
        return WorkspaceStats.model_validate(
            {
                "from": first,
                "to": last,
                "workspace_id": workspace_id,
                "source": "events",
                "interval": query.interval,
                "hourly": report.hourly,
                "series": series,
                "totals": _totals(series, ("total", "human", "bot")),
                "top_links": self._top_links(workspace_id, report.per_link, TOP_WORKSPACE_LINKS),
                **{name: breakdown_rows(report.counted(name)) for name in ALL_BREAKDOWNS},
            }
        )

    def visits(
        self, principal: Principal, link_id: str, query: VisitsQuery
    ) -> tuple[Link, Page[Visit]]:
        """A page of the link's visits, newest first (who may read the link may read them)."""
        link = self.links.get_owned(principal, link_id)
        return link, self.events.visits(link.id, query)

    def erase_visits(self, principal: Principal, link_id: str) -> int:
        """Erase a link's raw events: owners and admins of its workspace (and instance admins);
        audited. Its counters stay (they hold nothing about a visitor)."""
        link = self.links.get_owned(principal, link_id)
        self.links.workspaces.require(principal, link.workspace_id, "stats.erase")
        erased = self.events.erase(link.id)
        audit.record(
            principal.user_id,
            "link.visits.erase",
            "link",
            link.id,
            {"erased": erased, "code": link.code},
            workspace_id=link.workspace_id,
        )
        return erased

    def _top_links(self, workspace_id: str, per_link: dict[str, int], limit: int) -> list[TopLink]:
        top: list[TopLink] = []
        ranked = sorted(per_link.items(), key=lambda kv: (-kv[1], kv[0]))
        for link_id, clicks in ranked[: limit * 5]:  # bounded lookups, even if many deleted
            link = self.links.repo.by_id(link_id)
            if link is None or link.workspace_id != workspace_id:
                continue  # deleted since
            top.append(TopLink(id=link_id, code=link.code, title=link.title, total=clicks))
            if len(top) == limit:
                break
        return top
