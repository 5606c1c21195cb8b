"""Analytics API: per-link stats (JSON and CSV) and the caller's overview.

Every answer reads a bounded set of small documents per day of the range
(:mod:`flamingo.stats.repository`): the cost is O(days), never O(clicks). Owner or admin only
(other users' links answer 404); tokens need the ``stats:read`` scope.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Blueprint, Response

from flamingo.accounts.auth import current_principal, require_admin, require_auth
from flamingo.core import context
from flamingo.http.bodies import query
from flamingo.http.openapi import Contract
from flamingo.http.render import answer
from flamingo.links.link import Link
from flamingo.stats.answers import LinkStats, OrphanVisits, StatsOverview
from flamingo.stats.models import OverviewQuery, RangeQuery, breakdown_rows
from flamingo.stats.repository import BREAKDOWNS
from flamingo.stats.service import StatsService

bp = Blueprint("stats", __name__, url_prefix="/api/v1")
# What these APIs answer: the document's schemas are generated from these models.
CONTRACT = Contract(responses=(LinkStats, OrphanVisits, StatsOverview))
# Spreadsheets run cells that start with these as formulas (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _service() -> StatsService:
    return context.service(StatsService)


def _link_stats(link_id: str) -> tuple[Link, dict[str, Any]]:
    return _service().link(current_principal(), link_id, query(RangeQuery))


@bp.get("/links/<link_id>/stats")
@require_auth("stats:read")
def link_stats(link_id: str) -> Response:
    link, report = _link_stats(link_id)
    body: dict[str, Any] = {
        "link_id": link.id,
        "code": link.code,
        "from": report["from"],
        "to": report["to"],
        # Daily uniques summed: visitor-days (HyperLogLog estimates cannot be unioned here).
        "totals": _service().totals(report["series"], ("total", "human", "bot", "unique")),
        "series": report["series"],
    }
    for name in BREAKDOWNS:
        body[name] = breakdown_rows(report[name])
    body["rules"], body["variants"] = report["rules"], report["variants"]
    return answer(LinkStats.model_validate(body))


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@bp.get("/links/<link_id>/stats.csv")
@require_auth("stats:read")
def link_stats_csv(link_id: str) -> Response:
    """One table: a ``day`` row per date, then one row per breakdown value (``count`` in total)."""
    link, report = _link_stats(link_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "key", "date", "total", "human", "bot", "unique"])
    for point in report["series"]:
        writer.writerow(
            [
                "day",
                "",
                point["date"],
                point["total"],
                point["human"],
                point["bot"],
                point["unique"],
            ]
        )
    for name in BREAKDOWNS:
        for key, count in sorted(report[name].items(), key=lambda kv: (-kv[1], kv[0])):
            writer.writerow([name, _cell(key), "", count, "", "", ""])
    for rule in report["rules"]:
        writer.writerow(["rule", rule["index"], "", rule["clicks"], "", "", ""])
    for variant in report["variants"]:
        writer.writerow(["variant", variant["index"], "", variant["clicks"], "", "", ""])
    filename = f"flamingo-{link.code}-{report['from']}-{report['to']}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/admin/stats/orphans")
@require_admin
def orphans() -> Response:
    """Visits of codes no link has, on the domains this install serves."""
    return answer(OrphanVisits.model_validate(_service().orphans(query(RangeQuery))))


@bp.get("/stats/overview")
@require_auth("stats:read")
def overview() -> Response:
    """A workspace's clicks over the range and its most-clicked links (``?workspace_id``)."""
    report = _service().overview(current_principal(), query(OverviewQuery))
    return answer(StatsOverview.model_validate(report))
