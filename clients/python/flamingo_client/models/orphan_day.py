from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OrphanDay")


@_attrs_define
class OrphanDay:
    """
    Attributes:
        date (datetime.date):
        total (int):
    """

    date: datetime.date
    total: int

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "date": date,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        total = d.pop("total")

        orphan_day = cls(
            date=date,
            total=total,
        )

        return orphan_day
