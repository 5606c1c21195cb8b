"""Accounts API: signup, login, logout, me, password change (PRODUCT.md's fixed paths)."""

from __future__ import annotations

from typing import Any, Literal

from flask import Blueprint, Response, g, request
from pydantic import BaseModel, ConfigDict, Field
from werkzeug.wrappers import Response as BaseResponse

from flamingo.accounts import hooks, verification
from flamingo.accounts.auth import (
    authenticate,
    current_principal,
    require_auth,
    session_store,
    stores_available,
)
from flamingo.accounts.service import AccountService
from flamingo.accounts.sessions import Session
from flamingo.accounts.users import User, UserOut, Users
from flamingo.accounts.verification import EmailVerification
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.core.config import Settings
from flamingo.core.problems import Problem
from flamingo.http.cookies import CSRF_COOKIE, SESSION_COOKIE
from flamingo.http.openapi import Contract
from flamingo.http.ratelimit import (
    credential_key,
    limiter,
    login_email_limit,
    login_limit,
    signup_limit,
)
from flamingo.http.render import answer

bp = Blueprint("accounts", __name__, url_prefix="/api/v1")


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(min_length=1, max_length=1024, examples=["alice@example.com"])
    password: str = Field(
        min_length=1,
        max_length=1024,
        description="At signup at least `PASSWORD_MIN_LENGTH` (default 10) characters.",
    )


class VerifyEmail(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(min_length=1, max_length=200)


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class EmailVerified(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    email: str
    email_verified: Literal[True]


class VerificationSent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    email: str
    mailed: bool


# What these APIs read and answer: the document's schemas are generated from these models.
CONTRACT = Contract(
    requests=(Credentials, VerifyEmail, PasswordChange),
    responses=(UserOut, EmailVerified, VerificationSent),
)


def _settings() -> Settings:
    return context.settings()


def _accounts() -> AccountService:
    return context.service(AccountService)


def _users() -> Users:
    return Users(context.stores().db)


def _body() -> Any:
    return request.get_json()


def _set_cookies(response: BaseResponse, session: Session) -> None:
    settings = _settings()
    secure = not settings.is_development
    response.set_cookie(
        SESSION_COOKIE,
        session.id,
        max_age=settings.security.session_absolute_seconds,
        secure=secure,
        samesite="Lax",
        path="/",
        httponly=True,
    )
    _set_csrf_cookie(response, session.csrf_token)


def _set_csrf_cookie(response: BaseResponse, token: str) -> None:
    settings = _settings()
    # Readable by the SPA, which echoes it in X-CSRF-Token on unsafe requests.
    response.set_cookie(
        CSRF_COOKIE,
        token,
        max_age=settings.security.session_absolute_seconds,
        secure=not settings.is_development,
        samesite="Lax",
        path="/",
        httponly=False,
    )


def _clear_cookies(response: Response) -> None:
    secure = not _settings().is_development
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=secure, samesite="Lax")


def begin_session(response: BaseResponse, user: User) -> BaseResponse:
    """A fresh session id for every login (password or single sign-on): any id the browser held
    before is dropped (fixation); the session and CSRF cookies go on ``response``."""
    store = session_store()
    previous = request.cookies.get(SESSION_COOKIE)
    if previous:
        store.delete(previous)
    session = store.create(user.id)
    g.personal_answer = True
    _set_cookies(response, session)
    return response


def _start_session(user: User, status: int) -> Response:
    response = answer(user.out())
    response.status_code = status
    begin_session(response, user)
    return response


def _password_login_on(settings: Settings) -> None:
    if not settings.security.password_login:
        raise Problem(
            403,
            "password-login-disabled",
            "password sign-in is turned off here; sign in with single sign-on",
            sso_login_url="/api/v1/auth/oidc/login",
        )


@bp.post("/auth/signup")
@signup_limit
def signup() -> Response:
    settings = _settings()
    _password_login_on(settings)
    if not settings.security.signup_open:
        raise Problem(403, "signup-closed", "signup is closed; ask an administrator for an account")
    body = Credentials.model_validate(_body())
    with stores_available():
        user = _accounts().signup(body.email, body.password)
        hooks.user_created(user)
        audit.record(user.id, "user.signup", "user", user.id, {"method": "password"})
        context.service(EmailVerification).send_link(user)
        return _start_session(user, 201)


@bp.post("/auth/login")
@login_limit
@login_email_limit
def login() -> Response:
    settings = _settings()
    _password_login_on(settings)
    body = Credentials.model_validate(_body())
    users = _users()
    with stores_available():
        try:
            user = _accounts().login(body.email, body.password)
        except Problem as problem:
            known = users.by_email(body.email)
            audit.record(
                None,
                "auth.login.failure",
                "user",
                known.id if known else None,
                {"method": "password", "email": body.email[:254], "reason": problem.slug},
            )
            raise
        audit.record(user.id, "auth.login.success", "user", user.id, {"method": "password"})
        return _start_session(user, 200)


@bp.post("/auth/logout")
def logout() -> Response:
    """Ends the session server-side. Without a live session it still answers 204 (idempotent)."""
    session_id = request.cookies.get(SESSION_COOKIE)
    with stores_available():
        if session_id and session_store().get(session_id) is not None:
            authenticate()  # a live session must show its CSRF token to be ended
            session_store().delete(session_id)
    response = Response(status=204)
    _clear_cookies(response)
    return response


@bp.get("/me")
@require_auth()
def me() -> Response:
    user = _users().get(current_principal().user_id)
    if user is None:  # deleted between authentication and now
        raise Problem(401, "unauthorized", "the account no longer exists")
    response = answer(user.out())
    csrf_token = g.get("csrf_token")
    if csrf_token and request.cookies.get(CSRF_COOKIE) != csrf_token:
        # The SPA calls /me first: give back a CSRF cookie the browser lost.
        _set_csrf_cookie(response, csrf_token)
    return response


@bp.post("/me/password")
@require_auth()
def change_password() -> Response:
    """Change the password; every other session of the user ends, this one gets a new id."""
    principal = current_principal()
    if principal.via != "session":
        raise Problem(403, "session-required", "change the password from a signed-in session")
    body = PasswordChange.model_validate(_body())
    users = _users()
    with stores_available():
        user = users.get(principal.user_id)
        if user is None:
            raise Problem(401, "unauthorized", "the account no longer exists")
        _accounts().change_password(user, body.current_password, body.new_password)
        audit.record(user.id, "user.password_change", "user", user.id, {"password": "changed"})
        session_store().delete_all_for_user(user.id)
        return _start_session(user, 200)


@bp.post("/auth/verify-email")
def verify_email() -> Response:
    """The token of a verification link proves the address (no sign-in needed: the link may be
    opened on another device)."""
    body = VerifyEmail.model_validate(_body())
    with stores_available():
        user = context.service(EmailVerification).verify(body.token)
        audit.record(user.id, "user.verify_email", "user", user.id, {"email": user.email})
    verified = {"email": user.email, "email_verified": user.email_verified}
    return answer(EmailVerified.model_validate(verified))


@bp.post("/auth/verify-email/resend")
@require_auth()
@limiter.limit(
    lambda: _settings().limits.ratelimit_verify_email,
    key_func=credential_key,
    scope="verify-email-resend",
)
def resend_verification() -> tuple[Response, int]:
    """A new verification link for the signed-in user (older ones stop working)."""
    principal = current_principal()
    if principal.via != "session":
        raise Problem(403, "session-required", "ask for a new link from a signed-in session")
    with stores_available():
        user = _users().get(principal.user_id)
        if user is None:
            raise Problem(401, "unauthorized", "the account no longer exists")
        verification.require_unverified(user)
        mailed = context.service(EmailVerification).send_link(user)
    return answer(VerificationSent(email=user.email, mailed=mailed)), 202
