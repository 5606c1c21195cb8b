"""RFC 9457 problem details: the one shape of every 4xx/5xx answer.

Raise :class:`Problem` anywhere in a request; :func:`register_error_handlers` turns it (and every
werkzeug HTTP error, and any unexpected exception) into ``application/problem+json``.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import redis
from flask import Flask, Response, g, json, request
from pydantic import ValidationError
from pymongo.errors import ConnectionFailure
from werkzeug.exceptions import HTTPException

from flamingo.core.log import get_logger

PROBLEM_TYPE_BASE = "https://flamingo.company.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

log = get_logger(__name__)

# Stable slugs for werkzeug's own errors; anything else becomes ``http-<status>``.
_HTTP_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    410: "gone",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "rate-limited",
    500: "internal-error",
    503: "service-unavailable",
}


class Problem(Exception):  # noqa: N818 - it is the RFC's name for the thing
    """An error answer. ``slug`` makes the stable ``type`` URI clients switch on."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        *,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.headers = headers or {}
        self.extra = extra

    def document(
        self, *, instance: str | None = None, request_id: str | None = None
    ) -> dict[str, Any]:
        """The problem document. No Flask needed: gunicorn's own answers to requests it cannot
        parse (flamingo.http.gunicornworkers) are written with it outside any request."""
        body: dict[str, Any] = {
            "type": PROBLEM_TYPE_BASE + self.slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        if request_id:
            body["request_id"] = request_id
        body.update(self.extra)
        return body

    def to_dict(self) -> dict[str, Any]:
        """The document of this problem in the current Flask request."""
        return self.document(
            instance=request.path if request else None, request_id=g.get("request_id")
        )


def problem_response(problem: Problem) -> Response:
    response = Response(
        json.dumps(problem.to_dict()), status=problem.status, mimetype=PROBLEM_MEDIA_TYPE
    )
    for name, value in problem.headers.items():
        response.headers[name] = value
    return response


def field_problem(
    status: int, slug: str, field: str, message: str, *, detail: str | None = None
) -> Problem:
    """A problem about one request field, in the one shape every field error has:
    ``errors: [{field, message}]`` (what :func:`validation_problem` gives for many fields)."""
    return Problem(status, slug, detail or message, errors=[{"field": field, "message": message}])


RETRY_AFTER_SECONDS = 5


def dependency_unavailable(
    dependency: str,
    detail: str = "a backing service cannot be reached right now; try again shortly",
) -> Problem:
    """503 for an outage of MongoDB or Redis: an expected fault with a time to retry, never a 500.

    ``dependency`` (``mongo`` | ``redis``) names what failed, as ``/readyz`` does."""
    return Problem(
        503,
        "dependency-unavailable",
        detail,
        dependency=dependency,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def validation_problem(exc: ValidationError) -> Problem:
    """422 with one entry per invalid field, named by its JSON path."""
    errors = [
        {"field": ".".join(str(part) for part in err["loc"]) or "body", "message": err["msg"]}
        for err in exc.errors(include_url=False, include_input=False)
    ]
    fields = ", ".join(sorted({e["field"] for e in errors}))
    return Problem(422, "validation-error", f"invalid fields: {fields}", errors=errors)


def _from_http_exception(exc: HTTPException) -> Problem:
    status = exc.code or 500
    headers: dict[str, str] = {}
    if status == 405 and exc.valid_methods:  # type: ignore[attr-defined]
        headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
    detail = exc.description or HTTPStatus(status).description
    if status == 413:
        detail = "the request body is larger than this server accepts"
    return Problem(status, _HTTP_SLUGS.get(status, f"http-{status}"), detail, headers=headers)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def _problem(exc: Problem) -> Response:
        return problem_response(exc)

    @app.errorhandler(ValidationError)
    def _validation(exc: ValidationError) -> Response:
        return problem_response(validation_problem(exc))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        return problem_response(_from_http_exception(exc))

    @app.errorhandler(redis.RedisError)
    def _redis_down(exc: redis.RedisError) -> Response:
        # A Redis outage is an expected fault, not a bug: say so, and say when to retry.
        log.warning("redis unavailable", error=type(exc).__name__, path=request.path)
        return problem_response(dependency_unavailable("redis"))

    @app.errorhandler(ConnectionFailure)
    def _mongo_down(exc: ConnectionFailure) -> Response:
        # pymongo's ServerSelectionTimeoutError, AutoReconnect, NetworkTimeout… all derive from it.
        log.warning("mongo unavailable", error=type(exc).__name__, path=request.path)
        return problem_response(
            dependency_unavailable(
                "mongo", "the database cannot be reached right now; try again shortly"
            )
        )

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        # The traceback goes to the log with the request id; the client learns nothing internal.
        log.exception("unhandled error", path=request.path, method=request.method)
        return problem_response(
            Problem(500, "internal-error", "an unexpected error occurred; quote the request id")
        )
