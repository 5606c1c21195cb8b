from typing import Literal

AuditAction = Literal[
    "auth.login.failure",
    "auth.login.success",
    "blocklist.add",
    "blocklist.remove",
    "domain.create",
    "domain.delete",
    "domain.update",
    "invitation.accept",
    "invitation.create",
    "invitation.revoke",
    "link.create",
    "link.delete",
    "link.disable",
    "link.enable",
    "link.update",
    "member.add",
    "member.remove",
    "member.update",
    "token.create",
    "token.revoke",
    "user.disable",
    "user.enable",
    "user.password_change",
    "user.signup",
    "user.verify_email",
    "workspace.create",
    "workspace.delete",
    "workspace.update",
]

AUDIT_ACTION_VALUES: set[AuditAction] = {
    "auth.login.failure",
    "auth.login.success",
    "blocklist.add",
    "blocklist.remove",
    "domain.create",
    "domain.delete",
    "domain.update",
    "invitation.accept",
    "invitation.create",
    "invitation.revoke",
    "link.create",
    "link.delete",
    "link.disable",
    "link.enable",
    "link.update",
    "member.add",
    "member.remove",
    "member.update",
    "token.create",
    "token.revoke",
    "user.disable",
    "user.enable",
    "user.password_change",
    "user.signup",
    "user.verify_email",
    "workspace.create",
    "workspace.delete",
    "workspace.update",
}


def check_audit_action(value: str) -> AuditAction:
    if value in AUDIT_ACTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AUDIT_ACTION_VALUES!r}")
