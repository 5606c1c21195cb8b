from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DailyClicks")


@_attrs_define
class DailyClicks:
    """
    Attributes:
        bot (int):
        date (datetime.date):
        human (int):
        total (int):
        unique (int): Distinct human visitors that day.
    """

    bot: int
    date: datetime.date
    human: int
    total: int
    unique: int

    def to_dict(self) -> dict[str, Any]:
        bot = self.bot

        date = self.date.isoformat()

        human = self.human

        total = self.total

        unique = self.unique

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bot": bot,
                "date": date,
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

        date = datetime.date.fromisoformat(d.pop("date"))

        human = d.pop("human")

        total = d.pop("total")

        unique = d.pop("unique")

        daily_clicks = cls(
            bot=bot,
            date=date,
            human=human,
            total=total,
            unique=unique,
        )

        return daily_clicks
