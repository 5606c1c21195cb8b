"""Settings of identity: single sign-on (:class:`OidcSettings`), the mails we send and how long
their links hold (:class:`MailSettings`), and the embedded mode's first admin
(:class:`AdminSettings`). Sections of :class:`flamingo.core.config.Settings`, like those of
:mod:`flamingo.core.config_sections`.
"""

from __future__ import annotations

from pydantic import Field, SecretStr, field_validator, model_validator

from flamingo.core.config_sections import Section


class OidcSettings(Section):
    """Single sign-on with OIDC (docs/security.md "Single sign-on")."""

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
    def _oidc_complete(self) -> OidcSettings:
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
        return self

    @property
    def oidc_enabled(self) -> bool:
        return self.oidc_issuer is not None

    @property
    def oidc_domains(self) -> frozenset[str]:
        """Allowed email domains; ``{"*"}`` means any."""
        return frozenset(d for d in self.oidc_allowed_domains.split(",") if d)

    def callback_url(self, public_base_url: str) -> str:
        return self.oidc_redirect_url or f"{public_base_url}/api/v1/auth/oidc/callback"


class MailSettings(Section):
    """The SMTP server, and how long the links it mails (invitations, verification) hold."""

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


class AdminSettings(Section):
    """The embedded mode's first admin (`make run`)."""

    admin_email: str | None = Field(
        None,
        description="Embedded stores only (`make run`): create this admin at start (with "
        "`ADMIN_PASSWORD` or `ADMIN_PASSWORD_FILE`).",
    )
    admin_password: SecretStr | None = Field(
        None, description="Password of `ADMIN_EMAIL` (prefer `ADMIN_PASSWORD_FILE`)."
    )

    @model_validator(mode="after")
    def _admin_pair(self) -> AdminSettings:
        if (self.admin_email is None) != (self.admin_password is None):
            given, lacking = (
                ("ADMIN_EMAIL", "ADMIN_PASSWORD")
                if self.admin_password is None
                else ("ADMIN_PASSWORD", "ADMIN_EMAIL")
            )
            raise ValueError(f"{lacking}: required when {given} is set")
        return self
