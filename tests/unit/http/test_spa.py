"""The SPA as `make run` serves it from Flask (SPA_DIR); Nginx does the same everywhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from flamingo.app import create_app
from tests.conftest import make_settings


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><div id="root"></div>')
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log(1)")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return tmp_path


@pytest.fixture
def spa_client(dist: Path) -> FlaskClient:
    return create_app(make_settings(LOG_REQUESTS="false", SPA_DIR=str(dist))).test_client()


def test_root_redirects_to_the_spa(spa_client: FlaskClient) -> None:
    for path in ("/", "/app"):
        response = spa_client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"] == "/app/"


def test_client_routes_fall_back_to_index_without_caching(spa_client: FlaskClient) -> None:
    for path in ("/app/", "/app/links/abc", "/app/unlock/Xy12345"):
        response = spa_client.get(path)
        assert response.status_code == 200, path
        assert b'<div id="root">' in response.data
        assert response.headers["Cache-Control"] == "no-cache"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_hashed_assets_are_immutable_and_missing_ones_404(spa_client: FlaskClient) -> None:
    response = spa_client.get("/app/assets/index-abc123.js")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    missing = spa_client.get("/app/assets/nope.js")
    assert missing.status_code == 404
    assert missing.headers["Content-Type"].startswith("application/problem+json")
    assert spa_client.get("/app/favicon.svg").headers["Cache-Control"] == "no-cache"


def test_no_path_escapes_the_build(spa_client: FlaskClient) -> None:
    response = spa_client.get("/app/../../etc/passwd")
    assert b"root:" not in response.data


def test_api_and_short_links_are_untouched(spa_client: FlaskClient) -> None:
    assert spa_client.get("/api/v1/version").is_json
    assert spa_client.get("/Zz99999").status_code == 404


def test_an_unbuilt_spa_answers_503_problem(tmp_path: Path) -> None:
    client = create_app(make_settings(LOG_REQUESTS="false", SPA_DIR=str(tmp_path))).test_client()
    response = client.get("/app/links")
    assert response.status_code == 503
    assert response.get_json()["type"].endswith("/spa-not-built")


def test_without_spa_dir_flask_serves_no_spa(client: FlaskClient) -> None:
    assert client.get("/app/").status_code == 404
    # The default domain's root still points at the SPA (which Nginx serves there).
    root = client.get("/")
    assert root.status_code == 302 and root.headers["Location"] == "/app/"
