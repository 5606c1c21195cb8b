"""The move into workspaces, run by ``flamingo migrate`` (and by ``flamingo ensure-indexes``, the
chart's hook Job): every user gets their personal workspace (owner), every token without a
workspace goes into its user's personal one. Idempotent: a second run changes nothing. The links'
part is :func:`flamingo.links.migrations.assign_workspaces`."""

from __future__ import annotations

from typing import Any

from pymongo.database import Database

from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import Users
from flamingo.workspaces.repository import WorkspaceRepository


def personal_workspaces(db: Database[dict[str, Any]]) -> int:
    """Make each user's personal workspace and membership where missing; how many users got
    one (or a missing membership)."""
    repo = WorkspaceRepository(db)
    made = 0
    for user_id in Users(db).all_ids():
        made += repo.ensure_personal(user_id)
    return made


def tokens_into_workspaces(db: Database[dict[str, Any]]) -> int:
    return Tokens(db).assign_personal_workspaces()
