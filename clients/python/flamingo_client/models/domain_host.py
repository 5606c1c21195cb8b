from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DomainHost")


@_attrs_define
class DomainHost:
    """A host a new link may use (what any signed-in user may know of a domain).

    Attributes:
        default (bool): The host of PUBLIC_BASE_URL.
        host (str): A host this install serves short links on.
    """

    default: bool
    host: str

    def to_dict(self) -> dict[str, Any]:
        default = self.default

        host = self.host

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "default": default,
                "host": host,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        default = d.pop("default")

        host = d.pop("host")

        domain_host = cls(
            default=default,
            host=host,
        )

        return domain_host
