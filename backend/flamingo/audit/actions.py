"""The fixed names of audited actions, each with the type of its target."""

from __future__ import annotations

# Every action the log knows, with what its target is. Add here when a domain starts recording.
ACTIONS: dict[str, str] = {
    "auth.login.success": "user",
    "auth.login.failure": "user",
    "user.signup": "user",
    "user.disable": "user",
    "user.enable": "user",
    "user.password_change": "user",
    "user.verify_email": "user",
    "token.create": "token",
    "token.revoke": "token",
    "link.create": "link",
    "link.update": "link",
    "link.delete": "link",
    "link.disable": "link",
    "link.enable": "link",
    "link.visits.erase": "link",
    "domain.create": "domain",
    "domain.update": "domain",
    "domain.delete": "domain",
    "blocklist.add": "domain",
    "blocklist.remove": "domain",
    "workspace.create": "workspace",
    "workspace.update": "workspace",
    "workspace.delete": "workspace",
    "member.add": "member",
    "member.update": "member",
    "member.remove": "member",
    "invitation.create": "invitation",
    "invitation.revoke": "invitation",
    "invitation.accept": "invitation",
    "webhook.create": "webhook",
    "webhook.update": "webhook",
    "webhook.delete": "webhook",
    "webhook.rotate_secret": "webhook",
    "webhook.disable": "webhook",  # by the delivery worker: 410, or too many failures in a row
}
