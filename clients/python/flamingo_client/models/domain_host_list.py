from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.domain_host import DomainHost


T = TypeVar("T", bound="DomainHostList")


@_attrs_define
class DomainHostList:
    """
    Attributes:
        items (list[DomainHost]):
    """

    items: list[DomainHost]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.domain_host import DomainHost

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = DomainHost.from_dict(items_item_data)

            items.append(items_item)

        domain_host_list = cls(
            items=items,
        )

        return domain_host_list
