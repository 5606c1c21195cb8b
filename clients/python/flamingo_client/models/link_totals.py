from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LinkTotals")


@_attrs_define
class LinkTotals:
    """Sums over the range; ``unique`` sums daily uniques (visitor-days).

    Attributes:
        bot (int):
        human (int):
        total (int):
        unique (int):
    """

    bot: int
    human: int
    total: int
    unique: int

    def to_dict(self) -> dict[str, Any]:
        bot = self.bot

        human = self.human

        total = self.total

        unique = self.unique

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bot": bot,
                "human": human,
                "total": total,
                "unique": unique,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bot = d.pop("bot")

        human = d.pop("human")

        total = d.pop("total")

        unique = d.pop("unique")

        link_totals = cls(
            bot=bot,
            human=human,
            total=total,
            unique=unique,
        )

        return link_totals
