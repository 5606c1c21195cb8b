"""The redirect's fast lane: cache hits answered below Flask.

Profiling the redirect showed that most of its cost was not the lookup but what surrounds it: the
request context, URL matching, the before/after hooks of every other feature, ProxyFix. Nothing of
that is needed to answer "``/abc1234`` is in the cache and
:func:`~flamingo.redirect.resolve.resolve` says: a redirect, no cap". This WSGI middleware
answers exactly that case itself — plain links, rules and splits alike — and hands every other
request — misses, unknown codes, 404/410 pages, password-protected and capped links, anything
that is not ``GET``/``HEAD`` of ``/<code>`` — unchanged to the app, whose
``redirect.view.follow`` renders the other decisions. Both answer a
hit identically (tests/unit/redirect/test_fastlane.py).

Per ``Host`` header and path it remembers what it found (:class:`_Known`): the cache's
:class:`~flamingo.links.cache.Hot` (link, domain, own hosts, read under one lock) and, for a link
whose answer depends neither on the visit nor on the clock, that answer itself. A remembered entry
is used only while :meth:`~flamingo.links.cache.LinkCache.fresh` holds: any invalidation in the
process, a lost subscription or a TTL ends it. The facts of the visit (:class:`Visit`) are read
only for a link with rules or a split.

What the fast lane still does per request: the click event (into the in-process buffer), the
request-duration histogram and in-flight gauge under the view's route label, the cache hit
counter, and an ``X-Request-ID``. It writes no request log line: each redirect is already
recorded as a click event, and metrics count it.

It is the outermost layer (outside ProxyFix, see :mod:`flamingo.http.clientip`): the client's
address, which only the click's visitor hash and a split need, is read from ``X-Forwarded-For``
by :func:`client_address` exactly as ProxyFix would, and only when needed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING

from flask import Flask
from werkzeug.http import parse_list_header

from flamingo.clicks import events as clicks
from flamingo.core import context
from flamingo.core.metrics import REQUEST_DURATION, REQUESTS_IN_FLIGHT
from flamingo.http.middleware import REQUEST_ID_HEADER, new_request_id, safe_request_id
from flamingo.links.cache import CACHE_HITS, Hot, LinkCache, cache_of
from flamingo.links.codes import CODE_PATTERN
from flamingo.links.domains import request_host
from flamingo.redirect.resolve import Decision, resolve
from flamingo.redirect.view import ROUTE
from flamingo.redirect.visit import Visit

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

_CODE_PATH = re.compile(rf"/({CODE_PATTERN})")
_STATUS_LINES = {code: f"{code} {HTTPStatus(code).phrase}" for code in (301, 302, 307, 308)}
_EMPTY: list[bytes] = [b""]
# Host header spellings times hot links: more is a client playing with Host; start over.
_MAX_KNOWN = 10_000


def _environ_header(name: str) -> str:
    return "HTTP_" + name.upper().replace("-", "_")


def client_address(environ: WSGIEnvironment, trusted_proxies: int) -> str:
    """The ``REMOTE_ADDR`` that werkzeug's ``ProxyFix(x_for=trusted_proxies)`` would leave: the
    ``trusted_proxies``-th entry from the right of ``X-Forwarded-For`` when there are that many,
    else the socket peer."""
    forwarded: str | None = environ.get("HTTP_X_FORWARDED_FOR") if trusted_proxies else None
    if forwarded:
        # Only the last entries matter: split those off, unless a quote or an empty entry
        # makes werkzeug's parse (which drops empty entries) the only safe one.
        last = forwarded.rsplit(",", trusted_proxies)[-trusted_proxies:]
        values = [part.strip(" \t") for part in last]
        if '"' in forwarded or not all(values):
            values = parse_list_header(forwarded)
        if len(values) >= trusted_proxies:
            return values[-trusted_proxies]
    address: str = environ.get("REMOTE_ADDR", "")
    return address


@dataclass(frozen=True, slots=True)
class _Known:
    """What the fast lane found for one ``Host`` header and path."""

    hot: Hot
    host: str
    decision: Decision | None  # the answer, when it depends on nothing of the visit or the time


def _timeless(hot: Hot) -> bool:
    link = hot.link
    return link.routing is None and link.valid_from is None and link.expires_at is None


class RedirectFastLane:
    def __init__(self, app: Flask, inner: WSGIApplication) -> None:
        self.inner = inner
        self.cache: LinkCache = cache_of(app)
        self.settings = context.settings_of(app)
        self.max_age = self.settings.links.permanent_redirect_max_age
        self.trusted_proxies = self.settings.server.trusted_proxy_count
        self.buffer = clicks.buffer_of(app)
        self.key = clicks.event_key(app)
        self.geo_key = _environ_header(self.settings.clicks.geo_header)
        region = self.settings.clicks.region_header
        self.region_key = _environ_header(region) if region else ""
        self._known: dict[tuple[str, str], _Known] = {}
        # Per method and status, so the hot path does no label lookup.
        self._histograms = {
            (method, status): REQUEST_DURATION.labels(ROUTE, method, str(status))
            for method in ("GET", "HEAD")
            for status in _STATUS_LINES
        }

    def _servable(self, environ: WSGIEnvironment) -> tuple[Hot, Decision, Visit | None] | None:
        """A cached link and its decision, when the decision is a redirect without a cap (and
        the visit, when the decision needed one)."""
        method = environ.get("REQUEST_METHOD")
        if method != "GET" and method != "HEAD":  # noqa: PLR1714 - cheaper than a set lookup
            return None
        where = (environ.get("HTTP_HOST", ""), environ.get("PATH_INFO", ""))
        known = self._known.get(where)
        if known is None or not self.cache.fresh(known.hot):
            known = self._look_up(where)
            if known is None:
                return None
        visit = None  # read from the request only for a rule or a split
        decision = known.decision
        if decision is None:
            if known.hot.link.routing is not None:
                visit = self._visit(environ)
            decision = self._decide(known, visit or Visit(time.time()))
        # The unlock page, the atomic cap, fallbacks and the 404/410 pages: the view renders them.
        return (known.hot, decision, visit) if decision.plain and decision.click else None

    def _look_up(self, where: tuple[str, str]) -> _Known | None:
        match = _CODE_PATH.fullmatch(where[1])
        if match is None:
            return None
        host = request_host(where[0], self.cache.default_host)
        hot = self.cache.hot(host, match.group(1))
        if hot is None:
            return None  # not cached yet, or not a domain we serve: the view decides
        known = _Known(hot, host, None)
        if _timeless(hot):
            known = _Known(hot, host, self._decide(known, Visit(time.time())))
        if len(self._known) >= _MAX_KNOWN:
            self._known.clear()
        self._known[where] = known
        return known

    def _decide(self, known: _Known, visit: Visit) -> Decision:
        hot = known.hot
        return resolve(
            hot.link,
            visit,
            permanent_max_age=self.max_age,
            domain=hot.domain,
            own_hosts=hot.own_hosts,
        )

    def _visit(self, environ: WSGIEnvironment) -> Visit:
        return Visit(
            time.time(),
            user_agent=environ.get("HTTP_USER_AGENT", ""),
            accept_language=environ.get("HTTP_ACCEPT_LANGUAGE", ""),
            country=clicks.geo_region(environ.get(self.geo_key, "")),
            query_string=environ.get("QUERY_STRING", ""),
            address=client_address(environ, self.trusted_proxies),
            key=self.key,
        )

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        servable = self._servable(environ)
        if servable is None:
            return self.inner(environ, start_response)
        hot, decision, visit = servable
        CACHE_HITS.inc()
        REQUESTS_IN_FLIGHT.inc()
        try:
            method = environ["REQUEST_METHOD"]
            if method == "GET":  # HEAD is answered but is not a click
                self.buffer.ensure_started()
                address = visit.address if visit else client_address(environ, self.trusted_proxies)
                self.buffer.add(self._event(hot, decision, environ, address))
            request_id = safe_request_id(environ.get("HTTP_X_REQUEST_ID", "")) or new_request_id()
            start_response(
                _STATUS_LINES[decision.status],
                [
                    ("Location", decision.target or hot.link.target),
                    ("Cache-Control", decision.cache_control),
                    ("Content-Length", "0"),
                    (REQUEST_ID_HEADER, request_id),
                ],
            )
            self._histograms[(method, decision.status)].observe(time.perf_counter() - started)
            return _EMPTY
        finally:
            REQUESTS_IN_FLIGHT.dec()

    def _event(
        self, hot: Hot, decision: Decision, environ: WSGIEnvironment, address: str
    ) -> clicks.Event:
        return clicks.make_event(
            hot.link.code,
            hot.link.link_id,
            user_agent=environ.get("HTTP_USER_AGENT", ""),
            referer=environ.get("HTTP_REFERER"),
            geo=environ.get(self.geo_key, ""),
            address=address,
            key=self.key,
            rule=decision.rule,
            variant=decision.variant,
            accept_language=environ.get("HTTP_ACCEPT_LANGUAGE", ""),
            query_string=environ.get("QUERY_STRING", ""),
            region=environ.get(self.region_key, "") if self.region_key else "",
        )


def install(app: Flask) -> None:
    """Put the fast lane in front of everything, ProxyFix included (installed after it)."""
    app.wsgi_app = RedirectFastLane(app, app.wsgi_app)  # type: ignore[method-assign]
