"""Analytics API: per-link stats (JSON and CSV) and the caller's overview.

Every answer reads a bounded set of small documents per day of the range
(:mod:`flamingo.stats.repository`): the cost is O(days), never O(clicks). Owner or admin only
(other users' links answer 404); tokens need the ``stats:read`` scope.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from flamingo.accounts.auth import current_principal, require_auth
from flamingo.core.config import Settings
from flamingo.links.repository import get_owned_link, repository
from flamingo.stats.models import RangeQuery, breakdown_rows, resolve_range
from flamingo.stats.repository import BREAKDOWNS, ClickStatsRepository, link_report, owner_report

bp = Blueprint("stats", __name__, url_prefix="/api/v1")
TOP_LINKS = 10
# Spreadsheets run cells that start with these as formulas (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _repo() -> ClickStatsRepository:
    return ClickStatsRepository(current_app.extensions["flamingo.core.stores"].db)


def _range() -> tuple[date, date]:
    settings: Settings = current_app.config["FLAMINGO_SETTINGS"]
    return resolve_range(RangeQuery.model_validate(request.args.to_dict()), settings.stats_max_days)


def _link_stats(link_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    link = get_owned_link(current_principal(), link_id)
    first, last = _range()
    report = link_report(_repo(), str(link["_id"]), first, last)
    return link, {"from": first.isoformat(), "to": last.isoformat(), **report}


def _totals(series: list[dict[str, Any]], names: tuple[str, ...]) -> dict[str, int]:
    return {name: sum(int(point[name]) for point in series) for name in names}


@bp.get("/links/<link_id>/stats")
@require_auth("stats:read")
def link_stats(link_id: str) -> Response:
    link, report = _link_stats(link_id)
    body: dict[str, Any] = {
        "link_id": str(link["_id"]),
        "code": link["code"],
        "from": report["from"],
        "to": report["to"],
        # Daily uniques summed: visitor-days (HyperLogLog estimates cannot be unioned here).
        "totals": _totals(report["series"], ("total", "human", "bot", "unique")),
        "series": report["series"],
    }
    for name in BREAKDOWNS:
        body[name] = breakdown_rows(report[name])
    return jsonify(body)


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
    filename = f"flamingo-{link['code']}-{report['from']}-{report['to']}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/stats/overview")
@require_auth("stats:read")
def overview() -> Response:
    """The caller's own clicks over the range and their most-clicked links."""
    principal = current_principal()
    first, last = _range()
    series, per_link = owner_report(_repo(), principal.user_id, first, last)
    links = repository()
    top: list[dict[str, Any]] = []
    ranked = sorted(per_link.items(), key=lambda kv: (-kv[1], kv[0]))
    for link_id, clicks in ranked[: TOP_LINKS * 5]:  # bounded lookups, even if many were deleted
        doc = links.by_id(link_id)
        if doc is None or doc.get("owner_id") != principal.user_id:
            continue  # deleted since
        top.append({"id": link_id, "code": doc["code"], "title": doc.get("title"), "total": clicks})
        if len(top) == TOP_LINKS:
            break
    return jsonify(
        {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "totals": _totals(series, ("total", "human", "bot")),
            "series": series,
            "top_links": top,
        }
    )
