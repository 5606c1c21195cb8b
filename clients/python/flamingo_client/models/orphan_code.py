from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OrphanCode")


@_attrs_define
class OrphanCode:
    """
    Attributes:
        code (str):
        count (int):
        domain (str):
    """

    code: str
    count: int
    domain: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        count = self.count

        domain = self.domain

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "count": count,
                "domain": domain,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        count = d.pop("count")

        domain = d.pop("domain")

        orphan_code = cls(
            code=code,
            count=count,
            domain=domain,
        )

        return orphan_code
