from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HourlyClicks")


@_attrs_define
class HourlyClicks:
    """
    Attributes:
        at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        bot (int):
        human (int):
        total (int):
        unique (int): Distinct human visitors that hour.
    """

    at: datetime.datetime
    bot: int
    human: int
    total: int
    unique: int

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        bot = self.bot

        human = self.human

        total = self.total

        unique = self.unique

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "at": at,
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
        at = datetime.datetime.fromisoformat(d.pop("at"))

        bot = d.pop("bot")

        human = d.pop("human")

        total = d.pop("total")

        unique = d.pop("unique")

        hourly_clicks = cls(
            at=at,
            bot=bot,
            human=human,
            total=total,
            unique=unique,
        )

        return hourly_clicks
