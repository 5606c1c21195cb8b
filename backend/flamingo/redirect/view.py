"""``GET /<code>``: the hot path.

On a cache hit this view makes no MongoDB call and at most one Redis round trip (the ``INCR`` of
a link with a click cap; none otherwise): the click is handed to the in-process buffer of
:mod:`flamingo.clicks.events`. No session, no rate limit. On a miss it makes one indexed read by
``code`` and caches the answer, including "no such code".
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.datastructures import Headers
from werkzeug.routing import BaseConverter

from flamingo.clicks.events import record_click
from flamingo.core.config import Settings
from flamingo.core.problems import Problem, problem_response
from flamingo.core.stores import Stores
from flamingo.links import clickcap
from flamingo.links.cache import EXTENSION as LINKCACHE
from flamingo.links.cache import UNKNOWN, CachedLink, LinkCache
from flamingo.links.codes import CODE_PATTERN
from flamingo.links.repository import LinkRepository
from flamingo.links.reserved import is_reserved

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

bp = Blueprint("redirect", __name__)

PERMANENT = frozenset({301, 308})
ROUTE = "/<code:code>"  # the URL rule, also the metrics label of the fast lane
UNLOCK_PAGE = "/app/unlock/"


class CodeConverter(BaseConverter):
    """Only what a code can look like reaches the view; ``/favicon.ico`` & co. are plain 404s."""

    regex = CODE_PATTERN


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(
        ("text/html", "application/problem+json", "application/json")
    )
    return best is not None and best != "text/html"


def _error_page(status: int, slug: str, detail: str) -> Response:
    """A small HTML page for people, problem+json for clients that prefer JSON."""
    if _wants_json():
        response = problem_response(Problem(status, slug, detail))
    else:
        html = render_template("link_error.html", status=status, detail=detail)
        response = Response(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _not_found() -> Response:
    return _error_page(404, "link-not-found", "There is no link at this address.")


def _gone(reason: str) -> Response:
    return _error_page(410, "link-gone", reason)


def _lookup(cache: LinkCache, code: str) -> CachedLink | None:
    entry = cache.get(code)
    if entry is None:
        if is_reserved(code):
            return None
        epoch = cache.epoch  # read before MongoDB, so a racing invalidation wins
        stores: Stores = current_app.extensions["flamingo.core.stores"]
        doc = LinkRepository(stores.db).by_code(code)
        entry = CachedLink.from_doc(doc) if doc is not None else UNKNOWN
        cache.put(code, entry, epoch)
    return entry if isinstance(entry, CachedLink) else None


def unavailable_reason(link: CachedLink, now: float) -> str | None:
    """Why a link no longer redirects (410), or None while it does."""
    if link.disabled:
        return "This link has been disabled."
    if link.expires_at is not None and now >= link.expires_at:
        return "This link has expired."
    return None


def cache_control(link: CachedLink, settings: Settings, now: float) -> str:
    if link.status not in PERMANENT or link.max_clicks is not None:
        # Every visit must reach us to be counted (and capped).
        return "private, no-store"
    max_age = settings.permanent_redirect_max_age
    if link.expires_at is not None:
        max_age = min(max_age, max(0, int(link.expires_at - now)))
    return f"private, max-age={max_age}"


class RedirectResponse(Response):
    """A body-less redirect whose headers are final as built.

    werkzeug re-encodes ``Location`` (IRI → URI) and recomputes the length on every answer; our
    targets are ASCII already (the URL policy quotes them, :class:`CachedLink` makes sure), so
    that work — a fifth of the hot path's own time — is skipped.
    """

    def get_wsgi_headers(self, environ: WSGIEnvironment) -> Headers:
        return self.headers


def redirect_response(link: CachedLink, settings: Settings, now: float) -> Response:
    return _redirect(link.status, link.target, cache_control(link, settings, now))


def _redirect(status: int, location: str, cache_control: str) -> Response:
    response = RedirectResponse(status=status)
    headers = response.headers
    headers["Location"] = location
    headers["Cache-Control"] = cache_control
    headers["Content-Length"] = "0"
    return response


@bp.get(ROUTE)
def follow(code: str) -> Response:
    app: Any = current_app._get_current_object()  # type: ignore[attr-defined]
    link = _lookup(app.extensions[LINKCACHE], code)
    if link is None:
        return _not_found()
    now = time.time()
    reason = unavailable_reason(link, now)
    if reason is not None:
        return _gone(reason)
    if link.protected:
        return _redirect(302, UNLOCK_PAGE + link.code, "no-store")
    is_head = request.method == "HEAD"
    if link.max_clicks is not None:
        redis_client = app.extensions["flamingo.core.stores"].redis
        if is_head:
            allowed = not clickcap.exhausted(redis_client, link.link_id, link.max_clicks)
        else:
            allowed = clickcap.take(redis_client, link.link_id, link.max_clicks)
        if not allowed:
            return _gone("This link has reached its click limit.")
    record_click(link.code, link.link_id, is_head=is_head)
    return redirect_response(link, app.config["FLAMINGO_SETTINGS"], now)
