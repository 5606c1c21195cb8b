from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.audit_action import AuditAction, check_audit_action
from ..models.audit_entry_target_type import (
    AuditEntryTargetType,
    check_audit_entry_target_type,
)

if TYPE_CHECKING:
    from ..models.audit_entry_changes import AuditEntryChanges


T = TypeVar("T", bound="AuditEntry")


@_attrs_define
class AuditEntry:
    """
    Attributes:
        action (AuditAction):
        actor_email (None | str): The acting user's email, looked up when the page is read; null without an actor or
            once the user is gone.
        actor_id (None | str): The user who acted; null for a failed sign-in and for jobs without one.
        at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        changes (AuditEntryChanges): What changed: `{field: {old, new}}` for updates (a secret such as a link password
            shows `(secret)`, never its value), the fields of what was created, or details such as `method` and `reason` of
            a sign-in.
        id (str):
        ip (None | str): The client IP (after `TRUSTED_PROXY_COUNT`).
        request_id (None | str): The `X-Request-ID` of the request that made the change.
        target_id (None | str): The object acted on (a user, token or link id, a blocked domain); null when unknown (a
            failed sign-in of no account).
        target_label (None | str): What the target is called for people, looked up when the page is read — a user's or
            member's email, a link's `host/code`, a workspace's name, a domain's host; for an object deleted since, the
            email, name, host or code the entry recorded in `changes`; else null.
        target_type (AuditEntryTargetType):
        workspace_id (None | str): The workspace of the change; null until workspaces exist.
    """

    action: AuditAction
    actor_email: None | str
    actor_id: None | str
    at: datetime.datetime
    changes: AuditEntryChanges
    id: str
    ip: None | str
    request_id: None | str
    target_id: None | str
    target_label: None | str
    target_type: AuditEntryTargetType
    workspace_id: None | str

    def to_dict(self) -> dict[str, Any]:
        action: str = self.action

        actor_email: None | str
        actor_email = self.actor_email

        actor_id: None | str
        actor_id = self.actor_id

        at = self.at.isoformat()

        changes = self.changes.to_dict()

        id = self.id

        ip: None | str
        ip = self.ip

        request_id: None | str
        request_id = self.request_id

        target_id: None | str
        target_id = self.target_id

        target_label: None | str
        target_label = self.target_label

        target_type: str = self.target_type

        workspace_id: None | str
        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "actor_email": actor_email,
                "actor_id": actor_id,
                "at": at,
                "changes": changes,
                "id": id,
                "ip": ip,
                "request_id": request_id,
                "target_id": target_id,
                "target_label": target_label,
                "target_type": target_type,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audit_entry_changes import AuditEntryChanges

        d = dict(src_dict)
        action = check_audit_action(d.pop("action"))

        def _parse_actor_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_email = _parse_actor_email(d.pop("actor_email"))

        def _parse_actor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        changes = AuditEntryChanges.from_dict(d.pop("changes"))

        id = d.pop("id")

        def _parse_ip(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip = _parse_ip(d.pop("ip"))

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        def _parse_target_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        target_id = _parse_target_id(d.pop("target_id"))

        def _parse_target_label(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        target_label = _parse_target_label(d.pop("target_label"))

        target_type = check_audit_entry_target_type(d.pop("target_type"))

        def _parse_workspace_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        workspace_id = _parse_workspace_id(d.pop("workspace_id"))

        audit_entry = cls(
            action=action,
            actor_email=actor_email,
            actor_id=actor_id,
            at=at,
            changes=changes,
            id=id,
            ip=ip,
            request_id=request_id,
            target_id=target_id,
            target_label=target_label,
            target_type=target_type,
            workspace_id=workspace_id,
        )

        return audit_entry
