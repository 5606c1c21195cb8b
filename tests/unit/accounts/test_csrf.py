"""CSRF: cookie-authenticated unsafe methods need X-CSRF-Token equal to the session's token."""

from __future__ import annotations

import pytest
from flask import Flask, jsonify
from flask.testing import FlaskClient

from flamingo.accounts.auth import CSRF_HEADER, require_auth
from tests.conftest import problem
from tests.unit.accounts.test_accounts import accounts_app, csrf, signup


@pytest.fixture
def app() -> Flask:
    app = accounts_app()

    @app.route(
        "/api/v1/_test/any", methods=["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
    )
    @require_auth()
    def anything() -> object:
        return jsonify(ok=True)

    return app


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_unsafe_methods_need_the_header(client: FlaskClient, method: str) -> None:
    signup(client)
    refused = client.open("/api/v1/_test/any", method=method)
    assert refused.status_code == 403
    assert problem(refused)["type"].endswith("/csrf-failed")
    assert client.open("/api/v1/_test/any", method=method, headers=csrf(client)).status_code == 200


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_safe_methods_do_not(client: FlaskClient, method: str) -> None:
    signup(client)
    assert client.open("/api/v1/_test/any", method=method).status_code == 200


def test_token_of_another_session_is_refused(app: Flask) -> None:
    one, two = app.test_client(), app.test_client()
    signup(one, "one@example.com")
    signup(two, "two@example.com")
    response = two.post("/api/v1/_test/any", headers=csrf(one))
    assert response.status_code == 403


def test_planted_csrf_cookie_does_not_help(client: FlaskClient) -> None:
    signup(client)
    client.set_cookie("flamingo_csrf", "attacker-chosen")
    response = client.post("/api/v1/_test/any", headers={CSRF_HEADER: "attacker-chosen"})
    assert response.status_code == 403


def test_bearer_requests_are_exempt(client: FlaskClient) -> None:
    signup(client)
    secret = client.post(
        "/api/v1/tokens", json={"name": "t", "scopes": ["links:read"]}, headers=csrf(client)
    ).get_json()["token"]
    bare = client.application.test_client()
    response = bare.post("/api/v1/_test/any", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
