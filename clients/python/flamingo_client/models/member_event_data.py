from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.workspace_role import WorkspaceRole, check_workspace_role

T = TypeVar("T", bound="MemberEventData")


@_attrs_define
class MemberEventData:
    """
    Attributes:
        role (WorkspaceRole):
        user_id (str):
        workspace_id (str):
    """

    role: WorkspaceRole
    user_id: str
    workspace_id: str

    def to_dict(self) -> dict[str, Any]:
        role: str = self.role

        user_id = self.user_id

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
                "user_id": user_id,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = check_workspace_role(d.pop("role"))

        user_id = d.pop("user_id")

        workspace_id = d.pop("workspace_id")

        member_event_data = cls(
            role=role,
            user_id=user_id,
            workspace_id=workspace_id,
        )

        return member_event_data
