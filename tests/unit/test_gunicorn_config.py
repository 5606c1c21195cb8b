"""gunicorn's worker count follows where the stores are configured: environment or .env."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

STORE_VARS = ("MONGO_URI", "MONGO_URI_FILE", "REDIS_URL", "REDIS_URL_FILE")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    # Importing the config creates these directories unless they are set: keep them in tmp_path
    # and out of this test process's environment afterwards.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    monkeypatch.setenv("FLAMINGO_RUNTIME_DIR", str(tmp_path / "run"))
    for name in STORE_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return importlib.import_module("flamingo.gunicorn_config")


def test_no_stores_means_embedded(config: ModuleType) -> None:
    assert config.embedded_stores() is True


def test_one_store_only_is_still_embedded(
    config: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONGO_URI", "mongodb://db:27017/")
    assert config.embedded_stores() is True


def test_environment_and_files_count(config: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONGO_URI", "mongodb://db:27017/")
    monkeypatch.setenv("REDIS_URL_FILE", "/run/secrets/redis-url")
    assert config.embedded_stores() is False


def test_dotenv_counts_like_the_settings_loader(config: ModuleType, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "MONGO_URI=mongodb://db:27017/\nREDIS_URL=redis://cache:6379/0\n"
    )
    assert config.embedded_stores() is False
