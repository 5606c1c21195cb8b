"""gunicorn's workers, answering the requests gunicorn itself refuses as problem documents.

gunicorn parses the request line and the headers before the app sees anything, and answers what it
cannot parse (a request line over ``limit_request_line``, too many or too large headers, a header
or request line that is not HTTP) with its own short HTML page. Every other error of ours is
``application/problem+json`` (flamingo.core.problems), and a client switching on ``type`` must not
meet HTML because its query string grew. These workers override only ``handle_error``, and only
for those parse errors: everything else — a 500 from a header the app tried to send, TLS, PROXY
lines, the whole request cycle — stays gunicorn's. ``flamingo.gunicorn_config`` picks the class:
:class:`ProblemSyncWorker` for one thread, :class:`ProblemThreadWorker` for more (what gunicorn
would pick, ``sync`` or ``gthread``).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from datetime import datetime
from typing import Any

from gunicorn import util
from gunicorn.http import errors
from gunicorn.http.wsgi import Response, default_environ
from gunicorn.workers.gthread import ThreadWorker
from gunicorn.workers.sync import SyncWorker

from flamingo.core.problems import PROBLEM_MEDIA_TYPE, Problem

# gunicorn's config (``worker.cfg``): the limits a detail names.
Config = Any


def _request_line_too_long(_: BaseException, cfg: Config) -> Problem:
    return Problem(
        414,
        "request-line-too-long",
        f"the request line (method, path and query string) is longer than the "
        f"{cfg.limit_request_line:,} bytes this server reads; send fewer or shorter query "
        "parameters",
        title="URI Too Long",
    )


def _headers_too_large(_: BaseException, cfg: Config) -> Problem:
    return Problem(
        431,
        "request-headers-too-large",
        f"the request headers are larger than this server reads: at most "
        f"{cfg.limit_request_fields:,} header fields of at most "
        f"{cfg.limit_request_field_size:,} bytes each",
    )


def _invalid_request_line(detail: str) -> Callable[[BaseException, Config], Problem]:
    return lambda _exc, _cfg: Problem(400, "invalid-request-line", detail)


def _invalid_header(detail: str) -> Callable[[BaseException, Config], Problem]:
    return lambda _exc, _cfg: Problem(400, "invalid-header", detail)


# The parse errors answered as problems, by gunicorn's exception class (the first match wins).
PARSE_PROBLEMS: tuple[
    tuple[type[BaseException], Callable[[BaseException, Config], Problem]], ...
] = (
    (errors.LimitRequestLine, _request_line_too_long),
    (errors.LimitRequestHeaders, _headers_too_large),
    (
        errors.InvalidRequestLine,
        _invalid_request_line(
            "the request line is not HTTP: expected a method, a path and a version "
            "(GET /api/v1/version HTTP/1.1)"
        ),
    ),
    (
        errors.InvalidRequestMethod,
        _invalid_request_line("the request method is not a valid HTTP method"),
    ),
    (
        errors.InvalidHTTPVersion,
        _invalid_request_line("the HTTP version is not one this server speaks (HTTP/1.0, 1.1)"),
    ),
    (errors.InvalidHeaderName, _invalid_header("a request header's name is not a valid token")),
    (errors.InvalidHeader, _invalid_header("a request header is not valid HTTP")),
    (
        errors.ObsoleteFolding,
        _invalid_header("a request header is folded over several lines (obsolete in HTTP/1.1)"),
    ),
    (
        errors.InvalidSchemeHeaders,
        _invalid_header("the request's scheme headers (X-Forwarded-Proto…) contradict each other"),
    ),
)
# Subclasses of InvalidHeader(Name) that are the app's fault, not the client's: gunicorn's 500.
APP_FAULTS = (errors.InvalidResponseHeader, errors.InvalidResponseHeaderName)


def unparsable_request_problem(exc: BaseException, cfg: Config) -> Problem | None:
    """The problem answering a request gunicorn could not parse; None for every other error."""
    if isinstance(exc, APP_FAULTS):
        return None
    for kind, build in PARSE_PROBLEMS:
        if isinstance(exc, kind):
            return build(exc, cfg)
    return None


def problem_answer(problem: Problem) -> bytes:
    """A whole HTTP/1.1 answer carrying the problem; the connection closes after it, as after
    gunicorn's own (the rest of what the client sent cannot be read as requests)."""
    body = json.dumps(problem.document()).encode()
    head = (
        f"HTTP/1.1 {problem.status} {problem.title}\r\n"
        "Connection: close\r\n"
        f"Content-Type: {PROBLEM_MEDIA_TYPE}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "Cache-Control: no-store\r\n"
        "\r\n"
    )
    return head.encode("latin-1") + body


def answer_unparsable(
    worker: Any, req: Any, client: socket.socket, addr: Any, exc: BaseException
) -> bool:
    """Answer ``exc`` as a problem, logging as gunicorn does; False if it is not a parse error."""
    problem = unparsable_request_problem(exc, worker.cfg)
    if problem is None:
        return False
    started = datetime.now()
    addr = addr or ("", -1)  # a unix socket has no peer address
    worker.log.warning("Invalid request from ip=%s: %s", addr[0], exc)
    if req is None and isinstance(exc, (errors.InvalidHeader, errors.InvalidHeaderName)):
        req = getattr(exc, "req", None)  # gunicorn keeps the request for the access log
    if req is not None:
        environ = default_environ(req, client, worker.cfg)
        environ["REMOTE_ADDR"] = addr[0]
        environ["REMOTE_PORT"] = str(addr[1])
        resp = Response(req, client, worker.cfg)
        resp.status = f"{problem.status} {problem.title}"
        worker.log.access(resp, req, environ, datetime.now() - started)
    try:
        util.write_nonblock(client, problem_answer(problem))
    except Exception:  # the client may be gone; gunicorn ignores that too
        worker.log.debug("Failed to send error message.")
    return True


class ProblemSyncWorker(SyncWorker):  # type: ignore[misc] # gunicorn ships no types
    """gunicorn's sync worker; requests it cannot parse are answered as problems."""

    def handle_error(self, req: Any, client: socket.socket, addr: Any, exc: BaseException) -> None:
        if not answer_unparsable(self, req, client, addr, exc):
            super().handle_error(req, client, addr, exc)


class ProblemThreadWorker(ThreadWorker):  # type: ignore[misc] # gunicorn ships no types
    """gunicorn's gthread worker; requests it cannot parse are answered as problems."""

    def handle_error(self, req: Any, client: socket.socket, addr: Any, exc: BaseException) -> None:
        if not answer_unparsable(self, req, client, addr, exc):
            super().handle_error(req, client, addr, exc)
