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


T = TypeVar("T", bound="LinkPatch")


@_attrs_define
class LinkPatch:
    """Only the fields sent change; ``null`` clears title, expiry, max_clicks and password.

    A new ``alias`` moves the link to that code: the old short URL answers 404 from then on.

        Attributes:
            alias (None | str | Unset): Move the link to this code; the old short URL answers 404 from then on.
            disabled (bool | None | Unset): Owners may disable; only an admin re-enables a link an admin disabled.
            expired_redirect (None | str | Unset):
            expires_at (datetime.datetime | None | Unset):
            forward_query (bool | None | Unset):
            max_clicks (int | None | Unset):
            password (None | str | Unset):
            redirect_status (None | RedirectStatus | Unset):
            rules (list[Rule] | None | Unset): Replaces every rule; `null` or `[]` removes them.
            tags (list[str] | None | Unset):
            target (None | str | Unset):
            title (None | str | Unset):
            valid_from (datetime.datetime | None | Unset):
            variants (list[Variant] | None | Unset): Replaces the split; `null` removes it.
    """

    alias: None | str | Unset = UNSET
    disabled: bool | None | Unset = UNSET
    expired_redirect: None | str | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    forward_query: bool | None | Unset = UNSET
    max_clicks: int | None | Unset = UNSET
    password: None | str | Unset = UNSET
    redirect_status: None | RedirectStatus | Unset = UNSET
    rules: list[Rule] | None | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    target: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    valid_from: datetime.datetime | None | Unset = UNSET
    variants: list[Variant] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        alias: None | str | Unset
        if isinstance(self.alias, Unset):
            alias = UNSET
        else:
            alias = self.alias

        disabled: bool | None | Unset
        if isinstance(self.disabled, Unset):
            disabled = UNSET
        else:
            disabled = self.disabled

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

        forward_query: bool | None | Unset
        if isinstance(self.forward_query, Unset):
            forward_query = UNSET
        else:
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

        redirect_status: int | None | Unset
        if isinstance(self.redirect_status, Unset):
            redirect_status = UNSET
        elif isinstance(self.redirect_status, int):
            redirect_status = self.redirect_status
        else:
            redirect_status = self.redirect_status

        rules: list[dict[str, Any]] | None | Unset
        if isinstance(self.rules, Unset):
            rules = UNSET
        elif isinstance(self.rules, list):
            rules = []
            for rules_type_0_item_data in self.rules:
                rules_type_0_item = rules_type_0_item_data.to_dict()
                rules.append(rules_type_0_item)

        else:
            rules = self.rules

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        target: None | str | Unset
        if isinstance(self.target, Unset):
            target = UNSET
        else:
            target = self.target

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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if alias is not UNSET:
            field_dict["alias"] = alias
        if disabled is not UNSET:
            field_dict["disabled"] = disabled
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
        if target is not UNSET:
            field_dict["target"] = target
        if title is not UNSET:
            field_dict["title"] = title
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if variants is not UNSET:
            field_dict["variants"] = variants

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rule import Rule
        from ..models.variant import Variant

        d = dict(src_dict)

        def _parse_alias(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alias = _parse_alias(d.pop("alias", UNSET))

        def _parse_disabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        disabled = _parse_disabled(d.pop("disabled", UNSET))

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

        def _parse_forward_query(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        forward_query = _parse_forward_query(d.pop("forward_query", UNSET))

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

        def _parse_redirect_status(data: object) -> None | RedirectStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, int):
                    raise TypeError()
                redirect_status_type_0 = check_redirect_status(data)

                return redirect_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RedirectStatus | Unset, data)

        redirect_status = _parse_redirect_status(d.pop("redirect_status", UNSET))

        def _parse_rules(data: object) -> list[Rule] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                rules_type_0 = []
                _rules_type_0 = data
                for rules_type_0_item_data in _rules_type_0:
                    rules_type_0_item = Rule.from_dict(rules_type_0_item_data)

                    rules_type_0.append(rules_type_0_item)

                return rules_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Rule] | None | Unset, data)

        rules = _parse_rules(d.pop("rules", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_target(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

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

        link_patch = cls(
            alias=alias,
            disabled=disabled,
            expired_redirect=expired_redirect,
            expires_at=expires_at,
            forward_query=forward_query,
            max_clicks=max_clicks,
            password=password,
            redirect_status=redirect_status,
            rules=rules,
            tags=tags,
            target=target,
            title=title,
            valid_from=valid_from,
            variants=variants,
        )

        return link_patch
