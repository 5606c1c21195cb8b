from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Visit")


@_attrs_define
class Visit:
    """One click as the visit log shows it.

    Attributes:
        at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        bot (bool):
        browser (str):
        code (str):
        country (str): ISO 3166-1 alpha-2; "" unknown.
        device (str):
        domain (None | str):
        id (str): The event's id (the position a cursor points after).
        language (str): Primary tag of `Accept-Language`'s first entry.
        os (str):
        referrer (str): The referring host; "" none.
        region (None | str): When the load balancer sends one.
        rule (int | None): The redirect rule that matched (index).
        utm_campaign (None | str):
        utm_content (None | str):
        utm_medium (None | str):
        utm_source (None | str):
        utm_term (None | str):
        variant (int | None): The variant chosen (index).
        visitor (str): A pseudonymous key of the visitor for that UTC day only (a keyed hash of IP and User-Agent under
            a salt that rotates daily); never the IP.
    """

    at: datetime.datetime
    bot: bool
    browser: str
    code: str
    country: str
    device: str
    domain: None | str
    id: str
    language: str
    os: str
    referrer: str
    region: None | str
    rule: int | None
    utm_campaign: None | str
    utm_content: None | str
    utm_medium: None | str
    utm_source: None | str
    utm_term: None | str
    variant: int | None
    visitor: str

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        bot = self.bot

        browser = self.browser

        code = self.code

        country = self.country

        device = self.device

        domain: None | str
        domain = self.domain

        id = self.id

        language = self.language

        os = self.os

        referrer = self.referrer

        region: None | str
        region = self.region

        rule: int | None
        rule = self.rule

        utm_campaign: None | str
        utm_campaign = self.utm_campaign

        utm_content: None | str
        utm_content = self.utm_content

        utm_medium: None | str
        utm_medium = self.utm_medium

        utm_source: None | str
        utm_source = self.utm_source

        utm_term: None | str
        utm_term = self.utm_term

        variant: int | None
        variant = self.variant

        visitor = self.visitor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "at": at,
                "bot": bot,
                "browser": browser,
                "code": code,
                "country": country,
                "device": device,
                "domain": domain,
                "id": id,
                "language": language,
                "os": os,
                "referrer": referrer,
                "region": region,
                "rule": rule,
                "utm_campaign": utm_campaign,
                "utm_content": utm_content,
                "utm_medium": utm_medium,
                "utm_source": utm_source,
                "utm_term": utm_term,
                "variant": variant,
                "visitor": visitor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        bot = d.pop("bot")

        browser = d.pop("browser")

        code = d.pop("code")

        country = d.pop("country")

        device = d.pop("device")

        def _parse_domain(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        domain = _parse_domain(d.pop("domain"))

        id = d.pop("id")

        language = d.pop("language")

        os = d.pop("os")

        referrer = d.pop("referrer")

        def _parse_region(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        region = _parse_region(d.pop("region"))

        def _parse_rule(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rule = _parse_rule(d.pop("rule"))

        def _parse_utm_campaign(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        utm_campaign = _parse_utm_campaign(d.pop("utm_campaign"))

        def _parse_utm_content(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        utm_content = _parse_utm_content(d.pop("utm_content"))

        def _parse_utm_medium(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        utm_medium = _parse_utm_medium(d.pop("utm_medium"))

        def _parse_utm_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        utm_source = _parse_utm_source(d.pop("utm_source"))

        def _parse_utm_term(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        utm_term = _parse_utm_term(d.pop("utm_term"))

        def _parse_variant(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        variant = _parse_variant(d.pop("variant"))

        visitor = d.pop("visitor")

        visit = cls(
            at=at,
            bot=bot,
            browser=browser,
            code=code,
            country=country,
            device=device,
            domain=domain,
            id=id,
            language=language,
            os=os,
            referrer=referrer,
            region=region,
            rule=rule,
            utm_campaign=utm_campaign,
            utm_content=utm_content,
            utm_medium=utm_medium,
            utm_source=utm_source,
            utm_term=utm_term,
            variant=variant,
            visitor=visitor,
        )

        return visit
