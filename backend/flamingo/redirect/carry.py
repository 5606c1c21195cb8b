"""The visit a password-protected link carries through the SPA's unlock page, signed.

A visit of a protected link is answered with the unlock page, and the password arrives later, in
another request (``POST /api/v1/unlock/<code>``) made by the page — whose own URL has no query
string of the visit and whose Referer is our own page. So the redirect hands the page the facts
of the visit that the browser will not send again — its query string (for ``forward_query`` and
``query`` rules) and the host of its Referer (for the click) — as one signed, expiring value
(``?visit=``), and the page posts it back with the password. The browser's User-Agent,
``Accept-Language``, address and geo header reach the unlock request anyway.

The value carries only those facts, bound to the link's domain and code: never a target. What the
unlocked visit gets is still decided on the server by :func:`flamingo.redirect.resolve.resolve`,
so the unlock page cannot become an open redirect; a forged or altered value is 400
``invalid-visit``, and one older than :data:`MAX_AGE_SECONDS` is 400 ``visit-expired``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from flask import Flask
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from flamingo.core.problems import Problem

SALT: Final = "flamingo.unlock.visit"
MAX_AGE_SECONDS: Final = 24 * 3600  # a visitor may look for the password for a while
MAX_QUERY: Final = 4096  # the request line limit bounds it anyway
PARAMETER: Final = "visit"


@dataclass(frozen=True, slots=True)
class CarriedVisit:
    query_string: str
    referer_host: str  # "" when the visit had none


def _serializer(app: Flask) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=SALT)


def carry(app: Flask, host: str, code: str, visit: CarriedVisit) -> str:
    """The signed value for the unlock page's ``?visit=``."""
    payload = {"h": host, "c": code, "q": visit.query_string[:MAX_QUERY], "r": visit.referer_host}
    return str(_serializer(app).dumps(payload))


def carried(app: Flask, value: str, host: str, code: str) -> CarriedVisit:
    """The visit ``value`` carries, if we signed it for this link and it is recent enough."""
    try:
        payload: Any = _serializer(app).loads(value, max_age=MAX_AGE_SECONDS)
    except SignatureExpired:
        raise Problem(
            400, "visit-expired", "this unlock page is too old: open the short link again"
        ) from None
    except BadSignature:
        raise Problem(400, "invalid-visit", "the visit of this unlock page is not ours") from None
    if not isinstance(payload, dict) or payload.get("h") != host or payload.get("c") != code:
        raise Problem(400, "invalid-visit", "the visit of this unlock page is for another link")
    query, referer = payload.get("q"), payload.get("r")
    if not isinstance(query, str) or not isinstance(referer, str):
        raise Problem(400, "invalid-visit", "the visit of this unlock page is not ours")
    return CarriedVisit(query, referer)
