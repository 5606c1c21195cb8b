from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.user_role import UserRole, check_user_role

T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """A user as every API answer shows them (never the hash).

    Attributes:
        created_at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        email (str): Normalised (trimmed, lower-case).
        email_verified (bool): Whether the owner of `email` proved it (the link of `POST /api/v1/auth/verify-email`, or
            single sign-on with the provider's `email_verified`); needed to accept a workspace invitation. Default: False.
        id (str):
        role (UserRole):  Default: 'user'.
    """

    created_at: datetime.datetime
    email: str
    id: str
    email_verified: bool = False
    role: UserRole = "user"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        email_verified = self.email_verified

        id = self.id

        role: str = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "email": email,
                "email_verified": email_verified,
                "id": id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        email_verified = d.pop("email_verified")

        id = d.pop("id")

        role = check_user_role(d.pop("role"))

        user = cls(
            created_at=created_at,
            email=email,
            email_verified=email_verified,
            id=id,
            role=role,
        )

        user.additional_properties = d
        return user

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
