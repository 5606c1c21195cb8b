from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VerificationSent")


@_attrs_define
class VerificationSent:
    """
    Attributes:
        email (str):
        mailed (bool):
    """

    email: str
    mailed: bool

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        mailed = self.mailed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "mailed": mailed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        mailed = d.pop("mailed")

        verification_sent = cls(
            email=email,
            mailed=mailed,
        )

        return verification_sent
