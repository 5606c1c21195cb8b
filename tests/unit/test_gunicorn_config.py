"""gunicorn's worker count follows where the stores are configured: environment or .env."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from gunicorn.config import Config
from gunicorn.workers.gthread import ThreadWorker
from gunicorn.workers.sync import SyncWorker

from flamingo.http.gunicornworkers import ProblemSyncWorker, ProblemThreadWorker

STORE_VARS = ("MONGO_URI", "MONGO_URI_FILE", "REDIS_URL", "REDIS_URL_FILE")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    # Importing the config creates these directories unless they are set: keep them in tmp_path
    # and out of this test process's environment afterwards.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    monkeypatch.setenv("FLAMINGO_RUNTIME_DIR", str(tmp_path / "run"))
    for name in STORE_VARS:
        monkeypatch.delenv(name, raising=False)
    # Importing it also writes LIVE_MAX_CONNECTIONS: keep that out of this process afterwards.
    monkeypatch.setenv("LIVE_MAX_CONNECTIONS", "0")
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


def test_live_feeds_default_to_none_with_real_stores_and_a_few_embedded(
    config: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LIVE_MAX_CONNECTIONS")
    assert config.live_connections(embedded=False) == 0
    assert config.live_connections(embedded=True) == config.EMBEDDED_LIVE_CONNECTIONS > 0


def test_live_feeds_follow_the_environment_then_dotenv(
    config: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("LIVE_MAX_CONNECTIONS")
    (tmp_path / ".env").write_text("LIVE_MAX_CONNECTIONS=7\n")
    assert config.live_connections(embedded=False) == 7
    monkeypatch.setenv("LIVE_MAX_CONNECTIONS", "200")
    assert config.live_connections(embedded=True) == 200


@pytest.fixture
def read_with_real_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., ModuleType]:
    """The config as gunicorn reads it (a fresh import) with both stores configured and the
    given environment on top."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    monkeypatch.setenv("FLAMINGO_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.setenv("MONGO_URI", "mongodb://db:27017/")
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/0")
    monkeypatch.chdir(tmp_path)

    def read(**env: str) -> ModuleType:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(importlib.import_module("flamingo.gunicorn_config"))

    return read


def test_a_process_that_holds_feeds_gets_a_thread_for_each(
    read_with_real_stores: Callable[..., ModuleType],
) -> None:
    """threads = GUNICORN_THREADS + LIVE_MAX_CONNECTIONS, so feeds can never take the threads
    that serve redirects (threads > 1 = gthread)."""
    threads = {
        live: read_with_real_stores(GUNICORN_THREADS="2", LIVE_MAX_CONNECTIONS=live).threads
        for live in ("0", "40")
    }
    assert threads == {"0": 2, "40": 42}


def test_the_worker_class_is_ours_sync_or_threaded_as_gunicorn_would_pick(
    read_with_real_stores: Callable[..., ModuleType],
) -> None:
    """One thread: the sync worker; more: the gthread one. Both answer the requests gunicorn
    refuses as problems (flamingo.http.gunicornworkers); gunicorn loads the class we name."""
    loaded = {}
    for live in ("0", "3"):
        module = read_with_real_stores(GUNICORN_THREADS="1", LIVE_MAX_CONNECTIONS=live)
        cfg = Config()
        cfg.set("worker_class", module.worker_class)
        cfg.set("threads", module.threads)
        loaded[live] = cfg.worker_class
    assert loaded == {"0": ProblemSyncWorker, "3": ProblemThreadWorker}
    assert issubclass(ProblemSyncWorker, SyncWorker)
    assert issubclass(ProblemThreadWorker, ThreadWorker)
