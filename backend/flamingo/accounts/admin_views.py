"""Admin API for accounts (``/api/v1/admin/users``). Links and the blocklist: links.admin_views."""

from __future__ import annotations

from typing import Annotated

from flask import Blueprint, Response
from pydantic import BaseModel, ConfigDict, Field

from flamingo.accounts.auth import current_principal, require_admin, session_store
from flamingo.accounts.users import AdminUser, AdminUserPage, Users
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.core.problems import Problem
from flamingo.http.bodies import query
from flamingo.http.openapi import Contract
from flamingo.http.render import answer

bp = Blueprint("admin_accounts", __name__, url_prefix="/api/v1/admin")
# What these APIs answer: the document's schemas are generated from these models.
CONTRACT = Contract(responses=(AdminUser, AdminUserPage))

DEFAULT_PAGE = 50
MAX_PAGE = 200


class UsersQuery(BaseModel):
    """Query string of the users list: the same ``cursor`` / ``limit`` as every list."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    cursor: Annotated[str, Field(max_length=64)] | None = None
    limit: Annotated[int, Field(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE


def _users() -> Users:
    return Users(context.stores().db)


@bp.get("/users")
@require_admin
def list_users() -> Response:
    params = query(UsersQuery)
    page = _users().page(params.cursor, params.limit)
    return answer(
        AdminUserPage(items=[u.admin_view() for u in page.items], next_cursor=page.next_cursor)
    )


def _set_disabled(user_id: str, disabled: bool) -> Response:
    if disabled and user_id == current_principal().user_id:
        raise Problem(409, "cannot-disable-self", "an administrator cannot disable themselves")
    before = _users().get(user_id)
    user = _users().set_disabled(user_id, disabled)
    if before is None or user is None:
        raise Problem(404, "not-found", "no such user")
    audit.record(
        current_principal().user_id,
        "user.disable" if disabled else "user.enable",
        "user",
        user.id,
        audit.field_changes({"disabled": before.disabled}, {"disabled": disabled}),
    )
    if disabled:
        session_store().delete_all_for_user(user.id)
    return answer(user.admin_view())


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
