from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.orphan_code import OrphanCode
    from ..models.orphan_day import OrphanDay


T = TypeVar("T", bound="OrphanVisits")


@_attrs_define
class OrphanVisits:
    """
    Attributes:
        from_ (datetime.date):
        series (list[OrphanDay]):
        to (datetime.date):
        top (list[OrphanCode]): The most visited unknown codes (at most 20).
    """

    from_: datetime.date
    series: list[OrphanDay]
    to: datetime.date
    top: list[OrphanCode]

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        to = self.to.isoformat()

        top = []
        for top_item_data in self.top:
            top_item = top_item_data.to_dict()
            top.append(top_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "series": series,
                "to": to,
                "top": top,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.orphan_code import OrphanCode
        from ..models.orphan_day import OrphanDay

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = OrphanDay.from_dict(series_item_data)

            series.append(series_item)

        to = datetime.date.fromisoformat(d.pop("to"))

        top = []
        _top = d.pop("top")
        for top_item_data in _top:
            top_item = OrphanCode.from_dict(top_item_data)

            top.append(top_item)

        orphan_visits = cls(
            from_=from_,
            series=series,
            to=to,
            top=top,
        )

        return orphan_visits
