"""``GET /<code>``: the redirect, for every case the fast lane hands on.

On a cache hit this view makes no MongoDB call and at most one Redis round trip (the ``INCR`` of
a link with a click cap; none otherwise): the click is handed to the in-process buffer of
:mod:`flamingo.clicks.events`. No session, no rate limit. On a miss it makes one indexed read by
``code`` and caches the answer, including "no such code". What to answer is decided by
:func:`flamingo.redirect.resolve.resolve`; this module only renders it.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from flask import Blueprint, Flask, Response, render_template, request
from werkzeug.datastructures import Headers
from werkzeug.routing import BaseConverter

from flamingo.clicks.events import (
    event_key,
    geo_region,
    record_click,
    record_orphan,
    referrer_host,
)
from flamingo.core import context
from flamingo.core.problems import Problem, problem_response
from flamingo.links.cache import CachedLink, own_hosts_of
from flamingo.links.codes import CODE_PATTERN
from flamingo.links.domain_service import DomainService
from flamingo.links.reserved import is_reserved
from flamingo.links.service import LinkService
from flamingo.redirect.carry import PARAMETER, CarriedVisit, carry
from flamingo.redirect.resolve import (
    NOT_FOUND,
    Decision,
    Outcome,
    over_cap,
    resolve,
    root_target,
)
from flamingo.redirect.visit import Visit

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


def visit_of(now: float, *, unlocked: bool = False, query_string: str | None = None) -> Visit:
    """The facts of this request that a redirect may depend on (computed when asked);
    ``query_string`` replaces the request's (the unlock step's carried visit)."""
    app: Flask = context.app()
    headers = request.headers
    if query_string is None:
        query_string = request.query_string.decode("latin-1")
    return Visit(
        now,
        unlocked=unlocked,
        user_agent=headers.get("User-Agent", ""),
        accept_language=headers.get("Accept-Language", ""),
        country=geo_region(headers.get(context.settings_of(app).clicks.geo_header, "")),
        query_string=query_string,
        address=request.remote_addr or "",
        key=event_key(app),
    )


def render(decision: Decision, link: CachedLink | None, host: str, code: str) -> Response:
    """The answer to a visit, with its click (or orphan visit) recorded."""
    is_head = request.method == "HEAD"
    if decision.click and link is not None:
        record_click(
            link.code, link.link_id, is_head=is_head, rule=decision.rule, variant=decision.variant
        )
    elif decision.orphan and code:
        record_orphan(host, code, is_head=is_head)
    if decision.outcome is Outcome.UNLOCK:
        return redirect_response(_carrying_the_visit(decision, host, code))
    if decision.outcome is Outcome.REDIRECT:
        return redirect_response(decision)
    return error_page(decision)


def _carrying_the_visit(decision: Decision, host: str, code: str) -> Decision:
    """The unlock page with this visit's query string and Referer host, signed
    (:mod:`flamingo.redirect.carry`): the unlocked visit is decided and counted as this one."""
    visit = CarriedVisit(
        request.query_string.decode("latin-1"), referrer_host(request.headers.get("Referer"))
    )
    if not visit.query_string and not visit.referer_host:
        return decision
    app: Flask = context.app()
    value = carry(app, host, code, visit)
    return replace(decision, target=f"{decision.target}?{PARAMETER}={value}")


@bp.get(ROUTE)
def follow(code: str) -> Response:
    app: Flask = context.app()
    if is_reserved(code):
        return error_page(NOT_FOUND)  # a route of the service, never a link: no lookup at all
    domains = context.service_of(app, DomainService)
    host = domains.host_of(request.host)
    domain = domains.routes(host)
    if domain is None:
        return error_page(NOT_FOUND)  # a host we do not serve: never silently the default
    links = context.service_of(app, LinkService)
    link = links.for_redirect(host, code)
    max_age = context.settings_of(app).links.permanent_redirect_max_age
    decision = resolve(
        link,
        visit_of(time.time()),
        permanent_max_age=max_age,
        domain=domain,
        own_hosts=own_hosts_of(app),
    )
    capped = decision.cap is not None and link is not None
    if capped and link is not None and not links.take_cap(link, count=request.method != "HEAD"):
        decision = over_cap(link, domain)
    return render(decision, link, host, code)


@bp.get("/")
def root() -> Response:
    """A domain's root: its ``root_redirect``, else the SPA on the default domain, else 404."""
    app: Flask = context.app()
    domains = context.service_of(app, DomainService)
    domain = domains.routes(domains.host_of(request.host))
    target = root_target(domain, own_hosts_of(app)) if domain is not None else None
    if target is None:
        return error_page(NOT_FOUND)
    return redirect_response(Decision(Outcome.REDIRECT, 302, target=target))
