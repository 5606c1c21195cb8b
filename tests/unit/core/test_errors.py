"""Every error answer is RFC 9457 problem+json; internals never leak."""

from __future__ import annotations

import json
import logging

import pytest
import redis
from flask import Flask, jsonify, request
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.core.problems import PROBLEM_TYPE_BASE
from tests.conftest import make_settings, problem


@pytest.fixture
def app() -> Flask:
    app = create_app(make_settings(MAX_REQUEST_BYTES="1024", LOG_REQUESTS="false"))

    def echo() -> object:
        return jsonify(request.get_json())

    def boom() -> object:
        raise RuntimeError("database password is hunter2")

    def redis_down() -> object:
        raise redis.ConnectionError("Error 111 connecting to 10.0.0.3:6379")

    app.add_url_rule("/api/v1/_test/redis", view_func=redis_down)
    app.add_url_rule("/api/v1/_test/echo", view_func=echo, methods=["POST"])
    app.add_url_rule("/api/v1/_test/boom", view_func=boom)
    return app


def test_unknown_path_is_404_problem(client: FlaskClient) -> None:
    response = client.get("/api/v1/nothing-here")
    body = problem(response)
    assert response.status_code == 404
    assert body["type"] == PROBLEM_TYPE_BASE + "not-found"
    assert body["status"] == 404
    assert body["instance"] == "/api/v1/nothing-here"
    assert body["request_id"] == response.headers["X-Request-ID"]


def test_wrong_method_is_405_with_allow(client: FlaskClient) -> None:
    response = client.delete("/healthz")
    assert response.status_code == 405
    assert problem(response)["type"] == PROBLEM_TYPE_BASE + "method-not-allowed"
    assert "GET" in response.headers["Allow"]


def test_oversized_body_is_413(client: FlaskClient) -> None:
    response = client.post("/api/v1/_test/echo", data="x" * 4096, content_type="application/json")
    assert response.status_code == 413
    assert problem(response)["type"] == PROBLEM_TYPE_BASE + "payload-too-large"


def test_malformed_json_is_400(client: FlaskClient) -> None:
    response = client.post("/api/v1/_test/echo", data="{not json", content_type="application/json")
    assert response.status_code == 400
    body = problem(response)
    assert body["type"] == PROBLEM_TYPE_BASE + "malformed-json"
    assert "not valid JSON" in body["detail"]


def test_non_json_body_is_415(client: FlaskClient) -> None:
    response = client.post("/api/v1/_test/echo", data="a=b", content_type="text/plain")
    assert response.status_code == 415
    assert problem(response)["type"] == PROBLEM_TYPE_BASE + "unsupported-media-type"


def test_valid_json_passes(client: FlaskClient) -> None:
    response = client.post("/api/v1/_test/echo", json={"a": 1})
    assert response.status_code == 200
    assert response.get_json() == {"a": 1}


def test_unexpected_error_is_500_without_internals(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        response = client.get("/api/v1/_test/boom", headers={"X-Request-ID": "req-123"})
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "hunter2" not in text and "Traceback" not in text and "RuntimeError" not in text
    body = json.loads(text)
    assert body["type"] == PROBLEM_TYPE_BASE + "internal-error"
    assert body["request_id"] == "req-123"
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged, "the 500 must be logged"
    assert logged[0].exc_info is not None
    assert "req-123" in str(logged[0].msg)


def test_redis_outage_in_a_view_is_503_not_500(client: FlaskClient) -> None:
    response = client.get("/api/v1/_test/redis")
    assert response.status_code == 503
    body = problem(response)
    assert body["type"] == PROBLEM_TYPE_BASE + "dependency-unavailable"
    assert body["dependency"] == "redis"
    assert response.headers["Retry-After"] == "5"
    assert "10.0.0.3" not in response.get_data(as_text=True)
