"""The one typed settings object, read from the environment (12-factor), made of one section per
concern (:mod:`flamingo.core.config_sections`, :mod:`flamingo.core.config_identity`).

Every field's environment name is its upper-cased field name, whatever its section. A value may
also come from ``NAME_FILE`` (a mounted file), from a local ``.env`` file, or be a Secret Manager
reference ``sm://projects/P/secrets/NAME/versions/V``; references are resolved once, here, at
start-up. Code is handed the section it needs (``settings.stores`` to the stores,
``settings.clicks`` to the click worker…), not the whole object.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, cast

from dotenv import dotenv_values
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from flamingo.core.config_identity import AdminSettings, MailSettings, OidcSettings
from flamingo.core.config_sections import (
    ClickSettings,
    Environment,
    LinkSettings,
    RateLimitSettings,
    SecuritySettings,
    ServerSettings,
    StoreSettings,
)
from flamingo.core.secrets import SecretError, SecretResolver, is_reference, read_secret_file
from flamingo.core.served import served_origin

__all__ = ["ConfigError", "Environment", "Settings", "env_name", "load_settings", "setting_fields"]


class ConfigError(Exception):
    """A setting that is missing or invalid. ``str()`` is the one line printed at start-up."""

    def __init__(self, setting: str, reason: str) -> None:
        super().__init__(f"configuration error: {setting}: {reason}")
        self.setting = setting
        self.reason = reason


class Settings(BaseModel):
    """Every setting, by concern. Rules across sections are checked here."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    server: ServerSettings
    stores: StoreSettings
    links: LinkSettings
    security: SecuritySettings
    limits: RateLimitSettings
    clicks: ClickSettings
    oidc: OidcSettings
    mail: MailSettings
    admin: AdminSettings

    @model_validator(mode="after")
    def _someone_can_sign_in(self) -> Settings:
        if not self.security.password_login and not self.oidc.oidc_enabled:
            raise ValueError("PASSWORD_LOGIN: false needs OIDC_ISSUER (else nobody can sign in)")
        return self

    @model_validator(mode="after")
    def _admin_embedded_only(self) -> Settings:
        # A password in the environment that resets a real admin at every start is a trap.
        if self.admin.admin_email is not None and self.stores.mongo_uri is not None:
            raise ValueError(
                "ADMIN_EMAIL: only for the embedded store (`make run`); with MONGO_URI use "
                "`flamingo create-admin`"
            )
        return self

    @property
    def is_development(self) -> bool:
        return self.server.is_development

    @property
    def oidc_callback_url(self) -> str:
        return self.oidc.callback_url(self.server.public_base_url)

    # --- read by modules other issue-20 work is rewriting (links/models.py, links/service.py):
    # to go once they take their section -------------------------------------------------------

    @property
    def public_base_url(self) -> str:
        return self.server.public_base_url

    @property
    def code_length(self) -> int:
        return self.links.code_length


def setting_fields() -> Iterator[tuple[str, str, FieldInfo]]:
    """Every setting: ``(section, field, info)``, in the order of the sections."""
    for section, info in Settings.model_fields.items():
        model = cast("type[BaseModel]", info.annotation)  # every field of Settings is a section
        for field, field_info in model.model_fields.items():
            yield section, field, field_info


def env_name(field: str) -> str:
    return field.upper()


def _raw_values(
    environ: Mapping[str, str], dotenv: Mapping[str, str | None], resolver: SecretResolver
) -> dict[str, dict[str, Any]]:
    raw: dict[str, dict[str, Any]] = {section: {} for section in Settings.model_fields}
    for section, field, _ in setting_fields():
        name = env_name(field)
        value = environ.get(name)
        file_path = environ.get(f"{name}_FILE") or dotenv.get(f"{name}_FILE")
        if value is None:
            value = dotenv.get(name)
        try:
            if value is None and file_path:
                value = read_secret_file(file_path)
            if value is not None and is_reference(value):
                value = resolver.resolve(value)
        except SecretError as exc:
            raise ConfigError(name, str(exc)) from None
        if value is not None and value != "":
            raw[section][field] = value
    return raw


def _config_error(errors: list[ErrorDetails]) -> ConfigError:
    """The one line for the first problem: a field's own before a rule across fields (which is
    only checked once the fields it reads are valid, as it was before the sections)."""
    error = next((e for e in errors if len(e["loc"]) > 1), errors[0])
    message = str(error["msg"])
    if len(error["loc"]) <= 1:  # a rule across settings names its setting first ("NAME: reason")
        message = message.removeprefix("Value error, ")
        name, _, reason = message.partition(": ")
        return ConfigError(name, reason)
    # Only the message, never the input: the input may be a secret.
    return ConfigError(env_name(str(error["loc"][1])), message)


def load_settings(
    environ: Mapping[str, str] | None = None,
    env_file: str | os.PathLike[str] | None = ".env",
    resolver: SecretResolver | None = None,
) -> Settings:
    """Read, resolve and validate every setting; raise :class:`ConfigError` on the first bad one."""
    environ = os.environ if environ is None else environ
    dotenv: dict[str, str | None] = {}
    if env_file is not None and Path(env_file).is_file():
        dotenv = dotenv_values(env_file)
    raw = _raw_values(environ, dotenv, resolver or SecretResolver())
    if "public_base_url" not in raw["server"]:
        try:
            raw["server"]["public_base_url"] = served_origin(environ)
        except ValueError as exc:
            name, _, reason = str(exc).partition(": ")
            raise ConfigError(name, reason) from None
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise _config_error(exc.errors()) from None
    server = settings.server
    if not server.is_development and server.secret_key is None:
        raise ConfigError("SECRET_KEY", f"required when FLAMINGO_ENV={server.flamingo_env.value}")
    return settings
