"""API tokens: create (the secret is shown once), list without secrets, revoke."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, jsonify
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from flamingo.accounts import hooks
from flamingo.accounts.auth import Principal, current_principal, require_auth
from flamingo.accounts.scopes import Scope
from flamingo.accounts.tokens import Tokens
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.core.problems import Problem
from flamingo.http.bodies import json_body

bp = Blueprint("tokens", __name__, url_prefix="/api/v1/tokens")

MAX_TOKENS_PER_USER = 100


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100)
    scopes: list[Scope] = Field(min_length=1, max_length=3)
    expires_at: AwareDatetime | None = None
    workspace_id: str | None = Field(None, min_length=1, max_length=64)

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
    body = json_body(TokenRequest)
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
    payload: dict[str, Any] = {**token.public(), "token": secret}
    return jsonify(payload), 201


@bp.get("")
@require_auth()
def list_tokens() -> Response:
    principal = _session_principal()
    return jsonify(items=[t.public() for t in _tokens().list_for_user(principal.user_id)])


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
