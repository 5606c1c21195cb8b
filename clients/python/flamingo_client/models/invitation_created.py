from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.workspace_role import WorkspaceRole, check_workspace_role

T = TypeVar("T", bound="InvitationCreated")


@_attrs_define
class InvitationCreated:
    """
    Attributes:
        created_at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        email (str):
        expires_at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        id (str):
        mailed (bool): Whether it was mailed to the invitee (SMTP configured and it took it).
        role (WorkspaceRole):
        token (str): Shown here only; accept with `POST /api/v1/invitations/{token}/accept`.
        workspace_id (str):
    """

    created_at: datetime.datetime
    email: str
    expires_at: datetime.datetime
    id: str
    mailed: bool
    role: WorkspaceRole
    token: str
    workspace_id: str

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        expires_at = self.expires_at.isoformat()

        id = self.id

        mailed = self.mailed

        role: str = self.role

        token = self.token

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "email": email,
                "expires_at": expires_at,
                "id": id,
                "mailed": mailed,
                "role": role,
                "token": token,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = d.pop("id")

        mailed = d.pop("mailed")

        role = check_workspace_role(d.pop("role"))

        token = d.pop("token")

        workspace_id = d.pop("workspace_id")

        invitation_created = cls(
            created_at=created_at,
            email=email,
            expires_at=expires_at,
            id=id,
            mailed=mailed,
            role=role,
            token=token,
            workspace_id=workspace_id,
        )

        return invitation_created
