from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UnlockLinkBody")


@_attrs_define
class UnlockLinkBody:
    """
    Attributes:
        password (str):
        visit (str | Unset): The `visit` query parameter the redirect gave the unlock page (the visit's query string and
            Referer host, signed by the server), passed back unchanged, so the unlocked visit is decided and counted as that
            visit. A value the server did not sign for this link is 400 `invalid-visit`, an old one 400 `visit-expired`.
    """

    password: str
    visit: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        password = self.password

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

        visit = d.pop("visit", UNSET)

        unlock_link_body = cls(
            password=password,
            visit=visit,
        )

        return unlock_link_body
