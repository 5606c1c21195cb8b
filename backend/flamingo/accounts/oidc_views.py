"""Single sign-on endpoints: ``/api/v1/auth/providers``, ``/api/v1/auth/oidc/login`` and
``/api/v1/auth/oidc/callback`` (the flow: docs/security.md "Single sign-on").

The two OIDC endpoints are browser navigations, so their failures redirect to the SPA's login
page with ``?sso_error=<code>`` (and are audited); only "not configured" (404) and store outages
(503) answer problem+json.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, request
from pydantic import BaseModel, ConfigDict, Field
from werkzeug.wrappers import Response as BaseResponse

from flamingo.accounts import hooks
from flamingo.accounts.auth import session_store, stores_available
from flamingo.accounts.oidc import OidcClient, OidcError
from flamingo.accounts.service import AccountService
from flamingo.accounts.views import begin_session
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.core.config import Settings
from flamingo.core.log import get_logger
from flamingo.core.problems import Problem
from flamingo.http.cookies import OIDC_FLOW_COOKIE
from flamingo.http.openapi import Contract
from flamingo.http.ratelimit import login_limit, oidc_callback_limit
from flamingo.http.render import answer

bp = Blueprint("oidc", __name__, url_prefix="/api/v1/auth")


class OidcProvider(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field(description="`OIDC_PROVIDER_NAME`, e.g. Google.")
    login_url: str = Field(description="Where the button navigates.")


class AuthProviders(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    password: bool = Field(
        description="Password login is on (`PASSWORD_LOGIN`); off, login and signup answer 403 "
        "`password-login-disabled`."
    )
    signup: bool = Field(
        description="Password signup is open (`PASSWORD_LOGIN` and `SIGNUP_OPEN`)."
    )
    oidc: OidcProvider | None = Field(
        description="The single sign-on provider, or null when none is configured."
    )


# What this API answers: the document's schema is generated from it.
CONTRACT = Contract(responses=(AuthProviders,))
LOGIN_PATH = "/api/v1/auth/oidc/login"
CALLBACK_PATH = "/api/v1/auth/oidc/callback"
COOKIE_PATH = "/api/v1/auth/oidc"
SPA_LOGIN = "/app/login"
SPA_BASE = "/app"
# ``?next=``: a path of the SPA (its router's, as its own login page takes it: "/invite/<token>"),
# never another origin — one leading slash, then only URL-safe path and query characters.
# (The OpenAPI document carries the same pattern, so fuzzers and clients see the real rule.)
_NEXT = re.compile(r"/([A-Za-z0-9\-._~%?=&][A-Za-z0-9\-._~/%?=&]{0,510})?")

log = get_logger(__name__)


def _settings() -> Settings:
    return context.settings()


def _client(settings: Settings) -> OidcClient:
    if not settings.oidc.oidc_enabled:
        raise Problem(404, "oidc-not-configured", "single sign-on is not configured here")
    return context.service(OidcClient)


def _clear_flow_cookie(response: BaseResponse, settings: Settings) -> BaseResponse:
    response.delete_cookie(
        OIDC_FLOW_COOKIE, path=COOKIE_PATH, secure=not settings.is_development, samesite="Lax"
    )
    return response


def _to_login_page(settings: Settings, error: OidcError) -> BaseResponse:
    log.info("single sign-on refused", sso_error=error.code, detail=error.detail)
    response = redirect(f"{SPA_LOGIN}?{urlencode({'sso_error': error.code})}", 302)
    return _clear_flow_cookie(response, settings)


@bp.get("/providers")
def providers() -> Response:
    """How one may sign in here: the SPA shows the password form and/or the SSO button."""
    settings = _settings()
    oidc = (
        OidcProvider(name=settings.oidc.oidc_provider_name, login_url=LOGIN_PATH)
        if settings.oidc.oidc_enabled
        else None
    )
    return answer(
        AuthProviders(
            password=settings.security.password_login,
            signup=settings.security.password_login and settings.security.signup_open,
            oidc=oidc,
        )
    )


def _return_to() -> str:
    """The SPA path to land on after the sign-in (``?next``, default its home)."""
    value = request.args.get("next")
    if value is None:
        return "/"
    if not _NEXT.fullmatch(value):
        raise Problem(
            400,
            "invalid-next",
            "`next` must be a path of the app starting with one /, e.g. /invite/<token>",
        )
    return value


@bp.get("/oidc/login")
@login_limit
def oidc_login() -> BaseResponse:
    """302 to the provider; the flow (state, nonce, PKCE verifier, ``?next``) waits in Redis."""
    settings = _settings()
    client = _client(settings)
    return_to = _return_to()
    with stores_available():
        try:
            flow_id, url = client.begin(return_to)
        except OidcError as error:
            return _to_login_page(settings, error)
    response = redirect(url, 302)
    response.set_cookie(
        OIDC_FLOW_COOKIE,
        flow_id,
        max_age=settings.oidc.oidc_flow_seconds,
        path=COOKIE_PATH,
        secure=not settings.is_development,
        httponly=True,
        # Lax: sent on the provider's top-level redirect back to the callback, not on sub-requests.
        samesite="Lax",
    )
    return response


@bp.get("/oidc/callback")
@oidc_callback_limit
def oidc_callback() -> BaseResponse:
    """The provider's redirect: verify everything, then a session exactly as a password login."""
    settings = _settings()
    client = _client(settings)
    with stores_available():
        try:
            identity, return_to = client.finish(
                request.cookies.get(OIDC_FLOW_COOKIE),
                request.args.get("state"),
                request.args.get("code"),
                request.args.get("error"),
            )
            user, created, taken_over = context.service(AccountService).sso_user(identity)
        except OidcError as error:
            audit.record(
                None, "auth.login.failure", "user", None, {"method": "oidc", "reason": error.code}
            )
            return _to_login_page(settings, error)
        if created:
            hooks.user_created(user)
            audit.record(user.id, "user.signup", "user", user.id, {"method": "oidc"})
        if taken_over:  # whoever signed up with this address unverified is signed out
            session_store().delete_all_for_user(user.id)
            audit.record(
                user.id,
                "user.verify_email",
                "user",
                user.id,
                {"email": user.email, "method": "oidc"},
            )
        audit.record(user.id, "auth.login.success", "user", user.id, {"method": "oidc"})
        response = begin_session(redirect(SPA_BASE + return_to, 302), user)
    return _clear_flow_cookie(response, settings)
