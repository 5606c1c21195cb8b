from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.rule_condition import RuleCondition


T = TypeVar("T", bound="Rule")


@_attrs_define
class Rule:
    """
    Attributes:
        if_ (RuleCondition): Every listed condition must hold. A single value stands for a list of one.
        target (str):
    """

    if_: RuleCondition
    target: str

    def to_dict(self) -> dict[str, Any]:
        if_ = self.if_.to_dict()

        target = self.target

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "if": if_,
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rule_condition import RuleCondition

        d = dict(src_dict)
        if_ = RuleCondition.from_dict(d.pop("if"))

        target = d.pop("target")

        rule = cls(
            if_=if_,
            target=target,
        )

        return rule
