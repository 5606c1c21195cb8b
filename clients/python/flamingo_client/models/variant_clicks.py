from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VariantClicks")


@_attrs_define
class VariantClicks:
    """
    Attributes:
        clicks (int):
        index (int):
        target (str):
    """

    clicks: int
    index: int
    target: str

    def to_dict(self) -> dict[str, Any]:
        clicks = self.clicks

        index = self.index

        target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "clicks": clicks,
                "index": index,
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        clicks = d.pop("clicks")

        index = d.pop("index")

        target = d.pop("target")

        variant_clicks = cls(
            clicks=clicks,
            index=index,
            target=target,
        )

        return variant_clicks
