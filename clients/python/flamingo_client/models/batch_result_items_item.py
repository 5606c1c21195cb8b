from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.link import Link
    from ..models.problem import Problem


T = TypeVar("T", bound="BatchResultItemsItem")


@_attrs_define
class BatchResultItemsItem:
    """
    Attributes:
        index (int):
        status (int): 201 when created, else the status of `error`.
        error (Problem | Unset): RFC 9457 problem details.
        link (Link | Unset):
    """

    index: int
    status: int
    error: Problem | Unset = UNSET
    link: Link | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        status = self.status

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        link: dict[str, Any] | Unset = UNSET
        if not isinstance(self.link, Unset):
            link = self.link.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "status": status,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if link is not UNSET:
            field_dict["link"] = link

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.link import Link
        from ..models.problem import Problem

        d = dict(src_dict)
        index = d.pop("index")

        status = d.pop("status")

        _error = d.pop("error", UNSET)
        error: Problem | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = Problem.from_dict(_error)

        _link = d.pop("link", UNSET)
        link: Link | Unset
        if isinstance(_link, Unset):
            link = UNSET
        else:
            link = Link.from_dict(_link)

        batch_result_items_item = cls(
            index=index,
            status=status,
            error=error,
            link=link,
        )

        batch_result_items_item.additional_properties = d
        return batch_result_items_item

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
