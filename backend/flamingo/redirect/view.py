"""``GET /<code>``: the redirect, for every case the fast lane hands on.

On a cache hit this view makes no MongoDB call and at most one Redis round trip (the ``INCR`` of
a link with a click cap; none otherwise): the click is handed to the in-process buffer of
:mod:`flamingo.clicks.events`. No session, no rate limit. On a miss it makes one indexed read by
``code`` and caches the answer, including "no such code". What to answer is decided by
:func:`flamingo.redirect.resolve.resolve`; this module only renders it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from flask import Blueprint, Flask, Response, current_app, render_template, request
from werkzeug.datastructures import Headers
from werkzeug.routing import BaseConverter

from flamingo.clicks.events import record_click
from flamingo.core import context
from flamingo.core.problems import Problem, problem_response
from flamingo.links.codes import CODE_PATTERN
from flamingo.links.service import LinkService
from flamingo.redirect.resolve import OVER_CAP, Decision, Outcome, Visit, resolve

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

bp = Blueprint("redirect", __name__)

ROUTE = "/<code:code>"  # the URL rule, also the metrics label of the fast lane
_SLUGS = {404: "link-not-found", 410: "link-gone"}


class CodeConverter(BaseConverter):
    """Only what a code can look like reaches the view; ``/favicon.ico`` & co. are plain 404s."""

    regex = CODE_PATTERN


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(
        ("text/html", "application/problem+json", "application/json")
    )
    return best is not None and best != "text/html"


def error_page(decision: Decision) -> Response:
    """A small HTML page for people, problem+json for clients that prefer JSON."""
    status, detail = decision.status, decision.reason or ""
    if _wants_json():
        response = problem_response(Problem(status, _SLUGS[status], detail))
    else:
        html = render_template("link_error.html", status=status, detail=detail)
        response = Response(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


class RedirectResponse(Response):
    """A body-less redirect whose headers are final as built.

    werkzeug re-encodes ``Location`` (IRI → URI) and recomputes the length on every answer; our
    targets are ASCII already (the URL policy quotes them, ``CachedLink`` makes sure), so that
    work — a fifth of the hot path's own time — is skipped.
    """

    def get_wsgi_headers(self, environ: WSGIEnvironment) -> Headers:
        return self.headers


def redirect_response(decision: Decision) -> Response:
    response = RedirectResponse(status=decision.status)
    headers = response.headers
    headers["Location"] = decision.target or "/"
    headers["Cache-Control"] = decision.cache_control
    headers["Content-Length"] = "0"
    return response


@bp.get(ROUTE)
def follow(code: str) -> Response:
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    links = LinkService.of(app)
    link = links.for_redirect(code)
    max_age = context.settings_of(app).permanent_redirect_max_age
    decision = resolve(link, Visit(time.time()), permanent_max_age=max_age)
    is_head = request.method == "HEAD"
    if (
        decision.cap is not None
        and link is not None
        and not links.take_cap(link, count=not is_head)
    ):
        decision = OVER_CAP
    if decision.outcome is Outcome.REDIRECT and link is not None:
        record_click(link.code, link.link_id, is_head=is_head)
        return redirect_response(decision)
    if decision.outcome is Outcome.UNLOCK:
        return redirect_response(decision)
    return error_page(decision)
