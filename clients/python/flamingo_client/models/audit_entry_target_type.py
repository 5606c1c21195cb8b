from typing import Literal

AuditEntryTargetType = Literal[
    "domain", "invitation", "link", "member", "token", "user", "webhook", "workspace"
]

AUDIT_ENTRY_TARGET_TYPE_VALUES: set[AuditEntryTargetType] = {
    "domain",
    "invitation",
    "link",
    "member",
    "token",
    "user",
    "webhook",
    "workspace",
}


def check_audit_entry_target_type(value: str) -> AuditEntryTargetType:
    if value in AUDIT_ENTRY_TARGET_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AUDIT_ENTRY_TARGET_TYPE_VALUES!r}"
    )
