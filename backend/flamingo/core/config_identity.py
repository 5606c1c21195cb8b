"""Settings of identity: single sign-on, invitations, email verification, the SMTP server that
mails them, and the embedded mode's first admin. A part of :class:`flamingo.core.config.Settings`
(its parent class), kept apart so that each file stays readable.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator


class IdentitySettings(BaseModel):
    # Single sign-on with OIDC (docs/security.md "Single sign-on").
    oidc_issuer: str | None = Field(
        None,
        description="OIDC issuer URL (discovery at `<issuer>/.well-known/openid-configuration`); "
        "unset = no single sign-on. Google: `https://accounts.google.com`.",
    )
    oidc_client_id: str | None = Field(None, description="OIDC client id at the provider.")
    oidc_client_secret: SecretStr | None = Field(
        None, description="OIDC client secret (use `sm://` or `OIDC_CLIENT_SECRET_FILE`)."
    )
    oidc_allowed_domains: str = Field(
        "",
        description="Comma-separated email domains that may sign in with OIDC (exact match), "
        "or `*` for any; required with `OIDC_ISSUER`.",
    )
    oidc_provider_name: str = Field(
        "Google", max_length=40, description="Provider name on the SPA's sign-in button."
    )
    oidc_scopes: str = Field("openid email profile", description="Scopes asked of the provider.")
    oidc_redirect_url: str | None = Field(
        None,
        description="Callback URL registered at the provider; default "
        "`PUBLIC_BASE_URL` + `/api/v1/auth/oidc/callback`.",
    )
    oidc_flow_seconds: int = Field(
        600, ge=30, le=3600, description="How long a started OIDC sign-in may take (s)."
    )
    password_login: bool = Field(
        True,
        description="Password login and signup; `false` = single sign-on only (needs OIDC).",
    )
    invitation_ttl_hours: int = Field(72, ge=1, le=2160, description="Invitations expire (h).")
    smtp_host: str | None = Field(
        None,
        description="SMTP server mailing invitations and verification links (unset: off; "
        "verification links are logged instead).",
    )
    smtp_port: int = Field(587, ge=1, le=65535, description="SMTP server port.")
    smtp_username: str | None = Field(None, description="SMTP user (unset: no SMTP AUTH).")
    smtp_password: SecretStr | None = Field(None, description="SMTP password (`sm://` allowed).")
    smtp_from: str = Field(
        "flamingo@localhost", description="Sender of invitation and verification mails."
    )
    smtp_starttls: bool = Field(True, description="STARTTLS before sending (`false`: loopback).")

    email_verification_ttl_hours: int = Field(
        48, ge=1, le=720, description="Email verification links expire (h)."
    )
    admin_email: str | None = Field(
        None,
        description="Embedded stores only (`make run`): create this admin at start (with "
        "`ADMIN_PASSWORD` or `ADMIN_PASSWORD_FILE`).",
    )
    admin_password: SecretStr | None = Field(
        None, description="Password of `ADMIN_EMAIL` (prefer `ADMIN_PASSWORD_FILE`)."
    )

    @field_validator("oidc_issuer", "oidc_redirect_url")
    @classmethod
    def _oidc_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// (or http:// for a provider on loopback)")
        return value.rstrip("/") if value is not None else None

    @field_validator("oidc_allowed_domains")
    @classmethod
    def _domains(cls, value: str) -> str:
        domains = [d.strip().lower() for d in value.split(",") if d.strip()]
        if "*" in domains and len(domains) > 1:
            raise ValueError("either `*` or a list of domains, not both")
        return ",".join(domains)

    @model_validator(mode="after")
    def _oidc_complete(self) -> IdentitySettings:
        parts = {
            "OIDC_ISSUER": self.oidc_issuer,
            "OIDC_CLIENT_ID": self.oidc_client_id,
            "OIDC_CLIENT_SECRET": self.oidc_client_secret,
            "OIDC_ALLOWED_DOMAINS": self.oidc_allowed_domains or None,
        }
        given = [name for name, value in parts.items() if value is not None]
        if given and len(given) < len(parts):
            lacking = next(name for name, value in parts.items() if value is None)
            raise ValueError(f"{lacking}: required when {given[0]} is set")
        if not self.password_login and not given:
            raise ValueError("PASSWORD_LOGIN: false needs OIDC_ISSUER (else nobody can sign in)")
        return self

    @property
    def oidc_enabled(self) -> bool:
        return self.oidc_issuer is not None

    @property
    def oidc_domains(self) -> frozenset[str]:
        """Allowed email domains; ``{"*"}`` means any."""
        return frozenset(d for d in self.oidc_allowed_domains.split(",") if d)

    @model_validator(mode="after")
    def _admin_pair(self) -> IdentitySettings:
        if (self.admin_email is None) != (self.admin_password is None):
            given, lacking = (
                ("ADMIN_EMAIL", "ADMIN_PASSWORD")
                if self.admin_password is None
                else ("ADMIN_PASSWORD", "ADMIN_EMAIL")
            )
            raise ValueError(f"{lacking}: required when {given} is set")
        return self
