from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UnlockBody")


@_attrs_define
class UnlockBody:
    """
    Attributes:
        password (str):
        visit (None | str | Unset):
    """

    password: str
    visit: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        password = self.password

        visit: None | str | Unset
        if isinstance(self.visit, Unset):
            visit = UNSET
        else:
            visit = self.visit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "password": password,
            }
        )
        if visit is not UNSET:
            field_dict["visit"] = visit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        password = d.pop("password")

        def _parse_visit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        visit = _parse_visit(d.pop("visit", UNSET))

        unlock_body = cls(
            password=password,
            visit=visit,
        )

        return unlock_body
