"""Rate limits and session lifetimes on the real service (gunicorn, 2 workers, redis-server)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests

from tests.integration.test_accounts import PASSWORD, Browser, start_service
from tests.support.processes import FerretDB, Gunicorn, RedisServer, wait_until

pytestmark = pytest.mark.integration


@pytest.fixture
def strict(ferretdb: FerretDB, own_redis: RedisServer, tmp_path: Path) -> Iterator[Gunicorn]:
    """Login limited to 5 a minute per IP, on a Redis no other test shares."""
    server = start_service(
        ferretdb,
        own_redis.url,
        tmp_path / "metrics",
        RATELIMIT_LOGIN="5/minute",
        RATELIMIT_LOGIN_EMAIL="1000/minute",
    )
    yield server
    server.stop()


def _login(server: Gunicorn, email: str, **headers: str) -> requests.Response:
    return requests.post(
        server.base + "/api/v1/auth/login",
        json={"email": email, "password": "wrong password!"},
        headers={"Connection": "close", **headers},  # new connections: both workers serve
        timeout=10,
    )


def test_login_limit_429_and_forged_forwarded_for_does_not_reset(strict: Gunicorn) -> None:
    statuses = [_login(strict, f"u{i}@example.com").status_code for i in range(5)]
    assert statuses == [401] * 5
    sixth = _login(strict, "u6@example.com")
    assert sixth.status_code == 429
    assert sixth.headers["Content-Type"].startswith("application/problem+json")
    assert sixth.json()["type"].endswith("/rate-limited")
    assert 1 <= int(sixth.headers["Retry-After"]) <= 60
    assert sixth.headers["RateLimit-Limit"] == "5"
    assert sixth.headers["RateLimit-Remaining"] == "0"
    for forged in ["203.0.113.7", "198.51.100.1, 203.0.113.8", "unknown"]:
        again = _login(strict, "u7@example.com", **{"X-Forwarded-For": forged, "X-Real-IP": forged})
        assert again.status_code == 429, forged


def test_limits_hold_across_workers_in_redis(strict: Gunicorn, own_redis: RedisServer) -> None:
    for i in range(5):
        _login(strict, f"w{i}@example.com")
    keys = redis.Redis.from_url(own_redis.url, decode_responses=True).keys("*login-ip*")
    assert keys, "the login counter lives in Redis, shared by every worker and pod"
    assert _login(strict, "w@example.com").status_code == 429


def test_redirect_and_health_never_touch_the_limiter(
    strict: Gunicorn, own_redis: RedisServer
) -> None:
    client = redis.Redis.from_url(own_redis.url, decode_responses=True)
    for path in ["/healthz", "/readyz", "/no-such-code", "/metrics"]:
        for _ in range(3):
            assert requests.get(strict.base + path, timeout=10).status_code != 429
    assert client.keys("LIMITS*") == [] and client.keys("*flamingo/*") == []
    requests.get(strict.base + "/api/v1/version", timeout=10)
    assert client.keys("LIMITS*") != []


def test_limiter_fails_open_when_redis_is_down(strict: Gunicorn, own_redis: RedisServer) -> None:
    Browser(strict.base).signup("down@example.com")
    assert requests.get(strict.base + "/api/v1/version", timeout=10).status_code == 200
    own_redis.stop()
    statuses = {
        requests.get(strict.base + "/api/v1/version", timeout=10).status_code for _ in range(6)
    }
    assert statuses == {200}
    # Sessions need Redis: login answers 503 problem+json, not a 500.
    login = requests.post(
        strict.base + "/api/v1/auth/login",
        json={"email": "down@example.com", "password": PASSWORD},
        timeout=10,
    )
    assert login.status_code == 503, login.text
    assert login.json()["type"].endswith("/dependency-unavailable")
    metrics = requests.get(strict.base + "/metrics", timeout=10).text
    errors = re.findall(r"^flamingo_ratelimit_storage_errors_total (\S+)$", metrics, re.M)
    assert errors and float(errors[0]) >= 1


@pytest.fixture
def short_sessions(
    ferretdb: FerretDB, own_redis: RedisServer, tmp_path: Path
) -> Iterator[Gunicorn]:
    server = start_service(
        ferretdb,
        own_redis.url,
        tmp_path / "metrics",
        SESSION_IDLE_SECONDS="1",
        SESSION_ABSOLUTE_SECONDS="3",
    )
    yield server
    server.stop()


def test_session_idle_expiry(short_sessions: Gunicorn, own_redis: RedisServer) -> None:
    browser = Browser(short_sessions.base)
    browser.signup("idle@example.com")
    assert browser.call("GET", "/api/v1/me").status_code == 200
    client = redis.Redis.from_url(own_redis.url, decode_responses=True)
    # Wait (without using the session) until Redis drops it for idleness.
    wait_until(lambda: client.keys("flamingo:session:*") == [], "idle session expiry", 15)
    assert browser.call("GET", "/api/v1/me").status_code == 401


def test_session_absolute_expiry_even_when_used(short_sessions: Gunicorn) -> None:
    browser = Browser(short_sessions.base)
    browser.signup("busy@example.com")
    # Used continuously (so never idle), it still ends at the absolute lifetime.
    wait_until(
        lambda: browser.call("GET", "/api/v1/me").status_code == 401, "absolute session expiry", 15
    )
    assert browser.call("GET", "/api/v1/me").json()["type"].endswith("/unauthorized")
