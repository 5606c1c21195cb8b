"""Rate limits for the API (Flask-Limiter on Redis; limits come from settings).

Only ``/api/`` requests ever reach the limiter: Flask-Limiter's own app-wide hooks are not
installed; :mod:`flamingo.http.apiheaders` calls :func:`check_request` after testing the path
prefix, so the redirect hot path, ``/healthz``, ``/readyz`` and ``/metrics`` never touch Redis
for it.

Limits:
- every API request: ``RATELIMIT_API`` per credential (bearer token or session), or
  ``RATELIMIT_ANONYMOUS`` per client IP when it carries none;
- login: ``RATELIMIT_LOGIN`` per IP and ``RATELIMIT_LOGIN_EMAIL`` per email; signup:
  ``RATELIMIT_SIGNUP`` per IP; password unlock of links: ``RATELIMIT_UNLOCK`` per IP and per code.

If the storage (Redis) fails, limits fall back to per-process in-memory counters and the failure
is logged and counted in ``flamingo_ratelimit_storage_errors_total``: the API keeps answering
(fail open to a weaker limit rather than fail closed into an outage).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Flask, Response, request
from flask_limiter import Limit, Limiter, RateLimitExceeded
from prometheus_client import Counter

from flamingo.core import context
from flamingo.core.config_sections import RateLimitSettings, StoreSettings
from flamingo.core.problems import Problem, problem_response
from flamingo.http.clientip import client_ip
from flamingo.http.cookies import SESSION_COOKIE

F = TypeVar("F", bound=Callable[..., Any])
API_PREFIX = "/api/"

STORAGE_ERRORS = Counter(
    "flamingo_ratelimit_storage_errors_total",
    "Rate-limit storage failures; limits then fall back to per-process memory.",
)


def _settings() -> RateLimitSettings:
    return context.settings().limits


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def credential_key() -> str:
    """A credentialed request's bucket: a hash of its token or session id, never the secret."""
    header = request.headers.get("Authorization")
    if header:
        return "tok:" + _digest(header.partition(" ")[2].strip())
    return "ses:" + _digest(request.cookies.get(SESSION_COOKIE, ""))


def _has_credentials() -> bool:
    return bool(request.headers.get("Authorization") or request.cookies.get(SESSION_COOKIE))


def _ip_key() -> str:
    return "ip:" + client_ip()


def _code_key() -> str:
    return "code:" + str((request.view_args or {}).get("code", ""))


def _email_key() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    if not isinstance(email, str):
        return "email:none"  # one shared bucket; validation answers these 415/422 anyway
    return "email:" + _digest(email.strip().lower())


limiter = Limiter(
    _ip_key,
    default_limits=[
        Limit(
            lambda: _settings().ratelimit_api,
            key_function=credential_key,
            scope="api",
            shared=True,
            exempt_when=lambda: not _has_credentials(),
        ),
        Limit(
            lambda: _settings().ratelimit_anonymous,
            key_function=_ip_key,
            scope="api-anonymous",
            shared=True,
            exempt_when=_has_credentials,
        ),
    ],
    key_prefix="flamingo",
    swallow_errors=True,
    in_memory_fallback_enabled=True,
)

login_limit = limiter.limit(lambda: _settings().ratelimit_login, key_func=_ip_key, scope="login-ip")
login_email_limit = limiter.limit(
    lambda: _settings().ratelimit_login_email, key_func=_email_key, scope="login-email"
)
signup_limit = limiter.limit(lambda: _settings().ratelimit_signup, key_func=_ip_key)
# The single sign-on callback: each refused one is an audit entry, so it is limited like logins
# (its own counter: a sign-in is one login and one callback).
oidc_callback_limit = limiter.limit(
    lambda: _settings().ratelimit_login, key_func=_ip_key, scope="oidc-callback-ip"
)


def unlock_limit(view: F) -> F:
    """For ``POST /api/v1/unlock/<code>``: ``RATELIMIT_UNLOCK`` per client IP and per link code."""
    per_ip = limiter.limit(
        lambda: _settings().ratelimit_unlock, key_func=_ip_key, scope="unlock-ip"
    )
    per_code = limiter.limit(
        lambda: _settings().ratelimit_unlock, key_func=_code_key, scope="unlock-code"
    )
    return cast("F", per_ip(per_code(view)))


def storage_uri(settings: StoreSettings) -> str:
    if settings.redis_url is None:
        return "memory://"
    return settings.redis_url.get_secret_value()


class _CountStorageErrors(logging.Handler):
    """Flask-Limiter reports storage failures only through its logger: count them."""

    def emit(self, record: logging.LogRecord) -> None:
        # Its storage failures are logged with the exception, or as "storage unreachable".
        if record.levelno >= logging.WARNING and (
            record.exc_info is not None or "storage" in record.getMessage().lower()
        ):
            STORAGE_ERRORS.inc()


_error_counter = _CountStorageErrors()


def check_request() -> None:
    """Count this API request against its limits (raises RateLimitExceeded over a limit).

    Called by :mod:`flamingo.http.apiheaders` for ``/api/`` paths only; it is the hook
    Flask-Limiter would otherwise install for every request.
    """
    if limiter.enabled:
        limiter._check_request_limit()


def _seconds_until(reset_at: float) -> int:
    return max(1, math.ceil(reset_at - time.time()))


def rate_limit_headers() -> dict[str, str]:
    """``RateLimit-*`` (IETF draft) values of the tightest limit this request was counted in."""
    current = limiter.current_limit if limiter.initialized and limiter.enabled else None
    if current is None:
        return {}
    try:
        # Never longer than the window (storages round their expiry up by a second).
        reset = min(_seconds_until(current.reset_at), current.limit.get_expiry())
        return {
            "RateLimit-Limit": str(current.limit.amount),
            "RateLimit-Remaining": str(current.remaining),
            "RateLimit-Reset": str(reset),
        }
    except Exception:  # the storage went away between the check and the answer
        STORAGE_ERRORS.inc()
        return {}


def _too_many(exc: RateLimitExceeded) -> Response:
    headers = rate_limit_headers()
    retry_after = headers.get("RateLimit-Reset", "60")
    headers["Retry-After"] = retry_after
    problem = Problem(
        429,
        "rate-limited",
        f"too many requests (limit {exc.description}); retry in {retry_after} s",
        headers=headers,
    )
    return problem_response(problem)


def install(app: Flask, limits: RateLimitSettings, settings: StoreSettings) -> None:
    app.config.update(
        RATELIMIT_ENABLED=limits.ratelimit_enabled,
        RATELIMIT_STORAGE_URI=storage_uri(settings),
        RATELIMIT_STORAGE_OPTIONS={
            "socket_timeout": settings.redis_timeout_ms / 1000,
            "socket_connect_timeout": settings.redis_timeout_ms / 1000,
        }
        if settings.redis_url is not None
        else {},
        RATELIMIT_STRATEGY="fixed-window",
        RATELIMIT_HEADERS_ENABLED=False,  # written by flamingo.http.apiheaders, API answers only
    )
    # Marking the app as already carrying this limiter keeps Flask-Limiter from installing its
    # app-wide hooks; ``_check`` (API paths only) replaces them.
    app.extensions.setdefault("limiter", set()).add(limiter)
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, _too_many)
    flask_limiter_log = logging.getLogger("flask-limiter")
    if _error_counter not in flask_limiter_log.handlers:
        flask_limiter_log.addHandler(_error_counter)
