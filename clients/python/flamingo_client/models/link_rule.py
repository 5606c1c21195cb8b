from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.link_rule_condition import LinkRuleCondition


T = TypeVar("T", bound="LinkRule")


@_attrs_define
class LinkRule:
    """A stored rule: the first whose every condition holds decides the target.

    Attributes:
        if_ (LinkRuleCondition): A stored rule's condition: only the conditions given (lists, instants).
        target (str):
    """

    if_: LinkRuleCondition
    target: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if_ = self.if_.to_dict()

        target = self.target

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "if": if_,
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.link_rule_condition import LinkRuleCondition

        d = dict(src_dict)
        if_ = LinkRuleCondition.from_dict(d.pop("if"))

        target = d.pop("target")

        link_rule = cls(
            if_=if_,
            target=target,
        )

        link_rule.additional_properties = d
        return link_rule

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
