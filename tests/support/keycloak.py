"""A real OIDC provider for the SSO tests: Keycloak on a free loopback port.

``make keycloak`` (a prerequisite of ``make test-python``) unpacks the server into
``$TOOLS_DIR/keycloak-<KEYCLOAK_VERSION>/``. Each test session copies that tree into a temporary
home (Keycloak writes its build output and data under its home, and several sessions may run on
one machine), imports ``keycloak-realm.json`` with ``--import-realm`` and keeps the in-memory H2
database (``--db=dev-mem``), so nothing outlives the session. A missing Keycloak or Java fails the
tests (``tests.support.tools.missing``), never skips them.

Also here: the browser half of the authorization-code flow, driven with ``requests``: fetch the
provider's login form, post the credentials, hand back the redirect to our callback.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests

from tests.support.processes import Process, backend_env, free_port
from tests.support.tools import TOOLS_DIR, missing, versions

REALM_FILE = Path(__file__).with_name("keycloak-realm.json")
REALM = "flamingo"
CLIENT_ID = "flamingo"
CLIENT_SECRET = "flamingo-test-client-secret"
PASSWORD = "kc-Passw0rd!"
ADMIN = "kcadmin"


def keycloak_home() -> Path:
    return TOOLS_DIR / f"keycloak-{versions()['KEYCLOAK_VERSION']}"


def _java_major(home: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(home / "bin" / "java"), "-version"],
            check=False,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r'version "(\d+)', out.stderr + out.stdout)
    return int(found.group(1)) if found else None


def java_home() -> Path:
    """A JDK with Java >= 21 (Keycloak 26 refuses older ones): the same search as
    ``scripts/ensure-keycloak.sh``."""
    candidates = [os.environ.get("KEYCLOAK_JAVA_HOME"), os.environ.get("JAVA_HOME")]
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        candidates += sorted(str(p) for p in jvm.glob("temurin-*-jdk-*"))
        candidates += sorted(str(p) for p in jvm.iterdir())
    for candidate in candidates:
        if candidate and (Path(candidate) / "bin" / "java").is_file():
            major = _java_major(Path(candidate))
            if major is not None and major >= 21:
                return Path(candidate)
    missing("Java >= 21 for Keycloak (set KEYCLOAK_JAVA_HOME)")


class Keycloak(Process):
    # ≈ 20 s on an idle 2-core machine; 50-126 s seen here while other suites ran beside it
    # (load average 12-18 on 2 cores).
    ready_timeout = 300.0

    def __init__(self) -> None:
        source = keycloak_home()
        if not (source / "bin" / "kc.sh").is_file():
            missing(f"Keycloak ({source}; run `make keycloak`)")
        self.port = free_port()
        self.management_port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="keycloak-"))
        self.home = self.workdir / "keycloak"
        self.started_in: float | None = None
        shutil.copytree(source, self.home, symlinks=True)
        (self.home / "data" / "import").mkdir(parents=True, exist_ok=True)
        shutil.copy(REALM_FILE, self.home / "data" / "import" / "flamingo-realm.json")
        env = {
            **backend_env(),
            "JAVA_HOME": str(java_home()),
            "KC_BOOTSTRAP_ADMIN_USERNAME": ADMIN,
            "KC_BOOTSTRAP_ADMIN_PASSWORD": "kc-admin-" + os.urandom(8).hex(),
            # Two cores shared with the rest of the suite: keep the JVM small.
            "JAVA_OPTS_KC_HEAP": "-XX:MaxRAMPercentage=10 -XX:InitialRAMPercentage=2",
        }
        super().__init__(
            "keycloak",
            [
                str(self.home / "bin" / "kc.sh"),
                "start",
                "--optimized",  # built once by scripts/ensure-keycloak.sh (the slow part)
                "--import-realm",
                "--http-enabled=true",
                "--hostname-strict=false",
                "--http-host=127.0.0.1",
                f"--http-port={self.port}",
                f"--http-management-port={self.management_port}",
                "--log-level=WARN",
            ],
            env=env,
            cwd=self.workdir,
        )

    @classmethod
    def attach(cls, base: str) -> Keycloak:
        """A Keycloak someone else started (with the test realm) at ``base``; never stopped."""
        server = cls.__new__(cls)
        server.port = int(base.rsplit(":", 1)[1].rstrip("/"))
        server.started_in = 0.0
        return server

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def issuer(self) -> str:
        return f"{self.base}/realms/{REALM}"

    def ready(self) -> bool:
        answer = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2)
        return answer.ok and answer.json().get("issuer") == self.issuer

    def start(self) -> None:
        began = time.monotonic()
        super().start()
        self.started_in = time.monotonic() - began

    def stop(self, sig: int = 15, timeout: float = 30.0) -> int | None:
        code = super().stop(sig, timeout)
        shutil.rmtree(self.workdir, ignore_errors=True)
        return code

    def password_grant(self, username: str, scope: str = "openid email profile") -> dict[str, Any]:
        """Tokens straight from the token endpoint (a real, signed ID token for tamper tests)."""
        answer = requests.post(
            f"{self.issuer}/protocol/openid-connect/token",
            data={
                "grant_type": "password",
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "username": username,
                "password": PASSWORD,
                "scope": scope,
            },
            timeout=10,
        )
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result


def _as_on_loopback(jar: requests.cookies.RequestsCookieJar) -> None:
    """Browsers treat ``http://127.0.0.1`` as a secure context and send it ``Secure`` cookies
    (Keycloak sets every cookie ``Secure; SameSite=None``); Python's cookie jar only does so over
    https (and requests copies the jar per request, so a cookie policy would not stick). Do what
    the browser does: keep sending them here."""
    for cookie in jar:
        if cookie.domain in {"127.0.0.1", "localhost", "localhost.local"}:
            cookie.secure = False


_FORM = re.compile(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"', re.S)


def sign_in_at_provider(authorize_url: str, username: str) -> str:
    """Play the user, in a fresh browser, at Keycloak's login page; returns the ``Location``
    Keycloak redirects to (our callback with ``code`` and ``state``), without following it."""
    user_agent = requests.Session()
    page = user_agent.get(authorize_url, timeout=15)
    _as_on_loopback(user_agent.cookies)
    page.raise_for_status()
    found = _FORM.search(page.text)
    if found is None:
        raise AssertionError(f"no login form at the provider:\n{page.text[:2000]}")
    action = urljoin(page.url, html.unescape(found.group(1)))
    answer = user_agent.post(
        action,
        data={"username": username, "password": PASSWORD, "credentialId": ""},
        allow_redirects=False,
        timeout=15,
    )
    if answer.status_code not in (302, 303):
        raise AssertionError(f"the provider did not sign {username} in:\n{answer.text[:2000]}")
    return answer.headers["Location"]
