from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LiveClick")


@_attrs_define
class LiveClick:
    """One click of the live feed (the `data:` of an SSE `click` event), as JSON.

    Attributes:
        bot (bool): Flagged as a bot or link-preview fetcher.
        browser (str):
        code (str): The short code that was visited.
        country (str): ISO 3166-1 alpha-2 code from the geo header, or empty.
        device (str): `desktop`, `mobile`, `tablet`, `bot` or `other`.
        id (str): The click's id in the click pipeline (the same in every feed).
        link_id (str):
        os (str):
        referrer (str): The Referer's host only, or empty.
        time (str): When the redirect happened (RFC 3339, UTC, milliseconds).
    """

    bot: bool
    browser: str
    code: str
    country: str
    device: str
    id: str
    link_id: str
    os: str
    referrer: str
    time: str

    def to_dict(self) -> dict[str, Any]:
        bot = self.bot

        browser = self.browser

        code = self.code

        country = self.country

        device = self.device

        id = self.id

        link_id = self.link_id

        os = self.os

        referrer = self.referrer

        time = self.time

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "bot": bot,
                "browser": browser,
                "code": code,
                "country": country,
                "device": device,
                "id": id,
                "link_id": link_id,
                "os": os,
                "referrer": referrer,
                "time": time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bot = d.pop("bot")

        browser = d.pop("browser")

        code = d.pop("code")

        country = d.pop("country")

        device = d.pop("device")

        id = d.pop("id")

        link_id = d.pop("link_id")

        os = d.pop("os")

        referrer = d.pop("referrer")

        time = d.pop("time")

        live_click = cls(
            bot=bot,
            browser=browser,
            code=code,
            country=country,
            device=device,
            id=id,
            link_id=link_id,
            os=os,
            referrer=referrer,
            time=time,
        )

        return live_click
