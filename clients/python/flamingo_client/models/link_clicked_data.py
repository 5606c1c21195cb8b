from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.webhook_click import WebhookClick


T = TypeVar("T", bound="LinkClickedData")


@_attrs_define
class LinkClickedData:
    """
    Attributes:
        clicks (list[WebhookClick]): Clicks are batched: one delivery carries up to 100 of one workspace's clicks, so a
            hot link cannot flood a receiver. No IP, no visitor hash.
    """

    clicks: list[WebhookClick]

    def to_dict(self) -> dict[str, Any]:
        clicks = []
        for clicks_item_data in self.clicks:
            clicks_item = clicks_item_data.to_dict()
            clicks.append(clicks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "clicks": clicks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webhook_click import WebhookClick

        d = dict(src_dict)
        clicks = []
        _clicks = d.pop("clicks")
        for clicks_item_data in _clicks:
            clicks_item = WebhookClick.from_dict(clicks_item_data)

            clicks.append(clicks_item)

        link_clicked_data = cls(
            clicks=clicks,
        )

        return link_clicked_data
