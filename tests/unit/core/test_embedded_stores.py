"""The embedded in-memory stores are test doubles from the optional extra flamingo[embedded]: used
when MONGO_URI / REDIS_URL are unset, and when they are not installed, that is one configuration
error line naming the setting (the production image has neither: tests/containers checks that)."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from flamingo.core.config import ConfigError
from flamingo.core.stores import check_embedded, open_stores
from tests.conftest import make_settings
from tests.support.processes import REPO


def hide(monkeypatch: pytest.MonkeyPatch, *packages: str) -> None:
    """Makes ``import <package>`` fail as it does where the extra is not installed."""
    for package in packages:
        monkeypatch.setitem(sys.modules, package, None)


def test_unset_urls_use_the_in_memory_stores_when_the_extra_is_installed() -> None:
    stores = open_stores(make_settings().stores)
    assert stores.embedded_mongo and stores.embedded_redis
    stores.redis.set("k", "v")
    assert stores.redis.get("k") == "v"


@pytest.mark.parametrize(
    ("package", "setting"), [("mongomock", "MONGO_URI"), ("fakeredis", "REDIS_URL")]
)
def test_a_missing_stand_in_is_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, package: str, setting: str
) -> None:
    hide(monkeypatch, package)
    for attempt in (check_embedded, open_stores):
        with pytest.raises(ConfigError) as caught:
            attempt(make_settings().stores)
        message = str(caught.value)
        assert "\n" not in message
        assert message.startswith(f"configuration error: {setting}: ")
        assert package in message and "flamingo[embedded]" in message


def test_configured_stores_need_no_stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    hide(monkeypatch, "mongomock", "fakeredis")
    settings = make_settings(MONGO_URI="mongodb://127.0.0.1:1/", REDIS_URL="redis://127.0.0.1:1/0")
    check_embedded(settings.stores)
    stores = open_stores(settings.stores)  # clients only: nothing connects yet
    assert not stores.embedded


def test_the_test_doubles_are_an_extra_and_absent_from_the_runtime_lock() -> None:
    project = tomllib.loads((REPO / "backend" / "pyproject.toml").read_text())["project"]
    runtime = " ".join(project["dependencies"])
    extra = " ".join(project["optional-dependencies"]["embedded"])
    runtime_lock = (REPO / "backend" / "requirements.lock").read_text()
    dev_lock = (REPO / "backend" / "requirements-dev.lock").read_text()
    for package in ("mongomock", "fakeredis"):
        assert package not in runtime and package in extra
        assert f"\n{package}==" not in runtime_lock, f"{package} is in the runtime lock"
        assert f"\n{package}==" in dev_lock, f"{package} is missing from the dev lock (make run)"


def test_the_wsgi_entry_point_fails_with_that_line_and_exit_78() -> None:
    script = "import sys; sys.modules['mongomock'] = None\nimport flamingo.wsgi\n"
    env = {"PATH": "/usr/bin:/bin", "FLAMINGO_ENV": "development", "HOME": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 78, result.stderr
    assert result.stderr.strip().splitlines() == [
        "configuration error: MONGO_URI: unset, and the embedded store (mongomock) is not "
        "installed: set MONGO_URI, or install flamingo[embedded] for the in-memory mode "
        "(make run does)"
    ]
