"""The visit log: a link's raw click events, newest first, as JSON pages or CSV, and their erasure.

``GET /api/v1/links/{id}/visits?cursor&limit&from&to&<filters>`` (``format=csv`` for CSV: a
link a browser can download, with the same parameters) and ``DELETE …/visits`` (owners and
admins of the link's workspace; audited). No IP is stored, so none is shown.
"""

from __future__ import annotations

from flask import Blueprint, Response

from flamingo.accounts.auth import current_principal, require_auth
from flamingo.core import context
from flamingo.http.openapi import Contract
from flamingo.http.render import answer
from flamingo.stats.filters import VisitsQuery
from flamingo.stats.service import StatsService
from flamingo.stats.views import sliced
from flamingo.stats.visits import VisitPage, visits_csv

bp = Blueprint("visits", __name__, url_prefix="/api/v1")
CONTRACT = Contract(responses=(VisitPage,))


def _service() -> StatsService:
    return context.service(StatsService)


@bp.get("/links/<link_id>/visits")
@require_auth("stats:read")
def visits(link_id: str) -> Response:
    params = sliced(VisitsQuery)
    link, page = _service().visits(current_principal(), link_id, params)
    if params.format == "json":
        return answer(VisitPage(items=page.items, next_cursor=page.next_cursor))
    headers = {"Content-Disposition": f'attachment; filename="flamingo-{link.code}-visits.csv"'}
    if page.next_cursor:
        headers["X-Next-Cursor"] = page.next_cursor
    return Response(visits_csv(page.items), mimetype="text/csv", headers=headers)


@bp.delete("/links/<link_id>/visits")
@require_auth("links:write")
def erase_visits(link_id: str) -> Response:
    """Erase the link's raw events (its counters stay: they hold no visitor)."""
    _service().erase_visits(current_principal(), link_id)
    return Response(status=204)
