from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.workspace_role import WorkspaceRole, check_workspace_role

T = TypeVar("T", bound="Member")


@_attrs_define
class Member:
    """
    Attributes:
        email (None | str):
        joined_at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        role (WorkspaceRole):
        user_id (str):
        workspace_id (str):
    """

    email: None | str
    joined_at: datetime.datetime
    role: WorkspaceRole
    user_id: str
    workspace_id: str

    def to_dict(self) -> dict[str, Any]:
        email: None | str
        email = self.email

        joined_at = self.joined_at.isoformat()

        role: str = self.role

        user_id = self.user_id

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "joined_at": joined_at,
                "role": role,
                "user_id": user_id,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        joined_at = datetime.datetime.fromisoformat(d.pop("joined_at"))

        role = check_workspace_role(d.pop("role"))

        user_id = d.pop("user_id")

        workspace_id = d.pop("workspace_id")

        member = cls(
            email=email,
            joined_at=joined_at,
            role=role,
            user_id=user_id,
            workspace_id=workspace_id,
        )

        return member
