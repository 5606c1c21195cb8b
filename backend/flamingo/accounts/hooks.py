"""What other domains plug into accounts without accounts importing them (imports point one way:
``workspaces`` uses ``accounts``). The app factory sets each hook; unset, it does nothing.

* :data:`USER_CREATED` runs for every new user (signup, single sign-on, the CLI's create-admin
  calls the workspaces service itself): it makes the personal workspace.
* :data:`TOKEN_WORKSPACE` checks that the caller may make a token in a workspace (raises a
  ``Problem``, 404 for a non-member); unset, only the personal workspace is allowed.
"""

from __future__ import annotations

from collections.abc import Callable

from flamingo.accounts.auth import Principal
from flamingo.accounts.users import User
from flamingo.core.context import Key
from flamingo.core.problems import Problem

USER_CREATED: Key[Callable[[User], None]] = Key("accounts.user_created")
TOKEN_WORKSPACE: Key[Callable[[Principal, str], None]] = Key("accounts.token_workspace")


def user_created(user: User) -> None:
    hook = USER_CREATED.find_current()
    if hook is not None:
        hook(user)


def check_token_workspace(principal: Principal, workspace_id: str) -> None:
    hook = TOKEN_WORKSPACE.find_current()
    if hook is not None:
        hook(principal, workspace_id)
    elif workspace_id != principal.user_id:
        raise Problem(404, "not-found", "no such workspace")
