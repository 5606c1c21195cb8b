"""Liveness, readiness, version and metrics endpoints in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.core import lifecycle
from tests.conftest import make_settings, problem


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_embedded(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["checks"] == {"mongo": "embedded", "redis": "embedded"}


def test_readyz_reports_unreachable_redis() -> None:
    # Nothing listens on port 1: the check fails fast and names redis.
    settings = make_settings(REDIS_URL="redis://127.0.0.1:1/0", LOG_REQUESTS="false")
    client = create_app(settings).test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    body = problem(response)
    assert body["detail"] == "dependency unavailable: redis"
    assert body["checks"]["redis"].startswith("failed")
    assert body["checks"]["mongo"] == "embedded"


def test_readyz_503_while_draining(
    client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(lifecycle.RUNTIME_DIR_ENV, str(tmp_path))
    assert client.get("/readyz").status_code == 200
    lifecycle.mark_draining()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert problem(response)["type"].endswith("/draining")
    assert client.get("/healthz").status_code == 200


def test_version_comes_from_the_environment() -> None:
    settings = make_settings(
        APP_VERSION="1.4.2", GIT_COMMIT="abc123", BUILD_TIME="2026-11-26T07:00:00Z"
    )
    body = create_app(settings).test_client().get("/api/v1/version").get_json()
    assert body == {"version": "1.4.2", "commit": "abc123", "built_at": "2026-11-26T07:00:00Z"}


def test_request_id_is_echoed_or_generated(client: FlaskClient) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc-1"}).headers["X-Request-ID"] == "abc-1"
    )
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert len(generated) == 32
    # A value that could forge log lines is replaced, not echoed.
    forged = client.get("/healthz", headers={"X-Request-ID": 'a"b c'}).headers["X-Request-ID"]
    assert forged != 'a"b c'


def test_metrics_count_requests_by_route_template(client: FlaskClient) -> None:
    for _ in range(3):
        client.get("/healthz")
    client.get("/no/such/thing")
    text = client.get("/metrics").get_data(as_text=True)
    assert "flamingo_http_requests_in_flight" in text
    healthz = [
        line
        for line in text.splitlines()
        if line.startswith("flamingo_http_request_duration_seconds_count")
        and 'route="/healthz"' in line
    ]
    assert healthz and float(healthz[0].split()[-1]) >= 3
    assert 'route="<unmatched>"' in text
    assert "/no/such/thing" not in text
