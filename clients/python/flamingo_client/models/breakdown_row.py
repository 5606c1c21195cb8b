from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BreakdownRow")


@_attrs_define
class BreakdownRow:
    """
    Attributes:
        count (int):
        key (str):
    """

    count: int
    key: str

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        key = self.key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "count": count,
                "key": key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        count = d.pop("count")

        key = d.pop("key")

        breakdown_row = cls(
            count=count,
            key=key,
        )

        return breakdown_row
