"""Secret Manager references resolved by the real client against a local gRPC server."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator

import grpc
import pytest
from google.cloud import secretmanager
from google.cloud.secretmanager_v1.services.secret_manager_service.transports import (
    SecretManagerServiceGrpcTransport,
)

from flamingo.core.config import ConfigError, load_settings
from flamingo.core.secrets import EMULATOR_ENV, SecretResolver
from tests.support.secret_manager import FakeSecretManager, running_secret_manager

NAME = "projects/flamingo-test/secrets/mongo-uri/versions/latest"


@pytest.fixture
def secret_manager() -> Iterator[tuple[FakeSecretManager, str]]:
    with running_secret_manager() as running:
        yield running


def _resolver(address: str) -> SecretResolver:
    transport = SecretManagerServiceGrpcTransport(channel=grpc.insecure_channel(address))
    return SecretResolver(secretmanager.SecretManagerServiceClient(transport=transport))  # type: ignore[arg-type]


def test_found_secret_becomes_the_setting(secret_manager: tuple[FakeSecretManager, str]) -> None:
    fake, address = secret_manager
    fake.secrets[NAME] = b"mongodb://atlas.internal:27017/?replicaSet=rs0\n"
    settings = load_settings(
        environ={"MONGO_URI": f"sm://{NAME}"}, env_file=None, resolver=_resolver(address)
    )
    assert settings.stores.mongo_uri is not None
    assert (
        settings.stores.mongo_uri.get_secret_value()
        == "mongodb://atlas.internal:27017/?replicaSet=rs0"
    )
    assert fake.requests == [NAME]


def test_missing_secret_names_the_setting(secret_manager: tuple[FakeSecretManager, str]) -> None:
    _, address = secret_manager
    with pytest.raises(ConfigError) as caught:
        load_settings(
            environ={"MONGO_URI": f"sm://{NAME}"}, env_file=None, resolver=_resolver(address)
        )
    assert str(caught.value) == f"configuration error: MONGO_URI: secret {NAME} not found"


def test_permission_denied_names_the_setting(secret_manager: tuple[FakeSecretManager, str]) -> None:
    fake, address = secret_manager
    fake.denied.add(NAME)
    with pytest.raises(ConfigError) as caught:
        load_settings(
            environ={"REDIS_URL": f"sm://{NAME}"}, env_file=None, resolver=_resolver(address)
        )
    assert caught.value.setting == "REDIS_URL"
    assert caught.value.reason == f"permission denied reading {NAME}"


def _start_process(address: str, extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Start the real WSGI entry point the way gunicorn does; it must die with one line."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        EMULATOR_ENV: address,
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "-c", "import flamingo.wsgi"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tempfile.mkdtemp(),
        # A hang guard, not a speed check: a loaded machine (load 20 on 2 cores) took > 10 s
        # just to import the app; performance is measured in bench/, not here.
        timeout=90,
        check=False,
    )


@pytest.mark.parametrize(
    ("denied", "expected"),
    [(False, f"secret {NAME} not found"), (True, f"permission denied reading {NAME}")],
)
def test_startup_dies_with_one_line(
    secret_manager: tuple[FakeSecretManager, str], denied: bool, expected: str
) -> None:
    fake, address = secret_manager
    if denied:
        fake.denied.add(NAME)
    result = _start_process(address, {"MONGO_URI": f"sm://{NAME}"})
    assert result.returncode == 78
    assert result.stderr.strip().splitlines() == [f"configuration error: MONGO_URI: {expected}"]


def test_startup_with_secret_found(secret_manager: tuple[FakeSecretManager, str]) -> None:
    fake, address = secret_manager
    fake.secrets[NAME] = b"a-long-random-signing-key"
    result = _start_process(address, {"SECRET_KEY": f"sm://{NAME}"})
    assert result.returncode == 0, result.stderr
    assert fake.requests == [NAME]
