from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OidcProvider")


@_attrs_define
class OidcProvider:
    """
    Attributes:
        login_url (str): Where the button navigates.
        name (str): `OIDC_PROVIDER_NAME`, e.g. Google.
    """

    login_url: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        login_url = self.login_url

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "login_url": login_url,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        login_url = d.pop("login_url")

        name = d.pop("name")

        oidc_provider = cls(
            login_url=login_url,
            name=name,
        )

        return oidc_provider
