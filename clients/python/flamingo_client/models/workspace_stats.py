from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.interval import Interval, check_interval
from ..models.source import Source, check_source

if TYPE_CHECKING:
    from ..models.breakdown_row import BreakdownRow
    from ..models.hourly_clicks import HourlyClicks
    from ..models.overview_day import OverviewDay
    from ..models.overview_totals import OverviewTotals
    from ..models.top_link import TopLink


T = TypeVar("T", bound="WorkspaceStats")


@_attrs_define
class WorkspaceStats:
    """A workspace's clicks across its links: totals, series, top links and every breakdown.

    Attributes:
        browsers (list[BreakdownRow]):
        countries (list[BreakdownRow]):
        devices (list[BreakdownRow]):
        from_ (datetime.date):
        hourly (list[HourlyClicks]): Every hour of the range, oldest first, when `interval=hour`; else empty.
        interval (Interval):
        languages (list[BreakdownRow]):
        os (list[BreakdownRow]):
        referrers (list[BreakdownRow]):
        series (list[OverviewDay]):
        source (Source):
        to (datetime.date):
        top_links (list[TopLink]):
        totals (OverviewTotals):
        utm_campaign (list[BreakdownRow]):
        utm_content (list[BreakdownRow]):
        utm_medium (list[BreakdownRow]):
        utm_source (list[BreakdownRow]):
        utm_term (list[BreakdownRow]):
        workspace_id (str):
    """

    browsers: list[BreakdownRow]
    countries: list[BreakdownRow]
    devices: list[BreakdownRow]
    from_: datetime.date
    hourly: list[HourlyClicks]
    interval: Interval
    languages: list[BreakdownRow]
    os: list[BreakdownRow]
    referrers: list[BreakdownRow]
    series: list[OverviewDay]
    source: Source
    to: datetime.date
    top_links: list[TopLink]
    totals: OverviewTotals
    utm_campaign: list[BreakdownRow]
    utm_content: list[BreakdownRow]
    utm_medium: list[BreakdownRow]
    utm_source: list[BreakdownRow]
    utm_term: list[BreakdownRow]
    workspace_id: str

    def to_dict(self) -> dict[str, Any]:
        browsers = []
        for componentsschemas_breakdown_item_data in self.browsers:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            browsers.append(componentsschemas_breakdown_item)

        countries = []
        for componentsschemas_breakdown_item_data in self.countries:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            countries.append(componentsschemas_breakdown_item)

        devices = []
        for componentsschemas_breakdown_item_data in self.devices:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            devices.append(componentsschemas_breakdown_item)

        from_ = self.from_.isoformat()

        hourly = []
        for hourly_item_data in self.hourly:
            hourly_item = hourly_item_data.to_dict()
            hourly.append(hourly_item)

        interval: str = self.interval

        languages = []
        for componentsschemas_breakdown_item_data in self.languages:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            languages.append(componentsschemas_breakdown_item)

        os = []
        for componentsschemas_breakdown_item_data in self.os:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            os.append(componentsschemas_breakdown_item)

        referrers = []
        for componentsschemas_breakdown_item_data in self.referrers:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            referrers.append(componentsschemas_breakdown_item)

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

        utm_campaign = []
        for componentsschemas_breakdown_item_data in self.utm_campaign:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            utm_campaign.append(componentsschemas_breakdown_item)

        utm_content = []
        for componentsschemas_breakdown_item_data in self.utm_content:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            utm_content.append(componentsschemas_breakdown_item)

        utm_medium = []
        for componentsschemas_breakdown_item_data in self.utm_medium:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            utm_medium.append(componentsschemas_breakdown_item)

        utm_source = []
        for componentsschemas_breakdown_item_data in self.utm_source:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            utm_source.append(componentsschemas_breakdown_item)

        utm_term = []
        for componentsschemas_breakdown_item_data in self.utm_term:
            componentsschemas_breakdown_item = componentsschemas_breakdown_item_data.to_dict()
            utm_term.append(componentsschemas_breakdown_item)

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "browsers": browsers,
                "countries": countries,
                "devices": devices,
                "from": from_,
                "hourly": hourly,
                "interval": interval,
                "languages": languages,
                "os": os,
                "referrers": referrers,
                "series": series,
                "source": source,
                "to": to,
                "top_links": top_links,
                "totals": totals,
                "utm_campaign": utm_campaign,
                "utm_content": utm_content,
                "utm_medium": utm_medium,
                "utm_source": utm_source,
                "utm_term": utm_term,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.breakdown_row import BreakdownRow
        from ..models.hourly_clicks import HourlyClicks
        from ..models.overview_day import OverviewDay
        from ..models.overview_totals import OverviewTotals
        from ..models.top_link import TopLink

        d = dict(src_dict)
        browsers = []
        _browsers = d.pop("browsers")
        for componentsschemas_breakdown_item_data in _browsers:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            browsers.append(componentsschemas_breakdown_item)

        countries = []
        _countries = d.pop("countries")
        for componentsschemas_breakdown_item_data in _countries:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            countries.append(componentsschemas_breakdown_item)

        devices = []
        _devices = d.pop("devices")
        for componentsschemas_breakdown_item_data in _devices:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            devices.append(componentsschemas_breakdown_item)

        from_ = datetime.date.fromisoformat(d.pop("from"))

        hourly = []
        _hourly = d.pop("hourly")
        for hourly_item_data in _hourly:
            hourly_item = HourlyClicks.from_dict(hourly_item_data)

            hourly.append(hourly_item)

        interval = check_interval(d.pop("interval"))

        languages = []
        _languages = d.pop("languages")
        for componentsschemas_breakdown_item_data in _languages:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            languages.append(componentsschemas_breakdown_item)

        os = []
        _os = d.pop("os")
        for componentsschemas_breakdown_item_data in _os:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            os.append(componentsschemas_breakdown_item)

        referrers = []
        _referrers = d.pop("referrers")
        for componentsschemas_breakdown_item_data in _referrers:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            referrers.append(componentsschemas_breakdown_item)

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

        utm_campaign = []
        _utm_campaign = d.pop("utm_campaign")
        for componentsschemas_breakdown_item_data in _utm_campaign:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            utm_campaign.append(componentsschemas_breakdown_item)

        utm_content = []
        _utm_content = d.pop("utm_content")
        for componentsschemas_breakdown_item_data in _utm_content:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            utm_content.append(componentsschemas_breakdown_item)

        utm_medium = []
        _utm_medium = d.pop("utm_medium")
        for componentsschemas_breakdown_item_data in _utm_medium:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            utm_medium.append(componentsschemas_breakdown_item)

        utm_source = []
        _utm_source = d.pop("utm_source")
        for componentsschemas_breakdown_item_data in _utm_source:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            utm_source.append(componentsschemas_breakdown_item)

        utm_term = []
        _utm_term = d.pop("utm_term")
        for componentsschemas_breakdown_item_data in _utm_term:
            componentsschemas_breakdown_item = BreakdownRow.from_dict(
                componentsschemas_breakdown_item_data
            )

            utm_term.append(componentsschemas_breakdown_item)

        workspace_id = d.pop("workspace_id")

        workspace_stats = cls(
            browsers=browsers,
            countries=countries,
            devices=devices,
            from_=from_,
            hourly=hourly,
            interval=interval,
            languages=languages,
            os=os,
            referrers=referrers,
            series=series,
            source=source,
            to=to,
            top_links=top_links,
            totals=totals,
            utm_campaign=utm_campaign,
            utm_content=utm_content,
            utm_medium=utm_medium,
            utm_source=utm_source,
            utm_term=utm_term,
            workspace_id=workspace_id,
        )

        return workspace_stats
