from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.workspace_role import WorkspaceRole, check_workspace_role

T = TypeVar("T", bound="RoleChange")


@_attrs_define
class RoleChange:
    """
    Attributes:
        role (WorkspaceRole):
    """

    role: WorkspaceRole

    def to_dict(self) -> dict[str, Any]:
        role: str = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = check_workspace_role(d.pop("role"))

        role_change = cls(
            role=role,
        )

        return role_change
