"""Settings: defaults, files, validation errors that name the setting and never echo values."""

from __future__ import annotations

from pathlib import Path

import pytest

from flamingo.core.config import ConfigError, Environment, load_settings, setting_fields
from flamingo.core.secrets import SecretError, SecretResolver
from tests.conftest import make_settings


def test_defaults_run_embedded_in_development() -> None:
    settings = make_settings()
    assert settings.server.flamingo_env is Environment.DEVELOPMENT
    assert settings.stores.embedded_mongo and settings.stores.embedded_redis
    assert settings.server.public_base_url == "http://localhost:8080"


def test_values_are_typed_and_normalised() -> None:
    settings = make_settings(
        MONGO_POOL_SIZE="7", PUBLIC_BASE_URL="https://fl.example/", LOG_LEVEL="debug"
    )
    assert settings.stores.mongo_pool_size == 7
    assert settings.server.public_base_url == "https://fl.example"
    assert settings.server.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("environ", "setting", "reason"),
    [
        ({"MONGO_POOL_SIZE": "many"}, "MONGO_POOL_SIZE", "valid integer"),
        ({"MONGO_POOL_SIZE": "0"}, "MONGO_POOL_SIZE", "greater than 0"),
        ({"FLAMINGO_ENV": "prod"}, "FLAMINGO_ENV", "'development', 'staging' or 'production'"),
        ({"PUBLIC_BASE_URL": "fl.example"}, "PUBLIC_BASE_URL", "http:// or https://"),
        ({"READINESS_TIMEOUT_MS": "900"}, "READINESS_TIMEOUT_MS", "less than or equal to 500"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL", "one of DEBUG"),
        ({"FLAMINGO_ENV": "production"}, "SECRET_KEY", "required when FLAMINGO_ENV=production"),
        ({"LOG_REQUESTS": "perhaps"}, "LOG_REQUESTS", "valid boolean"),
        ({"MONGO_URI": "db.internal:27017"}, "MONGO_URI", "mongodb:// or mongodb+srv://"),
        ({"REDIS_URL": "cache:6379"}, "REDIS_URL", "redis://, rediss:// or unix://"),
    ],
)
def test_invalid_settings_name_the_setting(
    environ: dict[str, str], setting: str, reason: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        make_settings(**environ)
    assert caught.value.setting == setting
    assert reason in str(caught.value)
    assert str(caught.value).startswith(f"configuration error: {setting}: ")
    assert "\n" not in str(caught.value)


def test_error_never_echoes_the_value() -> None:
    with pytest.raises(ConfigError) as caught:
        make_settings(MONGO_POOL_SIZE="hunter2-secret")
    assert "hunter2" not in str(caught.value)


def test_value_from_file_strips_trailing_newline(tmp_path: Path) -> None:
    secret = tmp_path / "key"
    secret.write_text("s3cret-value\n")
    settings = make_settings(FLAMINGO_ENV="production", SECRET_KEY_FILE=str(secret))
    assert settings.server.secret_key is not None
    assert settings.server.secret_key.get_secret_value() == "s3cret-value"


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        make_settings(SECRET_KEY_FILE=str(tmp_path / "absent"))
    assert caught.value.setting == "SECRET_KEY"
    assert "cannot read file" in caught.value.reason


def test_environment_beats_dotenv_and_dotenv_is_read(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("MONGO_DB=from_dotenv\nLOG_LEVEL=WARNING\n")
    settings = load_settings(environ={"LOG_LEVEL": "ERROR"}, env_file=dotenv)
    assert settings.stores.mongo_db == "from_dotenv"
    assert settings.server.log_level == "ERROR"


class _Resolver(SecretResolver):
    def __init__(self, values: dict[str, str]) -> None:
        super().__init__()
        self.values = values
        self.calls: list[str] = []

    def resolve(self, reference: str) -> str:
        self.calls.append(reference)
        if reference not in self.values:
            raise SecretError("secret not found")
        return self.values[reference]


def test_secret_references_are_resolved_once() -> None:
    ref = "sm://projects/p/secrets/mongo/versions/3"
    resolver = _Resolver({ref: "mongodb://db.internal:27017/"})
    settings = load_settings(environ={"MONGO_URI": ref}, env_file=None, resolver=resolver)
    assert settings.stores.mongo_uri is not None
    assert settings.stores.mongo_uri.get_secret_value() == "mongodb://db.internal:27017/"
    assert resolver.calls == [ref]


def test_malformed_reference_is_refused() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={"REDIS_URL": "sm://nonsense"}, env_file=None)
    assert caught.value.setting == "REDIS_URL"
    assert "malformed Secret Manager reference" in caught.value.reason


def test_readme_configuration_table_lists_every_setting() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    for _, field, _ in setting_fields():
        assert f"`{field.upper()}`" in readme, f"README lacks {field.upper()}"


@pytest.mark.parametrize(
    ("environ", "origin"),
    [
        ({"PORT": "18480"}, "http://localhost:18480"),
        ({"PORT": "18480", "HOST": "127.0.0.1"}, "http://localhost:18480"),
        ({"PORT": "9000", "HOST": "0.0.0.0"}, "http://localhost:9000"),  # noqa: S104
        ({"PORT": "9000", "HOST": "10.1.2.3"}, "http://10.1.2.3:9000"),
        ({"PORT": "9000", "HOST": "fd00::1"}, "http://[fd00::1]:9000"),
        ({"PORT": "9000", "PUBLIC_BASE_URL": "https://fl.example"}, "https://fl.example"),
    ],
)
def test_the_default_public_origin_is_the_one_served(environ: dict[str, str], origin: str) -> None:
    assert make_settings(**environ).public_base_url == origin


def test_a_port_that_is_no_number_is_named() -> None:
    with pytest.raises(ConfigError, match=r"^configuration error: PORT: must be an integer$"):
        make_settings(PORT="http")


def test_short_urls_carry_the_served_port() -> None:
    from flamingo.app import create_app  # noqa: PLC0415
    from tests.support.links import FAST_HASH, user_headers  # noqa: PLC0415

    app = create_app(make_settings(PORT="18480", LOG_REQUESTS="false", **FAST_HASH))
    created = app.test_client().post(
        "/api/v1/links",
        json={"target": "https://example.com/a"},
        headers=user_headers(app, "port@example.com"),
    )
    assert created.status_code == 201, created.data
    link = created.get_json()
    assert link["short_url"] == f"http://localhost:18480/{link['code']}"


@pytest.mark.parametrize(
    ("environ", "setting", "reason"),
    [
        ({"ADMIN_EMAIL": "a@example.com"}, "ADMIN_PASSWORD", "required when ADMIN_EMAIL is set"),
        ({"ADMIN_PASSWORD": "long enough pw"}, "ADMIN_EMAIL", "required when ADMIN_PASSWORD"),
        (
            {
                "ADMIN_EMAIL": "a@example.com",
                "ADMIN_PASSWORD": "long enough pw",
                "MONGO_URI": "mongodb://db:27017/",
            },
            "ADMIN_EMAIL",
            "only for the embedded store",
        ),
    ],
)
def test_the_quick_start_admin_settings(environ: dict[str, str], setting: str, reason: str) -> None:
    with pytest.raises(ConfigError) as caught:
        make_settings(**environ)
    assert caught.value.setting == setting and reason in caught.value.reason


def test_a_weak_quick_start_admin_password_stops_the_start() -> None:
    from flamingo.app import create_app  # noqa: PLC0415

    with pytest.raises(ConfigError) as caught:
        create_app(make_settings(ADMIN_EMAIL="a@example.com", ADMIN_PASSWORD="short"))
    assert caught.value.setting == "ADMIN_PASSWORD" and "at least 10" in caught.value.reason
