from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="WebhookClick")


@_attrs_define
class WebhookClick:
    """
    Attributes:
        bot (bool):
        browser (str):
        clicked_at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        code (str):
        country (None | str): From the load balancer's geo header, if any.
        device (str):
        link_id (str):
        os (str):
        referrer (None | str): The referring host, if any.
        workspace_id (str):
    """

    bot: bool
    browser: str
    clicked_at: datetime.datetime
    code: str
    country: None | str
    device: str
    link_id: str
    os: str
    referrer: None | str
    workspace_id: str

    def to_dict(self) -> dict[str, Any]:
        bot = self.bot

        browser = self.browser

        clicked_at = self.clicked_at.isoformat()

        code = self.code

        country: None | str
        country = self.country

        device = self.device

        link_id = self.link_id

        os = self.os

        referrer: None | str
        referrer = self.referrer

        workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bot": bot,
                "browser": browser,
                "clicked_at": clicked_at,
                "code": code,
                "country": country,
                "device": device,
                "link_id": link_id,
                "os": os,
                "referrer": referrer,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bot = d.pop("bot")

        browser = d.pop("browser")

        clicked_at = datetime.datetime.fromisoformat(d.pop("clicked_at"))

        code = d.pop("code")

        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(d.pop("country"))

        device = d.pop("device")

        link_id = d.pop("link_id")

        os = d.pop("os")

        def _parse_referrer(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        referrer = _parse_referrer(d.pop("referrer"))

        workspace_id = d.pop("workspace_id")

        webhook_click = cls(
            bot=bot,
            browser=browser,
            clicked_at=clicked_at,
            code=code,
            country=country,
            device=device,
            link_id=link_id,
            os=os,
            referrer=referrer,
            workspace_id=workspace_id,
        )

        return webhook_click
