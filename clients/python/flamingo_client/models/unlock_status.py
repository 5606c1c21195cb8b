from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UnlockStatus")


@_attrs_define
class UnlockStatus:
    """Whether there is a link to unlock at a code, and whether it wants a password.

    Attributes:
        code (str):
        protected (bool):
    """

    code: str
    protected: bool

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        protected = self.protected

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "protected": protected,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        protected = d.pop("protected")

        unlock_status = cls(
            code=code,
            protected=protected,
        )

        return unlock_status
