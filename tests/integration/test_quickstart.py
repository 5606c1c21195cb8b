"""The README's quick start as a new user meets it: `make run`'s gunicorn on embedded stores.

An admin the running server sees (``ADMIN_EMAIL`` / ``ADMIN_PASSWORD_FILE``), a CLI that refuses
to write to an in-memory store no server reads, and short links on the port actually served.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.support.processes import Gunicorn, backend_env
from tests.support.sse import SseClient

pytestmark = pytest.mark.integration

ADMIN = "root@example.com"
PASSWORD = "an admin password"
FAST_HASH = {"PASSWORD_HASH_MEMORY_KIB": "1024", "PASSWORD_HASH_TIME_COST": "1"}


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[Gunicorn]:
    """gunicorn as `make run` starts it (no MONGO_URI / REDIS_URL), with the documented admin."""
    secret = tmp_path / "admin-password"
    secret.write_text(PASSWORD + "\n")
    server = Gunicorn(
        backend_env(
            ADMIN_EMAIL=ADMIN,
            ADMIN_PASSWORD_FILE=str(secret),
            PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
            **FAST_HASH,
        )
    )
    server.start()
    yield server
    server.stop()


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flamingo.cli", *args],
        env=backend_env(),  # no MONGO_URI: the embedded store, as under `make run`
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tempfile.mkdtemp(),
    )


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("create-admin", "--email", ADMIN, "--password-stdin"), "ADMIN_EMAIL"),
        (("create-token", "--email", ADMIN, "--name", "ci", "--scope", "links:read"), "sign in"),
        (("migrate",), "needs no migration"),
        (("ensure-indexes",), "makes its indexes"),
    ],
)
def test_the_cli_refuses_a_store_no_server_reads(args: tuple[str, ...], hint: str) -> None:
    result = _cli(*args, stdin=PASSWORD + "\n")
    assert result.returncode != 0
    assert result.stdout == ""  # no "admin created" for a write nobody will read
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("configuration error: MONGO_URI: unset")
    assert hint in lines[0]


def test_the_documented_admin_is_an_admin_of_the_running_server(embedded: Gunicorn) -> None:
    http = requests.Session()
    login = http.post(
        embedded.base + "/api/v1/auth/login",
        json={"email": ADMIN, "password": PASSWORD},
        timeout=10,
    )
    assert login.status_code == 200, login.text
    assert login.json()["role"] == "admin" and login.json()["email_verified"] is True
    users = http.get(embedded.base + "/api/v1/admin/users", timeout=10)
    assert users.status_code == 200, users.text
    assert [u["email"] for u in users.json()["items"]] == [ADMIN]
    csrf = {"X-CSRF-Token": http.cookies["flamingo_csrf"]}
    token = http.post(
        embedded.base + "/api/v1/tokens",
        json={"name": "ci", "scopes": ["links:read"]},
        headers=csrf,
        timeout=10,
    )
    assert token.status_code == 201, token.text


def test_short_urls_name_the_port_served(embedded: Gunicorn) -> None:
    """No PUBLIC_BASE_URL: the default follows PORT (the test's free port, like RUN_PORT)."""
    http = requests.Session()
    signup = http.post(
        embedded.base + "/api/v1/auth/signup",
        json={"email": "new@example.com", "password": PASSWORD},
        timeout=10,
    )
    assert signup.status_code == 201, signup.text
    created = http.post(
        embedded.base + "/api/v1/links",
        json={"target": "https://example.com/landing"},
        headers={"X-CSRF-Token": http.cookies["flamingo_csrf"]},
        timeout=10,
    )
    assert created.status_code == 201, created.text
    short_url = created.json()["short_url"]
    assert short_url == f"http://localhost:{embedded.port}/{created.json()['code']}"
    visit = requests.get(
        short_url.replace("localhost", "127.0.0.1"), allow_redirects=False, timeout=10
    )
    assert visit.status_code == 302
    assert visit.headers["Location"] == "https://example.com/landing"


def test_without_smtp_the_verification_link_is_one_log_line(embedded: Gunicorn) -> None:
    """`make run` has no mail server: the README says to copy the link from the log."""
    http = requests.Session()
    signup = http.post(
        embedded.base + "/api/v1/auth/signup",
        json={"email": "copy@example.com", "password": PASSWORD},
        timeout=10,
    )
    assert signup.status_code == 201 and signup.json()["email_verified"] is False
    lines = [
        line
        for line in embedded.output().splitlines()
        if "email verification link for copy@example.com" in line
    ]
    assert len(lines) == 1, lines
    [link] = re.findall(r"http://localhost:\d+/app/verify-email/flv_[\w-]+", lines[0])
    assert link.startswith(f"http://localhost:{embedded.port}/")
    verified = requests.post(
        embedded.base + "/api/v1/auth/verify-email",
        json={"token": link.rsplit("/", 1)[-1]},
        timeout=10,
    )
    assert verified.status_code == 200, verified.text
    assert http.get(embedded.base + "/api/v1/me", timeout=10).json()["email_verified"] is True


def test_the_quick_start_serves_a_live_feed(embedded: Gunicorn) -> None:
    """One process, embedded stores (the worker is its thread): a click reaches the link's feed,
    read with the session cookie as the SPA's EventSource sends it."""
    http = requests.Session()
    signup = http.post(
        embedded.base + "/api/v1/auth/signup",
        json={"email": "watcher@example.com", "password": PASSWORD},
        timeout=10,
    )
    assert signup.status_code == 201, signup.text
    created = http.post(
        embedded.base + "/api/v1/links",
        json={"target": "https://example.com/landing"},
        headers={"X-CSRF-Token": http.cookies["flamingo_csrf"]},
        timeout=10,
    )
    link = created.json()
    cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
    feed = SseClient(f"{embedded.base}/api/v1/links/{link['id']}/live", {"Cookie": cookie})
    try:
        assert feed.status == 200
        feed.opened()
        visit = requests.get(f"{embedded.base}/{link['code']}", allow_redirects=False, timeout=10)
        assert visit.status_code == 302
        assert feed.next_click()[1]["code"] == link["code"]
    finally:
        feed.close()
