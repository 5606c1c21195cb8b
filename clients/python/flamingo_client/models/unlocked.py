from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Unlocked")


@_attrs_define
class Unlocked:
    """Where the visitor goes now: the link's target (or a gone link's expired_redirect).

    Attributes:
        target (str):
    """

    target: str

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        target = d.pop("target")

        unlocked = cls(
            target=target,
        )

        return unlocked
