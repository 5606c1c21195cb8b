from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.link_list_item_state import LinkListItemState, check_link_list_item_state
from ..models.redirect_status import RedirectStatus, check_redirect_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.link_clicks import LinkClicks
    from ..models.link_rule import LinkRule
    from ..models.variant import Variant


T = TypeVar("T", bound="LinkListItem")


@_attrs_define
class LinkListItem:
    """A link as the lists show it, with its clicks and its state.

    Attributes:
        clicks (LinkClicks):
        clicks_imported (int): The visits its source counted before it was imported (`POST /api/v1/links/import`,
            `flamingo import --from`); 0 for links made here. The lists' `clicks.total` includes them; the daily stats do
            not (the source's days are unknown). Default: 0.
        code (str):
        created_at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        disabled (bool):  Default: False.
        disabled_by_admin (bool):  Default: False.
        domain (str): The host of the link's domain.
        expired_redirect (None | str):
        expires_at (datetime.datetime | None):
        forward_query (bool):  Default: False.
        has_password (bool):
        id (str):
        max_clicks (int | None):
        owner_id (str):
        redirect_status (RedirectStatus):
        rules (list[LinkRule]):
        short_url (str): PUBLIC_BASE_URL + '/' + code on the default domain, https://<domain>/<code> elsewhere
        state (LinkListItemState): What a visitor meets now, the most lasting reason first — `admin-disabled` (only an
            admin may enable it), `disabled` (by its owner), `scheduled` (`valid_from` is still ahead), `expired`
            (`expires_at` passed), `used-up` (`max_clicks` reached), else `active`.
        tags (list[str]):
        target (str):
        title (None | str):
        updated_at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        valid_from (datetime.datetime | None):
        variants (list[Variant]):
        workspace_id (str): The workspace it belongs to; its members' roles decide who reads and edits.
        owner_email (None | str | Unset): Only in `GET /api/v1/admin/links` — the owner's email (null once the user is
            gone).
    """

    clicks: LinkClicks
    code: str
    created_at: datetime.datetime
    domain: str
    expired_redirect: None | str
    expires_at: datetime.datetime | None
    has_password: bool
    id: str
    max_clicks: int | None
    owner_id: str
    redirect_status: RedirectStatus
    rules: list[LinkRule]
    short_url: str
    state: LinkListItemState
    tags: list[str]
    target: str
    title: None | str
    updated_at: datetime.datetime
    valid_from: datetime.datetime | None
    variants: list[Variant]
    workspace_id: str
    clicks_imported: int = 0
    disabled: bool = False
    disabled_by_admin: bool = False
    forward_query: bool = False
    owner_email: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        clicks = self.clicks.to_dict()

        clicks_imported = self.clicks_imported

        code = self.code

        created_at = self.created_at.isoformat()

        disabled = self.disabled

        disabled_by_admin = self.disabled_by_admin

        domain = self.domain

        expired_redirect: None | str
        expired_redirect = self.expired_redirect

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        forward_query = self.forward_query

        has_password = self.has_password

        id = self.id

        max_clicks: int | None
        max_clicks = self.max_clicks

        owner_id = self.owner_id

        redirect_status: int = self.redirect_status

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        short_url = self.short_url

        state: str = self.state

        tags = self.tags

        target = self.target

        title: None | str
        title = self.title

        updated_at = self.updated_at.isoformat()

        valid_from: None | str
        if isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        variants = []
        for variants_item_data in self.variants:
            variants_item = variants_item_data.to_dict()
            variants.append(variants_item)

        workspace_id = self.workspace_id

        owner_email: None | str | Unset
        if isinstance(self.owner_email, Unset):
            owner_email = UNSET
        else:
            owner_email = self.owner_email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clicks": clicks,
                "clicks_imported": clicks_imported,
                "code": code,
                "created_at": created_at,
                "disabled": disabled,
                "disabled_by_admin": disabled_by_admin,
                "domain": domain,
                "expired_redirect": expired_redirect,
                "expires_at": expires_at,
                "forward_query": forward_query,
                "has_password": has_password,
                "id": id,
                "max_clicks": max_clicks,
                "owner_id": owner_id,
                "redirect_status": redirect_status,
                "rules": rules,
                "short_url": short_url,
                "state": state,
                "tags": tags,
                "target": target,
                "title": title,
                "updated_at": updated_at,
                "valid_from": valid_from,
                "variants": variants,
                "workspace_id": workspace_id,
            }
        )
        if owner_email is not UNSET:
            field_dict["owner_email"] = owner_email

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.link_clicks import LinkClicks
        from ..models.link_rule import LinkRule
        from ..models.variant import Variant

        d = dict(src_dict)
        clicks = LinkClicks.from_dict(d.pop("clicks"))

        clicks_imported = d.pop("clicks_imported")

        code = d.pop("code")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        disabled = d.pop("disabled")

        disabled_by_admin = d.pop("disabled_by_admin")

        domain = d.pop("domain")

        def _parse_expired_redirect(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        expired_redirect = _parse_expired_redirect(d.pop("expired_redirect"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        forward_query = d.pop("forward_query")

        has_password = d.pop("has_password")

        id = d.pop("id")

        def _parse_max_clicks(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_clicks = _parse_max_clicks(d.pop("max_clicks"))

        owner_id = d.pop("owner_id")

        redirect_status = check_redirect_status(d.pop("redirect_status"))

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = LinkRule.from_dict(rules_item_data)

            rules.append(rules_item)

        short_url = d.pop("short_url")

        state = check_link_list_item_state(d.pop("state"))

        tags = cast(list[str], d.pop("tags"))

        target = d.pop("target")

        def _parse_title(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        title = _parse_title(d.pop("title"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_valid_from(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        valid_from = _parse_valid_from(d.pop("valid_from"))

        variants = []
        _variants = d.pop("variants")
        for variants_item_data in _variants:
            variants_item = Variant.from_dict(variants_item_data)

            variants.append(variants_item)

        workspace_id = d.pop("workspace_id")

        def _parse_owner_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_email = _parse_owner_email(d.pop("owner_email", UNSET))

        link_list_item = cls(
            clicks=clicks,
            clicks_imported=clicks_imported,
            code=code,
            created_at=created_at,
            disabled=disabled,
            disabled_by_admin=disabled_by_admin,
            domain=domain,
            expired_redirect=expired_redirect,
            expires_at=expires_at,
            forward_query=forward_query,
            has_password=has_password,
            id=id,
            max_clicks=max_clicks,
            owner_id=owner_id,
            redirect_status=redirect_status,
            rules=rules,
            short_url=short_url,
            state=state,
            tags=tags,
            target=target,
            title=title,
            updated_at=updated_at,
            valid_from=valid_from,
            variants=variants,
            workspace_id=workspace_id,
            owner_email=owner_email,
        )

        link_list_item.additional_properties = d
        return link_list_item

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
