from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.interval import Interval, check_interval
from ..models.source import Source, check_source

if TYPE_CHECKING:
    from ..models.hourly_clicks import HourlyClicks
    from ..models.overview_day import OverviewDay
    from ..models.overview_totals import OverviewTotals
    from ..models.top_link import TopLink


T = TypeVar("T", bound="StatsOverview")


@_attrs_define
class StatsOverview:
    """
    Attributes:
        from_ (datetime.date):
        hourly (list[HourlyClicks]): Every hour of the range, oldest first, when `interval=hour`; else empty.
        interval (Interval):
        series (list[OverviewDay]):
        source (Source):
        to (datetime.date):
        top_links (list[TopLink]):
        totals (OverviewTotals):
        workspace_id (str): The workspace counted.
    """

    from_: datetime.date
    hourly: list[HourlyClicks]
    interval: Interval
    series: list[OverviewDay]
    source: Source
    to: datetime.date
    top_links: list[TopLink]
    totals: OverviewTotals
    workspace_id: str

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        hourly = []
        for hourly_item_data in self.hourly:
            hourly_item = hourly_item_data.to_dict()
            hourly.append(hourly_item)

        interval: str = self.interval

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        source: str = self.source

        to = self.to.isoformat()

        top_links = []
        for top_links_item_data in self.top_links:
            top_links_item = top_links_item_data.to_dict()
            top_links.append(top_links_item)

        totals = self.totals.to_dict()

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "hourly": hourly,
                "interval": interval,
                "series": series,
                "source": source,
                "to": to,
                "top_links": top_links,
                "totals": totals,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hourly_clicks import HourlyClicks
        from ..models.overview_day import OverviewDay
        from ..models.overview_totals import OverviewTotals
        from ..models.top_link import TopLink

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        hourly = []
        _hourly = d.pop("hourly")
        for hourly_item_data in _hourly:
            hourly_item = HourlyClicks.from_dict(hourly_item_data)

            hourly.append(hourly_item)

        interval = check_interval(d.pop("interval"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = OverviewDay.from_dict(series_item_data)

            series.append(series_item)

        source = check_source(d.pop("source"))

        to = datetime.date.fromisoformat(d.pop("to"))

        top_links = []
        _top_links = d.pop("top_links")
        for top_links_item_data in _top_links:
            top_links_item = TopLink.from_dict(top_links_item_data)

            top_links.append(top_links_item)

        totals = OverviewTotals.from_dict(d.pop("totals"))

        workspace_id = d.pop("workspace_id")

        stats_overview = cls(
            from_=from_,
            hourly=hourly,
            interval=interval,
            series=series,
            source=source,
            to=to,
            top_links=top_links,
            totals=totals,
            workspace_id=workspace_id,
        )

        return stats_overview
