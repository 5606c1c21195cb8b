from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="LinkDeletedData")


@_attrs_define
class LinkDeletedData:
    """
    Attributes:
        code (str):
        domain (None | str):
        id (str):
        target (str):
        workspace_id (str):
    """

    code: str
    domain: None | str
    id: str
    target: str
    workspace_id: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        domain: None | str
        domain = self.domain

        id = self.id

        target = self.target

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "domain": domain,
                "id": id,
                "target": target,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        def _parse_domain(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        domain = _parse_domain(d.pop("domain"))

        id = d.pop("id")

        target = d.pop("target")

        workspace_id = d.pop("workspace_id")

        link_deleted_data = cls(
            code=code,
            domain=domain,
            id=id,
            target=target,
            workspace_id=workspace_id,
        )

        return link_deleted_data
