"""Per-request plumbing: request id, Cloud Trace context, metrics and the request log line."""

from __future__ import annotations

import os
import random
import re
import time

import structlog
from flask import Flask, Response, g, request

from flamingo.core import context
from flamingo.core.log import get_logger
from flamingo.core.metrics import REQUEST_DURATION, REQUESTS_IN_FLIGHT

REQUEST_ID_HEADER = "X-Request-ID"
TRACE_HEADER = "X-Cloud-Trace-Context"
# Accept a caller's id only if it cannot smuggle anything into logs or headers.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_TRACE = re.compile(r"^([0-9a-fA-F]{32})(?:/(\d+))?")

log = get_logger("flamingo.request")


# Request ids need to be unique, not secret: a per-process PRNG (reseeded after fork, see
# random's at-fork hook) instead of uuid4, whose os.urandom syscall measured ~100 µs per call on
# our VMs — a third of a redirect's whole budget.
_ids = random.Random()  # noqa: S311 - uniqueness only, nothing security-relevant
os.register_at_fork(after_in_child=_ids.seed)  # each forked worker gets its own sequence


def new_request_id() -> str:
    return f"{_ids.getrandbits(128):032x}"


def safe_request_id(supplied: str) -> str | None:
    """The caller's id if it is a safe token, else None."""
    return supplied if supplied and _SAFE_REQUEST_ID.match(supplied) else None


def _request_id() -> str:
    return safe_request_id(request.headers.get(REQUEST_ID_HEADER, "")) or new_request_id()


def _trace_fields() -> dict[str, str]:
    match = _TRACE.match(request.headers.get(TRACE_HEADER, ""))
    if not match:
        return {}
    project = context.settings().server.google_cloud_project
    trace_id = match.group(1)
    trace = f"projects/{project}/traces/{trace_id}" if project else trace_id
    fields = {"logging.googleapis.com/trace": trace}
    if match.group(2):
        fields["logging.googleapis.com/spanId"] = match.group(2)
    return fields


def _route() -> str:
    # The URL rule, not the path: keeps metric label cardinality bounded.
    return request.url_rule.rule if request.url_rule is not None else "<unmatched>"


def _before() -> None:
    g.started = time.perf_counter()
    g.request_id = _request_id()
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(request_id=g.request_id, **_trace_fields())
    REQUESTS_IN_FLIGHT.inc()
    g.in_flight = True


def _after(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
    started = g.get("started")
    if started is None:
        return response
    duration = time.perf_counter() - started
    route = _route()
    REQUEST_DURATION.labels(route, request.method, str(response.status_code)).observe(duration)
    if context.settings().server.log_requests:
        log.info(
            "request",
            method=request.method,
            path=request.path,
            route=route,
            status=response.status_code,
            duration_ms=round(duration * 1000, 3),
        )
    return response


def _teardown(_: BaseException | None) -> None:
    if g.pop("in_flight", False):
        REQUESTS_IN_FLIGHT.dec()
    structlog.contextvars.clear_contextvars()


def install(app: Flask) -> None:
    app.before_request(_before)
    app.after_request(_after)
    app.teardown_request(_teardown)
