"""Response headers of API answers: security headers, rate-limit headers, no-store when personal.

One ``after_request`` whose first act is a prefix test, so non-API routes pay nothing more.
"""

from __future__ import annotations

from flask import Flask, Response, g, request

from flamingo.ratelimit import API_PREFIX, rate_limit_headers

REFERRER_POLICY = "no-referrer"


def _api_headers(response: Response) -> Response:
    if not request.path.startswith(API_PREFIX):
        return response
    headers = response.headers
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = REFERRER_POLICY
    if g.get("principal") is not None or g.get("personal_answer"):
        headers["Cache-Control"] = "no-store"
    for name, value in rate_limit_headers().items():
        headers.setdefault(name, value)
    return response


def install(app: Flask) -> None:
    app.after_request(_api_headers)
