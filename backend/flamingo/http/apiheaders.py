"""API-only request plumbing: the rate-limit check and the headers of API answers.

One ``before_request`` tests the path prefix and returns at once for everything that is not
``/api/`` (the redirect hot path pays that test and nothing else). For API requests it registers
the header writer for this request only and counts the request against its rate limits.
"""

from __future__ import annotations

from flask import Flask, Response, after_this_request, g, request

from flamingo.http import ratelimit

API_PREFIX = ratelimit.API_PREFIX
REFERRER_POLICY = "no-referrer"


def _api_headers(response: Response) -> Response:
    headers = response.headers
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = REFERRER_POLICY
    if (g.get("principal") is not None or g.get("personal_answer")) and (
        "Cache-Control" not in headers
    ):
        # Personal data: no shared or browser cache, unless the view chose a policy of its own
        # (the QR codes: private, revalidated with an ETag).
        headers["Cache-Control"] = "no-store"
    for name, value in ratelimit.rate_limit_headers().items():
        headers.setdefault(name, value)
    return response


def _before() -> None:
    if not request.path.startswith(API_PREFIX):
        return
    # Registered before the limit check, so a 429 gets the headers too.
    after_this_request(_api_headers)
    ratelimit.check_request()


def install(app: Flask) -> None:
    app.before_request(_before)
