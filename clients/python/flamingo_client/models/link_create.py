from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.redirect_status import RedirectStatus, check_redirect_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule import Rule
    from ..models.variant import Variant


T = TypeVar("T", bound="LinkCreate")


@_attrs_define
class LinkCreate:
    """
    Attributes:
        target (str): An http(s) URL; checked by the URL safety policy.
        alias (None | str | Unset): A custom code (case-sensitive); reserved names are refused.
        domain (None | str | Unset): The host of a branded domain (`/api/v1/admin/domains`); default the default domain.
        expired_redirect (None | str | Unset): Where an expired, disabled or over-cap link sends visitors instead of
            410.
        expires_at (datetime.datetime | None | Unset): From then on the link answers 410. Must be in the future.
        forward_query (bool | Unset): Append the visitor's query string to the chosen target. Default: False.
        max_clicks (int | None | Unset): After this many clicks the link answers 410.
        password (None | str | Unset): Visitors must enter it on the unlock page. Stored hashed.
        redirect_status (RedirectStatus | Unset):
        rules (list[Rule] | Unset): Ordered; the first rule whose every condition holds decides the target.
        tags (list[str] | Unset):
        title (None | str | Unset):
        valid_from (datetime.datetime | None | Unset): Before this instant the link answers 404 as if it did not exist.
        variants (list[Variant] | None | Unset): A weighted split, sticky per visitor (IP + User-Agent).
        workspace_id (None | str | Unset): The workspace of the link (role `member` or above there); default — the
            caller's personal workspace, or a token's own.
    """

    target: str
    alias: None | str | Unset = UNSET
    domain: None | str | Unset = UNSET
    expired_redirect: None | str | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    forward_query: bool | Unset = False
    max_clicks: int | None | Unset = UNSET
    password: None | str | Unset = UNSET
    redirect_status: RedirectStatus | Unset = UNSET
    rules: list[Rule] | Unset = UNSET
    tags: list[str] | Unset = UNSET
    title: None | str | Unset = UNSET
    valid_from: datetime.datetime | None | Unset = UNSET
    variants: list[Variant] | None | Unset = UNSET
    workspace_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        alias: None | str | Unset
        if isinstance(self.alias, Unset):
            alias = UNSET
        else:
            alias = self.alias

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        expired_redirect: None | str | Unset
        if isinstance(self.expired_redirect, Unset):
            expired_redirect = UNSET
        else:
            expired_redirect = self.expired_redirect

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        forward_query = self.forward_query

        max_clicks: int | None | Unset
        if isinstance(self.max_clicks, Unset):
            max_clicks = UNSET
        else:
            max_clicks = self.max_clicks

        password: None | str | Unset
        if isinstance(self.password, Unset):
            password = UNSET
        else:
            password = self.password

        redirect_status: int | Unset = UNSET
        if not isinstance(self.redirect_status, Unset):
            redirect_status = self.redirect_status

        rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = []
            for rules_item_data in self.rules:
                rules_item = rules_item_data.to_dict()
                rules.append(rules_item)

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        variants: list[dict[str, Any]] | None | Unset
        if isinstance(self.variants, Unset):
            variants = UNSET
        elif isinstance(self.variants, list):
            variants = []
            for variants_type_0_item_data in self.variants:
                variants_type_0_item = variants_type_0_item_data.to_dict()
                variants.append(variants_type_0_item)

        else:
            variants = self.variants

        workspace_id: None | str | Unset
        if isinstance(self.workspace_id, Unset):
            workspace_id = UNSET
        else:
            workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target": target,
            }
        )
        if alias is not UNSET:
            field_dict["alias"] = alias
        if domain is not UNSET:
            field_dict["domain"] = domain
        if expired_redirect is not UNSET:
            field_dict["expired_redirect"] = expired_redirect
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if forward_query is not UNSET:
            field_dict["forward_query"] = forward_query
        if max_clicks is not UNSET:
            field_dict["max_clicks"] = max_clicks
        if password is not UNSET:
            field_dict["password"] = password
        if redirect_status is not UNSET:
            field_dict["redirect_status"] = redirect_status
        if rules is not UNSET:
            field_dict["rules"] = rules
        if tags is not UNSET:
            field_dict["tags"] = tags
        if title is not UNSET:
            field_dict["title"] = title
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if variants is not UNSET:
            field_dict["variants"] = variants
        if workspace_id is not UNSET:
            field_dict["workspace_id"] = workspace_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rule import Rule
        from ..models.variant import Variant

        d = dict(src_dict)
        target = d.pop("target")

        def _parse_alias(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alias = _parse_alias(d.pop("alias", UNSET))

        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))

        def _parse_expired_redirect(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expired_redirect = _parse_expired_redirect(d.pop("expired_redirect", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        forward_query = d.pop("forward_query", UNSET)

        def _parse_max_clicks(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_clicks = _parse_max_clicks(d.pop("max_clicks", UNSET))

        def _parse_password(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        password = _parse_password(d.pop("password", UNSET))

        _redirect_status = d.pop("redirect_status", UNSET)
        redirect_status: RedirectStatus | Unset
        if isinstance(_redirect_status, Unset):
            redirect_status = UNSET
        else:
            redirect_status = check_redirect_status(_redirect_status)

        _rules = d.pop("rules", UNSET)
        rules: list[Rule] | Unset = UNSET
        if _rules is not UNSET:
            rules = []
            for rules_item_data in _rules:
                rules_item = Rule.from_dict(rules_item_data)

                rules.append(rules_item)

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_valid_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        def _parse_variants(data: object) -> list[Variant] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                variants_type_0 = []
                _variants_type_0 = data
                for variants_type_0_item_data in _variants_type_0:
                    variants_type_0_item = Variant.from_dict(variants_type_0_item_data)

                    variants_type_0.append(variants_type_0_item)

                return variants_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Variant] | None | Unset, data)

        variants = _parse_variants(d.pop("variants", UNSET))

        def _parse_workspace_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        workspace_id = _parse_workspace_id(d.pop("workspace_id", UNSET))

        link_create = cls(
            target=target,
            alias=alias,
            domain=domain,
            expired_redirect=expired_redirect,
            expires_at=expires_at,
            forward_query=forward_query,
            max_clicks=max_clicks,
            password=password,
            redirect_status=redirect_status,
            rules=rules,
            tags=tags,
            title=title,
            valid_from=valid_from,
            variants=variants,
            workspace_id=workspace_id,
        )

        return link_create
