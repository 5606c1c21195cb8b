from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Domain")


@_attrs_define
class Domain:
    """A domain as administrators see it.

    Attributes:
        created_at (datetime.datetime | None):
        default (bool): The host of PUBLIC_BASE_URL; always exists.
        expired_redirect (None | str): Where an expired, disabled or over-cap link goes.
        host (str):
        not_found_redirect (None | str): Where an unknown code goes.
        root_redirect (None | str): Where `GET /` goes.
        updated_at (datetime.datetime | None):
    """

    created_at: datetime.datetime | None
    default: bool
    expired_redirect: None | str
    host: str
    not_found_redirect: None | str
    root_redirect: None | str
    updated_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        default = self.default

        expired_redirect: None | str
        expired_redirect = self.expired_redirect

        host = self.host

        not_found_redirect: None | str
        not_found_redirect = self.not_found_redirect

        root_redirect: None | str
        root_redirect = self.root_redirect

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "default": default,
                "expired_redirect": expired_redirect,
                "host": host,
                "not_found_redirect": not_found_redirect,
                "root_redirect": root_redirect,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))

        default = d.pop("default")

        def _parse_expired_redirect(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        expired_redirect = _parse_expired_redirect(d.pop("expired_redirect"))

        host = d.pop("host")

        def _parse_not_found_redirect(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        not_found_redirect = _parse_not_found_redirect(d.pop("not_found_redirect"))

        def _parse_root_redirect(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        root_redirect = _parse_root_redirect(d.pop("root_redirect"))

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))

        domain = cls(
            created_at=created_at,
            default=default,
            expired_redirect=expired_redirect,
            host=host,
            not_found_redirect=not_found_redirect,
            root_redirect=root_redirect,
            updated_at=updated_at,
        )

        domain.additional_properties = d
        return domain

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
