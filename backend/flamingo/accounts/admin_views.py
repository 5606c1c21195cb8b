"""Admin API (/api/v1/admin/): users and the domain blocklist. Link moderation lives with links."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, Response, current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field

from flamingo.accounts.auth import current_principal, require_admin, session_store
from flamingo.accounts.users import User, Users
from flamingo.core.problems import Problem
from flamingo.core.stores import Stores
from flamingo.links.blocklist import AlreadyBlocked, blocklist_for_app
from flamingo.links.urlpolicy import valid_domain

bp = Blueprint("admin_accounts", __name__, url_prefix="/api/v1/admin")

DEFAULT_PAGE = 50
MAX_PAGE = 200


class BlockRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    domain: str = Field(min_length=1, max_length=253)
    reason: str = Field("", max_length=500)


def _users() -> Users:
    return Users(cast("Stores", current_app.extensions["flamingo.core.stores"]).db)


def _admin_view(user: User) -> dict[str, object]:
    return {**user.public(), "disabled": user.disabled}


def _limit() -> int:
    raw = request.args.get("limit", str(DEFAULT_PAGE))
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise Problem(
            422,
            "validation-error",
            "invalid fields: limit",
            errors=[{"field": "limit", "message": f"an integer 1-{MAX_PAGE}"}],
        )
    return int(raw)


@bp.get("/users")
@require_admin
def list_users() -> Response:
    limit = _limit()
    page = _users().page(request.args.get("cursor"), limit + 1)
    next_cursor = page[limit - 1].id if len(page) > limit else None
    return jsonify(items=[_admin_view(u) for u in page[:limit]], next_cursor=next_cursor)


def _set_disabled(user_id: str, disabled: bool) -> Response:
    if disabled and user_id == current_principal().user_id:
        raise Problem(409, "cannot-disable-self", "an administrator cannot disable themselves")
    user = _users().set_disabled(user_id, disabled)
    if user is None:
        raise Problem(404, "not-found", "no such user")
    if disabled:
        session_store().delete_all_for_user(user.id)
    return jsonify(_admin_view(user))


@bp.post("/users/<user_id>/disable")
@require_admin
def disable_user(user_id: str) -> Response:
    """Disable a user: every session ends at once and their tokens stop working."""
    return _set_disabled(user_id, True)


@bp.post("/users/<user_id>/enable")
@require_admin
def enable_user(user_id: str) -> Response:
    """Enable a user again (their unrevoked, unexpired tokens work again)."""
    return _set_disabled(user_id, False)


@bp.get("/blocklist")
@require_admin
def list_blocked() -> Response:
    return jsonify(items=[entry.public() for entry in blocklist_for_app().entries()])


@bp.post("/blocklist")
@require_admin
def block() -> tuple[Response, int]:
    body = BlockRequest.model_validate(request.get_json())
    domain = valid_domain(body.domain)
    try:
        entry = blocklist_for_app().add(domain, body.reason.strip())
    except AlreadyBlocked:
        raise Problem(409, "already-blocked", f"{domain} is already on the blocklist") from None
    return jsonify(entry.public()), 201


@bp.delete("/blocklist/<domain>")
@require_admin
def unblock(domain: str) -> Response:
    try:
        normalised = valid_domain(domain)
    except Problem:
        raise Problem(404, "not-found", "no such blocklist entry") from None
    if not blocklist_for_app().remove(normalised):
        raise Problem(404, "not-found", "no such blocklist entry")
    return Response(status=204)
