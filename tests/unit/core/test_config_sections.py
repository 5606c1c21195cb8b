"""Settings by concern: one section per concern, each handed only to the code that needs it, with
the environment names and the one-line errors of before."""

from __future__ import annotations

import pytest

from flamingo.accounts.service import AccountService
from flamingo.app import create_app
from flamingo.core import context
from flamingo.core.config import ConfigError, setting_fields
from flamingo.workspaces.service import WorkspaceService
from tests.conftest import make_settings

SECTIONS = {
    "server": {
        "FLAMINGO_ENV", "PUBLIC_BASE_URL", "SECRET_KEY", "MAX_REQUEST_BYTES", "LOG_LEVEL",
        "LOG_REQUESTS", "GOOGLE_CLOUD_PROJECT", "APP_VERSION", "GIT_COMMIT", "BUILD_TIME",
        "SPA_DIR", "TRUSTED_PROXY_COUNT",
    },
    "stores": {
        "MONGO_URI", "MONGO_DB", "MONGO_POOL_SIZE", "MONGO_TIMEOUT_MS", "MONGO_SOCKET_TIMEOUT_MS",
        "REDIS_URL", "REDIS_TIMEOUT_MS", "REDIS_HEALTH_CHECK_INTERVAL", "READINESS_TIMEOUT_MS",
    },
    "links": {
        "CODE_LENGTH", "LINK_CACHE_SIZE", "LINK_CACHE_TTL_SECONDS", "LINK_NEGATIVE_TTL_SECONDS",
        "PERMANENT_REDIRECT_MAX_AGE", "ALLOW_PRIVATE_TARGETS", "TARGET_MAX_LENGTH",
        "BLOCKLIST_CACHE_SECONDS",
    },
    "security": {
        "SIGNUP_OPEN", "PASSWORD_LOGIN", "SESSION_IDLE_SECONDS", "SESSION_ABSOLUTE_SECONDS",
        "PASSWORD_MIN_LENGTH", "PASSWORD_HASH_TIME_COST", "PASSWORD_HASH_MEMORY_KIB",
        "PASSWORD_HASH_PARALLELISM",
    },
    "limits": {
        "RATELIMIT_ENABLED", "RATELIMIT_LOGIN", "RATELIMIT_LOGIN_EMAIL", "RATELIMIT_SIGNUP",
        "RATELIMIT_API", "RATELIMIT_ANONYMOUS", "RATELIMIT_UNLOCK", "RATELIMIT_VERIFY_EMAIL",
    },
    "clicks": {
        "GEO_HEADER", "CLICK_FLUSH_INTERVAL_MS", "CLICK_BUFFER_MAX", "WORKER_BATCH_SIZE",
        "WORKER_CLAIM_IDLE_MS", "WORKER_METRICS_PORT", "WORKER_STALL_SECONDS", "STATS_MAX_DAYS",
        "LIVE_MAX_CONNECTIONS", "LIVE_HEARTBEAT_SECONDS", "CLICK_EVENTS_RETENTION_DAYS",
        "REGION_HEADER",
    },
    "oidc": {
        "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ALLOWED_DOMAINS",
        "OIDC_PROVIDER_NAME", "OIDC_SCOPES", "OIDC_REDIRECT_URL", "OIDC_FLOW_SECONDS",
    },
    "mail": {
        "INVITATION_TTL_HOURS", "SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD",
        "SMTP_FROM", "SMTP_STARTTLS", "EMAIL_VERIFICATION_TTL_HOURS",
    },
    "admin": {"ADMIN_EMAIL", "ADMIN_PASSWORD"},
}  # fmt: skip


def test_each_concern_is_a_section_and_every_name_is_kept() -> None:
    """The 71 environment names of before (75 with issue 18's four), each in exactly one section."""
    found: dict[str, set[str]] = {}
    for section, field, _ in setting_fields():
        found.setdefault(section, set()).add(field.upper())
    assert found == SECTIONS
    names = [field for _, field, _ in setting_fields()]
    assert len(names) == len(set(names)) == 75


def test_a_value_lands_in_its_section() -> None:
    settings = make_settings(
        MONGO_POOL_SIZE="7", SMTP_HOST="smtp.example", WORKER_BATCH_SIZE="50", CODE_LENGTH="9"
    )
    assert settings.stores.mongo_pool_size == 7
    assert settings.mail.smtp_host == "smtp.example"
    assert settings.clicks.worker_batch_size == 50
    assert settings.links.code_length == 9


@pytest.mark.parametrize(
    ("environ", "line"),
    [
        (
            {"LOG_LEVEL": "loud"},
            "LOG_LEVEL: Value error, must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
        ),
        (
            {"REDIS_URL": "http://r"},
            "REDIS_URL: Value error, must start with redis://, rediss:// or unix://",
        ),
        ({"CODE_LENGTH": "3"}, "CODE_LENGTH: Input should be greater than or equal to 5"),
        (
            {"PASSWORD_MIN_LENGTH": "4"},
            "PASSWORD_MIN_LENGTH: Input should be greater than or equal to 8",
        ),
        (
            {"RATELIMIT_API": "lots"},
            "RATELIMIT_API: Value error, must be a rate limit such as 10/minute or 5 per hour",
        ),
        (
            {"WORKER_BATCH_SIZE": "0"},
            "WORKER_BATCH_SIZE: Input should be greater than or equal to 1",
        ),
        (
            {"OIDC_ISSUER": "https://idp.example"},
            "OIDC_CLIENT_ID: required when OIDC_ISSUER is set",
        ),
        ({"SMTP_PORT": "0"}, "SMTP_PORT: Input should be greater than or equal to 1"),
        ({"ADMIN_EMAIL": "a@b.example"}, "ADMIN_PASSWORD: required when ADMIN_EMAIL is set"),
        (
            {"PASSWORD_LOGIN": "false"},
            "PASSWORD_LOGIN: false needs OIDC_ISSUER (else nobody can sign in)",
        ),
    ],
)
def test_an_error_in_any_section_is_one_line_naming_the_setting(
    environ: dict[str, str], line: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        make_settings(**environ)
    assert str(caught.value) == f"configuration error: {line}"


def test_a_bad_value_is_named_before_a_rule_across_settings() -> None:
    """A rule over several settings is checked once they are valid: the bad value is named
    first, wherever its section sits."""
    with pytest.raises(ConfigError) as caught:
        make_settings(OIDC_ISSUER="https://idp.example", SMTP_PORT="0")
    assert caught.value.setting == "SMTP_PORT"


def test_services_hold_only_their_section() -> None:
    app = create_app(make_settings(LOG_REQUESTS="false"))
    settings = context.settings_of(app)
    assert context.service_of(app, AccountService).settings is settings.security
    assert context.service_of(app, WorkspaceService).mail is settings.mail
