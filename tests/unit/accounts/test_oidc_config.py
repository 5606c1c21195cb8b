"""Single sign-on settings and the SSO endpoints without a provider (the flow itself runs against
a real Keycloak in tests/integration/test_oidc.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from flamingo.accounts.oidc import forget_provider_cache
from flamingo.app import create_app
from flamingo.core.config import ConfigError, load_settings
from flamingo.core.secrets import SecretResolver
from tests.conftest import make_settings, problem
from tests.support.processes import free_port


class StaticResolver(SecretResolver):
    """Secret Manager answers from a dict (no network)."""

    def __init__(self, values: dict[str, str]) -> None:
        super().__init__()
        self.values = values

    def resolve(self, reference: str) -> str:
        return self.values[reference]


OIDC = {
    "OIDC_ISSUER": "https://accounts.google.com",
    "OIDC_CLIENT_ID": "client",
    "OIDC_CLIENT_SECRET": "secret",
    "OIDC_ALLOWED_DOMAINS": "Company.example, other.example",
}


def test_oidc_settings_are_all_or_nothing() -> None:
    settings = make_settings(**OIDC)
    assert settings.oidc.oidc_enabled and settings.oidc.oidc_domains == {
        "company.example",
        "other.example",
    }
    assert settings.oidc_callback_url == "http://localhost:8080/api/v1/auth/oidc/callback"
    for missing in OIDC:
        partial = {k: v for k, v in OIDC.items() if k != missing}
        with pytest.raises(ConfigError) as error:
            make_settings(**partial)
        assert error.value.setting == missing
    with pytest.raises(ConfigError, match="OIDC_ISSUER"):
        make_settings(**{**OIDC, "OIDC_ISSUER": "accounts.google.com"})
    with pytest.raises(ConfigError, match="OIDC_ALLOWED_DOMAINS"):
        make_settings(**{**OIDC, "OIDC_ALLOWED_DOMAINS": "*, a.example"})
    assert make_settings(**{**OIDC, "OIDC_ALLOWED_DOMAINS": "*"}).oidc.oidc_domains == {"*"}


def test_password_login_off_needs_single_sign_on() -> None:
    with pytest.raises(ConfigError) as error:
        make_settings(PASSWORD_LOGIN="false")
    assert error.value.setting == "PASSWORD_LOGIN"
    assert not make_settings(PASSWORD_LOGIN="false", **OIDC).security.password_login


def test_client_secret_from_a_file_or_secret_manager(tmp_path: Path) -> None:
    secret = tmp_path / "oidc-secret"
    secret.write_text("from-a-file\n")
    rest = {k: v for k, v in OIDC.items() if k != "OIDC_CLIENT_SECRET"}
    settings = make_settings(OIDC_CLIENT_SECRET_FILE=str(secret), **rest)
    assert settings.oidc.oidc_client_secret is not None
    assert settings.oidc.oidc_client_secret.get_secret_value() == "from-a-file"
    ref = "sm://projects/p/secrets/oidc-client/versions/2"
    resolver = StaticResolver({ref: "from-secret-manager"})
    settings = load_settings(
        environ={**rest, "OIDC_CLIENT_SECRET": ref}, env_file=None, resolver=resolver
    )
    assert settings.oidc.oidc_client_secret is not None
    assert settings.oidc.oidc_client_secret.get_secret_value() == "from-secret-manager"
    assert "from-secret-manager" not in repr(settings)


def test_without_oidc_the_endpoints_say_so() -> None:
    client = create_app(make_settings(LOG_REQUESTS="false")).test_client()
    assert client.get("/api/v1/auth/providers").get_json() == {
        "password": True,
        "signup": True,
        "oidc": None,
    }
    for path in ("/api/v1/auth/oidc/login", "/api/v1/auth/oidc/callback?code=x&state=y"):
        body = problem(client.get(path))
        assert body["status"] == 404 and body["type"].endswith("/oidc-not-configured")


def test_an_unreachable_provider_sends_the_browser_back_with_an_error() -> None:
    forget_provider_cache()
    issuer = f"http://127.0.0.1:{free_port()}/realms/none"  # nothing listens there
    app = create_app(make_settings(LOG_REQUESTS="false", **{**OIDC, "OIDC_ISSUER": issuer}))
    client = app.test_client()
    providers = client.get("/api/v1/auth/providers").get_json()
    assert providers["oidc"] == {"name": "Google", "login_url": "/api/v1/auth/oidc/login"}
    answer = client.get("/api/v1/auth/oidc/login")
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert location.path == "/app/login"
    assert parse_qs(location.query) == {"sso_error": ["provider-unavailable"]}
    # A callback without a started flow is refused before any call to the provider.
    answer = client.get("/api/v1/auth/oidc/callback?code=x&state=y")
    assert parse_qs(urlsplit(answer.headers["Location"]).query)["sso_error"] == ["flow-expired"]


def test_refused_callbacks_are_rate_limited() -> None:
    forget_provider_cache()
    issuer = f"http://127.0.0.1:{free_port()}/realms/none"  # loopback only: nothing listens
    settings = {**OIDC, "OIDC_ISSUER": issuer, "RATELIMIT_LOGIN": "2/minute"}
    client = create_app(make_settings(LOG_REQUESTS="false", **settings)).test_client()
    for _ in range(2):
        assert client.get("/api/v1/auth/oidc/callback?code=x&state=y").status_code == 302
    limited = client.get("/api/v1/auth/oidc/callback?code=x&state=y")
    assert problem(limited)["status"] == 429 and "Retry-After" in limited.headers
    # Its own counter: starting a sign-in is still allowed.
    assert client.get("/api/v1/auth/oidc/login").status_code == 302
