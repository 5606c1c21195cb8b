"""Analytics API: per-link stats (JSON and CSV) and the caller's overview.

Every answer reads a bounded set of small documents per day of the range
(:mod:`flamingo.stats.repository`): the cost is O(days), never O(clicks). Owner or admin only
(other users' links answer 404); tokens need the ``stats:read`` scope.
"""

from __future__ import annotations

import csv
import io
from typing import Any, TypeVar

from flask import Blueprint, Response, request
from pydantic import BaseModel

from flamingo.accounts.auth import current_principal, require_admin, require_auth
from flamingo.core import context
from flamingo.core.timefmt import iso
from flamingo.http.bodies import query
from flamingo.http.openapi import Contract
from flamingo.http.render import answer
from flamingo.links.link import Link
from flamingo.stats.answers import LinkStats, OrphanVisits, StatsOverview, WorkspaceStats
from flamingo.stats.documents import ALL_BREAKDOWNS
from flamingo.stats.filters import LIST_PARAMS, OverviewSlicedQuery, SlicedQuery
from flamingo.stats.models import RangeQuery, breakdown_rows
from flamingo.stats.service import LinkStatsReport, StatsService

M = TypeVar("M", bound=BaseModel)
bp = Blueprint("stats", __name__, url_prefix="/api/v1")
# What these APIs answer: the document's schemas are generated from these models.
CONTRACT = Contract(responses=(LinkStats, OrphanVisits, StatsOverview, WorkspaceStats))
# Spreadsheets run cells that start with these as formulas (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _service() -> StatsService:
    return context.service(StatsService)


def sliced(model: type[M]) -> M:
    """The query string as ``model``, the filters' repeated parameters as lists ("any of")."""
    args = request.args
    return model.model_validate(
        {key: args.getlist(key) if key in LIST_PARAMS else args[key] for key in args}
    )


def _link_stats(link_id: str) -> tuple[Link, LinkStatsReport]:
    return _service().link(current_principal(), link_id, sliced(SlicedQuery))


@bp.get("/links/<link_id>/stats")
@require_auth("stats:read")
def link_stats(link_id: str) -> Response:
    link, stats = _link_stats(link_id)
    series = stats.report.series
    return answer(
        LinkStats.model_validate(
            {
                "link_id": link.id,
                "code": link.code,
                "from": stats.first,
                "to": stats.last,
                "source": stats.source,
                "interval": stats.interval,
                "hourly": stats.hourly,
                # Daily uniques summed: visitor-days (HyperLogLog estimates cannot be unioned).
                "totals": _service().totals(series, ("total", "human", "bot", "unique")),
                "series": series,
                **{name: breakdown_rows(stats.report.counted(name)) for name in ALL_BREAKDOWNS},
                "rules": stats.rules,
                "variants": stats.variants,
            }
        )
    )


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@bp.get("/links/<link_id>/stats.csv")
@require_auth("stats:read")
def link_stats_csv(link_id: str) -> Response:
    """One table: a ``day`` row per date, then one row per breakdown value (``count`` in total)."""
    link, stats = _link_stats(link_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "key", "date", "total", "human", "bot", "unique"])
    for point in stats.report.series:
        writer.writerow(
            [
                "day",
                "",
                point.date.isoformat(),
                point.total,
                point.human,
                point.bot,
                point.unique,
            ]
        )
    for hour in stats.hourly:
        writer.writerow(["hour", "", iso(hour.at), hour.total, hour.human, hour.bot, hour.unique])
    for name in ALL_BREAKDOWNS:
        counts = stats.report.counted(name)
        for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            writer.writerow([name, _cell(key), "", count, "", "", ""])
    for rule in stats.rules:
        writer.writerow(["rule", rule.index, "", rule.clicks, "", "", ""])
    for variant in stats.variants:
        writer.writerow(["variant", variant.index, "", variant.clicks, "", "", ""])
    filename = f"flamingo-{link.code}-{stats.first.isoformat()}-{stats.last.isoformat()}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/admin/stats/orphans")
@require_admin
def orphans() -> Response:
    """Visits of codes no link has, on the domains this install serves."""
    visits: OrphanVisits = _service().orphans(query(RangeQuery))
    return answer(visits)


@bp.get("/stats/overview")
@require_auth("stats:read")
def overview() -> Response:
    """A workspace's clicks over the range and its most-clicked links (``?workspace_id``)."""
    report: StatsOverview = _service().overview(current_principal(), sliced(OverviewSlicedQuery))
    return answer(report)


@bp.get("/workspaces/<workspace_id>/stats")
@require_auth("stats:read")
def workspace_stats(workspace_id: str) -> Response:
    """A workspace's clicks across its links: series, top links and every breakdown."""
    report = _service().workspace(current_principal(), workspace_id, sliced(SlicedQuery))
    return answer(report)
