from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Variant")


@_attrs_define
class Variant:
    """
    Attributes:
        target (str):
        weight (int):
    """

    target: str
    weight: int

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        weight = self.weight

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
                "weight": weight,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        target = d.pop("target")

        weight = d.pop("weight")

        variant = cls(
            target=target,
            weight=weight,
        )

        return variant
