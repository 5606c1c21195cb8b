from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.oidc_provider import OidcProvider


T = TypeVar("T", bound="AuthProviders")


@_attrs_define
class AuthProviders:
    """
    Attributes:
        oidc (None | OidcProvider): The single sign-on provider, or null when none is configured.
        password (bool): Password login is on (`PASSWORD_LOGIN`); off, login and signup answer 403 `password-login-
            disabled`.
        signup (bool): Password signup is open (`PASSWORD_LOGIN` and `SIGNUP_OPEN`).
    """

    oidc: None | OidcProvider
    password: bool
    signup: bool

    def to_dict(self) -> dict[str, Any]:
        from ..models.oidc_provider import OidcProvider

        oidc: dict[str, Any] | None
        if isinstance(self.oidc, OidcProvider):
            oidc = self.oidc.to_dict()
        else:
            oidc = self.oidc

        password = self.password

        signup = self.signup

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "oidc": oidc,
                "password": password,
                "signup": signup,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.oidc_provider import OidcProvider

        d = dict(src_dict)

        def _parse_oidc(data: object) -> None | OidcProvider:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                oidc_type_0 = OidcProvider.from_dict(data)

                return oidc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OidcProvider, data)

        oidc = _parse_oidc(d.pop("oidc"))

        password = d.pop("password")

        signup = d.pop("signup")

        auth_providers = cls(
            oidc=oidc,
            password=password,
            signup=signup,
        )

        return auth_providers
