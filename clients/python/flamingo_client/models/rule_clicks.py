from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RuleClicks")


@_attrs_define
class RuleClicks:
    """
    Attributes:
        clicks (int):
        index (int):
    """

    clicks: int
    index: int

    def to_dict(self) -> dict[str, Any]:
        clicks = self.clicks

        index = self.index

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "clicks": clicks,
                "index": index,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        clicks = d.pop("clicks")

        index = d.pop("index")

        rule_clicks = cls(
            clicks=clicks,
            index=index,
        )

        return rule_clicks
