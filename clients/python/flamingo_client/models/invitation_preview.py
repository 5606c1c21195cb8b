from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.workspace_role import WorkspaceRole, check_workspace_role

T = TypeVar("T", bound="InvitationPreview")


@_attrs_define
class InvitationPreview:
    """
    Attributes:
        email (str): The invited address (the caller's).
        expires_at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        role (WorkspaceRole):
        workspace_id (str):
        workspace_name (str): Printable text, not blank (trimmed).
    """

    email: str
    expires_at: datetime.datetime
    role: WorkspaceRole
    workspace_id: str
    workspace_name: str

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        expires_at = self.expires_at.isoformat()

        role: str = self.role

        workspace_id = self.workspace_id

        workspace_name = self.workspace_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "expires_at": expires_at,
                "role": role,
                "workspace_id": workspace_id,
                "workspace_name": workspace_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        role = check_workspace_role(d.pop("role"))

        workspace_id = d.pop("workspace_id")

        workspace_name = d.pop("workspace_name")

        invitation_preview = cls(
            email=email,
            expires_at=expires_at,
            role=role,
            workspace_id=workspace_id,
            workspace_name=workspace_name,
        )

        return invitation_preview
