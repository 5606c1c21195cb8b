from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BlockedDomainCreate")


@_attrs_define
class BlockedDomainCreate:
    """
    Attributes:
        domain (str): A bare domain (IDN allowed; stored as punycode). Subdomains are blocked too.
        reason (str | Unset):  Default: ''.
    """

    domain: str
    reason: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "domain": domain,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        domain = d.pop("domain")

        reason = d.pop("reason", UNSET)

        blocked_domain_create = cls(
            domain=domain,
            reason=reason,
        )

        return blocked_domain_create
