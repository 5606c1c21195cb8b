from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DomainCreate")


@_attrs_define
class DomainCreate:
    """
    Attributes:
        host (str):
        expired_redirect (None | str | Unset): Where an expired, disabled or over-cap link goes.
        not_found_redirect (None | str | Unset): Where an unknown code goes.
        root_redirect (None | str | Unset): Where `GET /` goes.
    """

    host: str
    expired_redirect: None | str | Unset = UNSET
    not_found_redirect: None | str | Unset = UNSET
    root_redirect: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        host = self.host

        expired_redirect: None | str | Unset
        if isinstance(self.expired_redirect, Unset):
            expired_redirect = UNSET
        else:
            expired_redirect = self.expired_redirect

        not_found_redirect: None | str | Unset
        if isinstance(self.not_found_redirect, Unset):
            not_found_redirect = UNSET
        else:
            not_found_redirect = self.not_found_redirect

        root_redirect: None | str | Unset
        if isinstance(self.root_redirect, Unset):
            root_redirect = UNSET
        else:
            root_redirect = self.root_redirect

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "host": host,
            }
        )
        if expired_redirect is not UNSET:
            field_dict["expired_redirect"] = expired_redirect
        if not_found_redirect is not UNSET:
            field_dict["not_found_redirect"] = not_found_redirect
        if root_redirect is not UNSET:
            field_dict["root_redirect"] = root_redirect

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        host = d.pop("host")

        def _parse_expired_redirect(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expired_redirect = _parse_expired_redirect(d.pop("expired_redirect", UNSET))

        def _parse_not_found_redirect(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        not_found_redirect = _parse_not_found_redirect(d.pop("not_found_redirect", UNSET))

        def _parse_root_redirect(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        root_redirect = _parse_root_redirect(d.pop("root_redirect", UNSET))

        domain_create = cls(
            host=host,
            expired_redirect=expired_redirect,
            not_found_redirect=not_found_redirect,
            root_redirect=root_redirect,
        )

        return domain_create
