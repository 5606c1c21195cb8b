"""The redirect's fast lane: cache hits of plain links answered below Flask.

Profiling the redirect showed that most of its cost was not the lookup but Flask around it: the
request context, URL matching, the before/after hooks of every other feature. Nothing of that is
needed to answer "``/abc1234`` is in the cache and :func:`~flamingo.redirect.resolve.resolve`
says: a plain redirect to its target". This WSGI middleware answers exactly that case itself and
hands every other request — misses, unknown codes, 404/410 pages, password-protected and capped
links, anything that is not ``GET``/``HEAD`` of ``/<code>`` — unchanged to the Flask app, whose
``redirect.view.follow`` renders the other decisions. Both answer a hit identically
(tests/unit/test_fastlane.py).

What the fast lane still does per request: the click event (into the in-process buffer), the
request-duration histogram and in-flight gauge under the view's route label, the cache hit
counter, and an ``X-Request-ID``. It writes no request log line: each redirect is already
recorded as a click event, and metrics count it.

It sits inside ProxyFix (see :mod:`flamingo.http.clientip`), so ``REMOTE_ADDR`` is already the
client.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING

from flask import Flask

from flamingo.clicks import events as clicks
from flamingo.core import context
from flamingo.core.metrics import REQUEST_DURATION, REQUESTS_IN_FLIGHT
from flamingo.http.middleware import REQUEST_ID_HEADER, new_request_id, safe_request_id
from flamingo.links.cache import CACHE_HITS, CachedLink, LinkCache, cache_key, cache_of
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


def _environ_header(name: str) -> str:
    return "HTTP_" + name.upper().replace("-", "_")


class RedirectFastLane:
    def __init__(self, app: Flask, inner: WSGIApplication) -> None:
        self.inner = inner
        self.cache: LinkCache = cache_of(app)
        self.settings = context.settings_of(app)
        self.max_age = self.settings.permanent_redirect_max_age
        self.buffer = clicks.buffer_of(app)
        self.key = clicks.event_key(app)
        self.geo_key = _environ_header(self.settings.geo_header)
        # Per method and status, so the hot path does no label lookup.
        self._histograms = {
            (method, status): REQUEST_DURATION.labels(ROUTE, method, str(status))
            for method in ("GET", "HEAD")
            for status in _STATUS_LINES
        }

    def _servable(self, environ: WSGIEnvironment) -> tuple[CachedLink, Decision] | None:
        """A cached link and its decision, when the decision is a plain redirect."""
        method = environ.get("REQUEST_METHOD")
        if method != "GET" and method != "HEAD":  # noqa: PLR1714 - cheaper than a set lookup
            return None
        match = _CODE_PATH.fullmatch(environ.get("PATH_INFO", ""))
        if match is None:
            return None
        host = request_host(environ.get("HTTP_HOST", ""), self.cache.default_host)
        domain = self.cache.cached_domain(host)
        if domain is None:
            return None  # not cached yet, or not a domain we serve: the view decides
        own_hosts = self.cache.cached_own_hosts()
        if own_hosts is None:
            return None  # not cached yet: the view loads them
        link = self.cache.get(cache_key(host, match.group(1)), count=False)
        if not isinstance(link, CachedLink):
            return None
        decision = resolve(
            link,
            self._visit(link, environ),
            permanent_max_age=self.max_age,
            domain=domain,
            own_hosts=own_hosts,
        )
        # The unlock page, the atomic cap, fallbacks and the 404/410 pages: the view renders them.
        return (link, decision) if decision.plain and decision.click else None

    def _visit(self, link: CachedLink, environ: WSGIEnvironment) -> Visit:
        if link.routing is None:
            return Visit(time.time())  # a plain link looks at nothing else
        return Visit(
            time.time(),
            user_agent=environ.get("HTTP_USER_AGENT", ""),
            accept_language=environ.get("HTTP_ACCEPT_LANGUAGE", ""),
            country=clicks.geo_region(environ.get(self.geo_key, "")),
            query_string=environ.get("QUERY_STRING", ""),
            address=environ.get("REMOTE_ADDR", ""),
            key=self.key,
        )

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        servable = self._servable(environ)
        if servable is None:
            return self.inner(environ, start_response)
        link, decision = servable
        CACHE_HITS.inc()
        REQUESTS_IN_FLIGHT.inc()
        try:
            method = environ["REQUEST_METHOD"]
            if method == "GET":  # HEAD is answered but is not a click
                self.buffer.ensure_started()
                self.buffer.add(self._event(link, decision, environ))
            request_id = safe_request_id(environ.get("HTTP_X_REQUEST_ID", "")) or new_request_id()
            start_response(
                _STATUS_LINES[decision.status],
                [
                    ("Location", decision.target or link.target),
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
        self, link: CachedLink, decision: Decision, environ: WSGIEnvironment
    ) -> clicks.Event:
        return clicks.make_event(
            link.code,
            link.link_id,
            user_agent=environ.get("HTTP_USER_AGENT", ""),
            referer=environ.get("HTTP_REFERER"),
            geo=environ.get(self.geo_key, ""),
            address=environ.get("REMOTE_ADDR", ""),
            key=self.key,
            rule=decision.rule,
            variant=decision.variant,
        )


def install(app: Flask) -> None:
    """Put the fast lane in front of the Flask app (inside ProxyFix, installed after it)."""
    app.wsgi_app = RedirectFastLane(app, app.wsgi_app)  # type: ignore[method-assign]
