"""The mail to a workspace's owners when the worker disables one of its webhooks."""

from __future__ import annotations

from typing import Any

from pymongo.database import Database

from flamingo.accounts.users import Users
from flamingo.core import smtp
from flamingo.core.config_identity import MailSettings
from flamingo.webhooks.hook import Webhook
from flamingo.workspaces.repository import WorkspaceRepository

Document = dict[str, Any]
REASONS = {
    "gone": "the receiver answered 410 Gone",
    "failing": "too many deliveries in a row failed on every attempt",
}


def owner_emails(db: Database[Document], workspace_id: str) -> list[str]:
    """The owners' addresses (a personal workspace's owner is the user with its id)."""
    users = Users(db)
    members = WorkspaceRepository(db).members(workspace_id)
    owners = [m.user_id for m in members if m.role == "owner"]
    personal = [workspace_id] if users.get(workspace_id) is not None else []
    found = (users.get(user_id) for user_id in dict.fromkeys([*owners, *personal]))
    return [user.email for user in found if user is not None]


def send_disabled(
    settings: MailSettings, base_url: str, to: list[str], hook: Webhook, reason: str
) -> int:
    """Mail each owner; how many mails the server took (0 without SMTP)."""
    sent = 0
    for address in to:
        message = smtp.message(
            settings,
            address,
            "A Flamingo webhook was disabled",
            f"The webhook {hook.id} ({hook.url}) of your Flamingo workspace was disabled: "
            f"{REASONS.get(reason, reason)}.\n\n"
            f"Its delivery log shows the answers it got:\n\n"
            f"  {base_url}/app/workspace (workspace {hook.workspace_id})\n\n"
            "Enable it again there once the receiver works.\n",
        )
        sent += smtp.send(settings, message, "webhook disabled")
    return sent
