"""Who is calling, and what they may do: the one entry point every API view uses.

Credentials, in order: ``Authorization: Bearer flm_...`` (an API token; exempt from CSRF), else the
``flamingo_session`` cookie (a server-side session; unsafe methods also need ``X-CSRF-Token``).
"""

from __future__ import annotations

import contextlib
import functools
import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

import redis
from flask import g, request
from pymongo.errors import PyMongoError

from flamingo.accounts.scopes import SCOPES
from flamingo.accounts.sessions import SessionStore
from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import User, Users
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.core.config_sections import SecuritySettings
from flamingo.core.problems import Problem, dependency_unavailable
from flamingo.core.stores import Stores
from flamingo.http.cookies import CSRF_COOKIE, SESSION_COOKIE

F = TypeVar("F", bound=Callable[..., Any])

CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="flamingo"'}


@dataclass(frozen=True)
class Principal:
    user_id: str  # str(ObjectId) of the user
    email: str
    role: str  # "user" | "admin"
    scopes: frozenset[str]  # session principals get all SCOPES
    via: str  # "session" | "token"
    token_id: str | None = None
    # A token acts in its one workspace only (flamingo.workspaces.service); sessions in any.
    token_workspace_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def unauthorized(detail: str = "sign in or send a valid bearer token") -> Problem:
    return Problem(401, "unauthorized", detail, headers=dict(_CHALLENGE))


@contextlib.contextmanager
def stores_available() -> Iterator[None]:
    """Turn a MongoDB or Redis outage into 503 problem+json instead of a 500."""
    try:
        yield
    except (redis.RedisError, PyMongoError) as exc:
        raise dependency_unavailable(
            "redis" if isinstance(exc, redis.RedisError) else "mongo",
            "accounts are unavailable right now; retry shortly",
        ) from exc


def _stores() -> Stores:
    return context.stores()


def _settings() -> SecuritySettings:
    return context.settings().security


def session_store() -> SessionStore:
    settings = _settings()
    return SessionStore(
        _stores().redis, settings.session_idle_seconds, settings.session_absolute_seconds
    )


def _principal(
    user: User,
    scopes: frozenset[str],
    via: str,
    token_id: str | None,
    workspace_id: str | None = None,
) -> Principal:
    return Principal(user.id, user.email, user.role, scopes, via, token_id, workspace_id)


def _from_token(header: str) -> Principal:
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise unauthorized("the Authorization header must be 'Bearer <token>'")
    stores = _stores()
    tokens = Tokens(stores.db)
    token = tokens.by_secret(secret.strip())
    moment = datetime.now(UTC)
    # One answer for unknown, revoked and expired: a caller learns nothing about other tokens.
    if token is None or token.revoked or token.expired(moment):
        raise unauthorized("the token is invalid, expired or revoked")
    user = Users(stores.db).get(token.user_id)
    if user is None or user.disabled:
        raise unauthorized("the token is invalid, expired or revoked")
    tokens.touch(token, moment)
    return _principal(user, frozenset(token.scopes), "token", token.id, token.workspace_id)


def _check_csrf(expected: str) -> None:
    supplied = request.headers.get(CSRF_HEADER, "")
    if not expected or not hmac.compare_digest(supplied.encode(), expected.encode()):
        raise Problem(
            403,
            "csrf-failed",
            f"cookie-authenticated requests that change state need the {CSRF_HEADER} header "
            f"equal to the {CSRF_COOKIE} cookie",
        )


def _from_session(session_id: str) -> Principal:
    store = session_store()
    session = store.get(session_id)
    if session is None:
        raise unauthorized("the session has expired; sign in again")
    user = Users(_stores().db).get(session.user_id)
    if user is None or user.disabled:
        store.delete(session_id)
        raise unauthorized("the session has expired; sign in again")
    if request.method not in SAFE_METHODS:
        _check_csrf(session.csrf_token)
    g.csrf_token = session.csrf_token
    return _principal(user, frozenset(SCOPES), "session", None)


def authenticate() -> Principal:
    """Resolve the caller's credentials (once per request) or raise 401/403 problems."""
    cached = g.get("principal")
    if cached is not None:
        return cast("Principal", cached)
    header = request.headers.get("Authorization")
    session_id = request.cookies.get(SESSION_COOKIE)
    if header is None and not session_id:
        raise unauthorized()
    with stores_available():
        principal = _from_token(header) if header is not None else _from_session(session_id or "")
    g.principal = principal
    audit.bind_actor(principal.user_id)
    return principal


def _check_scopes(principal: Principal, scopes: tuple[str, ...]) -> None:
    missing = sorted(set(scopes) - principal.scopes)
    if missing:
        raise Problem(
            403,
            "insufficient-scope",
            f"this token lacks the scope(s): {', '.join(missing)}",
            required_scopes=list(scopes),
            headers={
                "WWW-Authenticate": f'Bearer realm="flamingo", error="insufficient_scope", '
                f'scope="{" ".join(scopes)}"'
            },
        )


def require_auth(*scopes: str) -> Callable[[F], F]:
    """View decorator: authenticate, then demand every scope in ``scopes``."""
    unknown = set(scopes) - set(SCOPES)
    if unknown:
        raise ValueError(f"unknown scopes: {sorted(unknown)}")

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            principal = authenticate()
            _check_scopes(principal, scopes)
            return view(*args, **kwargs)

        return cast("F", wrapper)

    return decorator


def require_admin(f: F) -> F:
    """View decorator for /api/v1/admin/*: 401 without credentials, 403 for non-admins."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        principal = authenticate()
        if not principal.is_admin:
            raise Problem(403, "forbidden", "this endpoint is for administrators")
        return f(*args, **kwargs)

    return cast("F", wrapper)


def current_principal() -> Principal:
    """The authenticated caller; only valid inside a view guarded by require_auth/require_admin."""
    principal = g.get("principal")
    if principal is None:
        raise unauthorized()
    return cast("Principal", principal)
