"""What the real-node tests send through the active Service while a release switches: a bounded
request loop that checks every answer's body (never a status alone: an address nobody serves can
reach a proxy that answers 404 or an empty 200), and a user with a link whose clicks are counted.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import redis
import requests

CLICK_STREAM = "flamingo:clicks"
TARGET = "https://example.com/flamingo-node-test"


@dataclass
class Visitor:
    """A signed-up user of the release and one link of theirs."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    link: dict[str, Any] = field(default_factory=dict)

    def headers(self) -> dict[str, str]:
        # Production cookies are Secure; this loopback URL is plain HTTP, so send them by hand.
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        csrf = next((v for k, v in self.cookies.items() if "csrf" in k.lower()), "")
        return {"Cookie": cookie, "X-CSRF-Token": csrf}

    def sign_up(self, email: str, password: str) -> None:
        answer = requests.post(
            f"{self.base}/api/v1/auth/signup",
            json={"email": email, "password": password},
            timeout=30,
        )
        assert answer.status_code == 201, answer.text
        assert answer.json()["email"] == email
        self.cookies = {c.name: str(c.value) for c in answer.cookies}

    def create_link(self) -> dict[str, Any]:
        answer = requests.post(
            f"{self.base}/api/v1/links",
            json={"target": TARGET},
            headers=self.headers(),
            timeout=30,
        )
        assert answer.status_code == 201, answer.text
        self.link = answer.json()
        assert self.link["target"] == TARGET
        return self.link

    def clicks(self) -> int:
        """The link's total clicks as the stats API reports them (folded by the worker)."""
        answer = requests.get(
            f"{self.base}/api/v1/links/{self.link['id']}/stats", headers=self.headers(), timeout=30
        )
        assert answer.status_code == 200, answer.text
        return int(answer.json()["totals"]["total"])


def version_of(base: str, headers: dict[str, str], timeout: float = 10) -> dict[str, str]:
    """/api/v1/version's body, which must be the app's JSON (not some proxy's page). With the
    visitor's session: the API allows a signed-in user 600 requests a minute, an anonymous
    address 60."""
    answer = requests.get(
        f"{base}/api/v1/version", headers={**headers, "Connection": "close"}, timeout=timeout
    )
    body: dict[str, str] = answer.json()
    assert answer.status_code == 200 and {"version", "commit"} <= set(body), answer.text
    return body


@dataclass
class Traffic:
    """A request loop through ``base`` in a thread: the link's redirect, and every 4th request
    /api/v1/version (as ``visitor``), each on a new connection (so kube-proxy picks the
    Service's current pods every time). Bounded by ``limit`` requests. Every answer that is not
    exactly right is a failure."""

    base: str
    visitor: Visitor
    allowed_versions: set[str]
    limit: int = 50_000
    versions: list[str] = field(default_factory=list)
    redirects: int = 0
    failures: list[str] = field(default_factory=list)
    answers: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="traffic", daemon=True)

    def __enter__(self) -> Traffic:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _loop(self) -> None:
        for index in range(self.limit):
            if self._stop.is_set():
                return
            try:
                if index % 4:
                    self._redirect()
                else:
                    self._version()
            except (requests.RequestException, ValueError) as error:
                self.failures.append(f"request {index}: {type(error).__name__}: {error}")
            # ~25 requests/s: steady traffic without starving the pods on a 2-core machine.
            time.sleep(0.04)

    def _version(self) -> None:
        body = version_of(self.base, self.visitor.headers())
        if body["version"] not in self.allowed_versions:
            self.failures.append(f"version {body['version']!r} not in {self.allowed_versions}")
            return
        if not self.versions or self.versions[-1] != body["version"]:
            self.versions.append(body["version"])
        self.answers["version"] += 1

    def _redirect(self) -> None:
        answer = requests.get(
            f"{self.base}/{self.visitor.link['code']}",
            headers={"Connection": "close", "User-Agent": "flamingo-node-test/1.0"},
            allow_redirects=False,
            timeout=10,
        )
        if answer.status_code != 302 or answer.headers.get("Location") != TARGET:
            self.failures.append(
                f"redirect: {answer.status_code} {answer.headers.get('Location')!r} "
                f"{answer.text[:200]!r}"
            )
            return
        self.redirects += 1
        self.answers["redirect"] += 1


def stream_entries_added(redis_url: str) -> int:
    """Every entry ever added to the click stream (XINFO's entries-added: the worker's trims do
    not lower it, unlike XLEN)."""
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        info: dict[str, Any] = client.xinfo_stream(CLICK_STREAM)  # type: ignore[assignment]
    except redis.ResponseError:
        return 0  # no stream yet: nothing was ever added
    finally:
        client.close()
    return int(info["entries-added"])
