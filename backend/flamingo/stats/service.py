"""What the analytics endpoints answer, for whom: a link's report only to who may see the link
(decided by :class:`flamingo.links.service.LinkService`), a workspace's overview only to its
members (decided by :class:`flamingo.workspaces.service.WorkspaceService`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask import Flask
from pydantic import BaseModel

from flamingo.accounts.auth import Principal
from flamingo.core import context
from flamingo.links.link import Link
from flamingo.links.service import LinkService
from flamingo.stats.answers import OrphanVisits, RuleClicks, StatsOverview, TopLink, VariantClicks
from flamingo.stats.models import OverviewQuery, RangeQuery, resolve_range
from flamingo.stats.orphans import OrphanRepository
from flamingo.stats.reports import LinkReport, link_report, orphan_report, owner_report
from flamingo.stats.repository import ClickStatsRepository

TOP_LINKS = 10


def _totals(series: Sequence[BaseModel], names: tuple[str, ...]) -> dict[str, int]:
    return {name: sum(int(getattr(point, name)) for point in series) for name in names}


@dataclass(frozen=True)
class LinkStatsReport:
    """A link's report over ``first..last``, with its clicks per redirect rule and per variant in
    the contract's shape."""

    first: date
    last: date
    report: LinkReport
    rules: list[RuleClicks]
    variants: list[VariantClicks]


class StatsService:
    def __init__(
        self,
        links: LinkService,
        repo: ClickStatsRepository,
        max_days: int,
        orphan_repo: OrphanRepository,
    ) -> None:
        self.links = links
        self.repo = repo
        self.max_days = max_days
        self.orphan_repo = orphan_repo

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
        )

    def range(self, query: RangeQuery) -> tuple[date, date]:
        return resolve_range(query, self.max_days)

    def link(
        self, principal: Principal, link_id: str, query: RangeQuery
    ) -> tuple[Link, LinkStatsReport]:
        """The link (404 unless ``principal`` may see it) and its report over the range."""
        link = self.links.get_owned(principal, link_id)
        first, last = self.range(query)
        report = link_report(self.repo, link.id, first, last)
        rules = [
            RuleClicks(index=i, clicks=report.rules.get(str(i), 0)) for i in range(len(link.rules))
        ]
        variants = [
            VariantClicks(index=i, target=v.target, clicks=report.variants.get(str(i), 0))
            for i, v in enumerate(link.variants)
        ]
        return link, LinkStatsReport(first, last, report, rules, variants)

    def orphans(self, query: RangeQuery) -> OrphanVisits:
        """Visits of unknown codes on the domains we serve (admins only: the views decide)."""
        first, last = self.range(query)
        report = orphan_report(self.orphan_repo, first, last)
        return OrphanVisits.model_validate(
            {"from": first, "to": last, "series": report.series, "top": report.top}
        )

    def totals(self, series: Sequence[BaseModel], names: tuple[str, ...]) -> dict[str, int]:
        return _totals(series, names)

    def overview(self, principal: Principal, query: OverviewQuery) -> StatsOverview:
        """One workspace's clicks over the range and its most-clicked links (404 for a
        non-member, as for every object of a workspace)."""
        workspace_id = query.workspace_id or self.links.workspaces.default_for(principal)
        self.links.workspaces.require(principal, workspace_id, "stats.read")
        first, last = self.range(query)
        report = owner_report(self.repo, workspace_id, first, last)
        return StatsOverview.model_validate(
            {
                "from": first,
                "to": last,
                "workspace_id": workspace_id,
                "totals": _totals(report.series, ("total", "human", "bot")),
                "series": report.series,
                "top_links": self._top_links(workspace_id, report.per_link),
            }
        )

    def _top_links(self, workspace_id: str, per_link: dict[str, int]) -> list[TopLink]:
        top: list[TopLink] = []
        ranked = sorted(per_link.items(), key=lambda kv: (-kv[1], kv[0]))
        for link_id, clicks in ranked[: TOP_LINKS * 5]:  # bounded lookups, even if many deleted
            link = self.links.repo.by_id(link_id)
            if link is None or link.workspace_id != workspace_id:
                continue  # deleted since
            top.append(TopLink(id=link_id, code=link.code, title=link.title, total=clicks))
            if len(top) == TOP_LINKS:
                break
        return top
