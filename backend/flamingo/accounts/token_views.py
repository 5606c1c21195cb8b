"""API tokens: create (the secret is shown once), list without secrets, revoke."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from flamingo.accounts import hooks
from flamingo.accounts.auth import Principal, current_principal, require_auth
from flamingo.accounts.scopes import Scope
from flamingo.accounts.tokens import ApiTokenCreated, ApiTokenList, Tokens
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.core.problems import Problem
from flamingo.http.bodies import json_body
from flamingo.http.openapi import Contract
from flamingo.http.render import answer

bp = Blueprint("tokens", __name__, url_prefix="/api/v1/tokens")

MAX_TOKENS_PER_USER = 100


class ApiTokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100)
    scopes: list[Scope] = Field(min_length=1, max_length=3)
    expires_at: AwareDatetime | None = Field(
        default=None, description="In the future, with a time zone; omitted = never expires."
    )
    workspace_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="The workspace the token acts in (the caller must be a member); omitted = "
        "the caller's personal workspace.",
    )

    @field_validator("name")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("must not be blank")
        return value

    @field_validator("expires_at")
    @classmethod
    def _future(cls, value: datetime | None) -> datetime | None:
        if value is not None and value <= datetime.now(UTC):
            raise ValueError("must be in the future")
        return value


# What these APIs read and answer: the document's schemas are generated from these models.
CONTRACT = Contract(requests=(ApiTokenCreate,), responses=(ApiTokenCreated, ApiTokenList))


def _tokens() -> Tokens:
    return Tokens(context.stores().db)


def _session_principal() -> Principal:
    """Tokens are managed from a signed-in session: a leaked token cannot mint more tokens."""
    principal = current_principal()
    if principal.via != "session":
        raise Problem(403, "session-required", "manage API tokens from a signed-in session")
    return principal


@bp.post("")
@require_auth()
def create() -> tuple[Response, int]:
    principal = _session_principal()
    body = json_body(ApiTokenCreate)
    workspace_id = body.workspace_id or principal.user_id
    hooks.check_token_workspace(principal, workspace_id)
    tokens = _tokens()
    if len(tokens.list_for_user(principal.user_id)) >= MAX_TOKENS_PER_USER:
        raise Problem(
            409, "too-many-tokens", f"revoke a token first (at most {MAX_TOKENS_PER_USER})"
        )
    token, secret = tokens.create(
        principal.user_id, body.name, list(body.scopes), body.expires_at, workspace_id
    )
    audit.record(
        principal.user_id,
        "token.create",
        "token",
        token.id,
        {
            "name": body.name,
            "scopes": list(body.scopes),
            "expires_at": body.expires_at,
            "workspace_id": workspace_id,
        },
        workspace_id=workspace_id,  # so the workspace's own audit log shows it
    )
    created = ApiTokenCreated.model_validate({**dict(token.out()), "token": secret})
    return answer(created), 201


@bp.get("")
@require_auth()
def list_tokens() -> Response:
    principal = _session_principal()
    tokens = _tokens().list_for_user(principal.user_id)
    return answer(ApiTokenList(items=[t.out() for t in tokens]))


@bp.delete("/<token_id>")
@require_auth()
def revoke(token_id: str) -> Response:
    principal = _session_principal()
    token = _tokens().revoke(principal.user_id, token_id)
    if token is None:
        raise Problem(404, "not-found", "no such token")
    audit.record(
        principal.user_id, "token.revoke", "token", token_id, workspace_id=token.workspace_id
    )
    return Response(status=204)
