from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DomainCreatedData")


@_attrs_define
class DomainCreatedData:
    """
    Attributes:
        host (str): The new branded domain (instance-wide: every workspace).
    """

    host: str

    def to_dict(self) -> dict[str, Any]:
        host = self.host

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "host": host,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        host = d.pop("host")

        domain_created_data = cls(
            host=host,
        )

        return domain_created_data
