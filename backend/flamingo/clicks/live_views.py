"""The live feed API: a link's or a workspace's clicks as Server-Sent Events.

``GET /api/v1/links/{id}/live`` and ``GET /api/v1/workspaces/{id}/live`` are the feeds' names;
``/api/v1/live/links/{id}`` and ``/api/v1/live/workspaces/{id}`` are the same feeds under one
prefix, because a load balancer that routes by prefix only (GKE's Ingress) cannot pick
``/links/*/live`` out of ``/api``. A process that holds no feeds (the sync API workers) answers the
first two with a 307 to the prefixed ones, which the chart routes to the live process; Nginx
(compose) and ``make run`` send both forms straight to a process that holds feeds.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, redirect, request
from werkzeug.wrappers.response import Response as BaseResponse

from flamingo.accounts.auth import current_principal, require_auth
from flamingo.clicks.live import LiveClick
from flamingo.clicks.livefeed import Feed, LiveFeeds
from flamingo.core import context
from flamingo.http.openapi import Contract

bp = Blueprint("live", __name__, url_prefix="/api/v1")
# The event's data is a model: its schema is the document's `LiveClick`.
CONTRACT = Contract(responses=(LiveClick,))
ALIAS_PREFIX = "/api/v1/live"


def _feeds() -> LiveFeeds:
    return context.service(LiveFeeds)


# What may stay as it is in a query string; anything else is percent-encoded, so that a Location
# never carries a control character or a non-ASCII one (werkzeug refuses those: a 500).
_QUERY_SAFE = "=&%+;/?:@,$!*'()~"


def _elsewhere(kind: str, object_id: str) -> BaseResponse | None:
    """307 to the prefixed form when this process holds no feeds (query string kept)."""
    if _feeds().served_here:
        return None
    query = quote(request.query_string.decode("latin-1"), safe=_QUERY_SAFE)
    location = f"{ALIAS_PREFIX}/{kind}/{quote(object_id, safe='')}"
    return redirect(location + (f"?{query}" if query else ""), code=307)


def _stream(feed: Feed) -> Response:
    return Response(
        feed.frames(),
        mimetype="text/event-stream",
        headers={
            "Cache-Control": "no-store",
            # Nginx must pass each event on at once, whatever its configuration says.
            "X-Accel-Buffering": "no",
        },
    )


def _last_event_id() -> str | None:
    return request.headers.get("Last-Event-ID") or None


@bp.get("/links/<link_id>/live")
def link_live(link_id: str) -> BaseResponse:
    """Redirect when this process holds no feeds, else the same as :func:`link_live_here`."""
    return _elsewhere("links", link_id) or link_live_here(link_id)


@bp.get("/workspaces/<workspace_id>/live")
def workspace_live(workspace_id: str) -> BaseResponse:
    return _elsewhere("workspaces", workspace_id) or workspace_live_here(workspace_id)


@bp.get("/live/links/<link_id>")
@require_auth("stats:read")
def link_live_here(link_id: str) -> Response:
    """A link's clicks as they are counted (who may read its stats may watch them)."""
    return _stream(_feeds().link(current_principal(), link_id, _last_event_id()))


@bp.get("/live/workspaces/<workspace_id>")
@require_auth("stats:read")
def workspace_live_here(workspace_id: str) -> Response:
    """Every click of a workspace's links (viewer and up)."""
    return _stream(_feeds().workspace(current_principal(), workspace_id, _last_event_id()))
