from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EmailVerified")


@_attrs_define
class EmailVerified:
    """
    Attributes:
        email (str):
        email_verified (bool):
    """

    email: str
    email_verified: bool

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        email_verified = self.email_verified

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "email_verified": email_verified,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        email_verified = d.pop("email_verified")

        email_verified = cls(
            email=email,
            email_verified=email_verified,
        )

        return email_verified
