"""The real nginx binary with the project's config template, in front of a real gunicorn."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests

from tests.nginx.server import DIST, Nginx, image_env
from tests.support.processes import Gunicorn, wait_until

pytestmark = pytest.mark.integration

IMMUTABLE = "public, max-age=31536000, immutable"


def _asset(suffix: str) -> str:
    files = sorted(p.name for p in (DIST / "assets").glob(f"*{suffix}"))
    assert files, f"no {suffix} asset in {DIST}"
    return files[0]


def _get(nginx: Nginx, path: str, **kwargs: object) -> requests.Response:
    return requests.get(f"{nginx.base}{path}", timeout=10, allow_redirects=False, **kwargs)  # type: ignore[arg-type]


def test_root_redirects_to_the_spa(nginx: Nginx) -> None:
    for path in ("/", "/app"):
        response = _get(nginx, path)
        assert response.status_code == 302
        assert response.headers["Location"] == "/app/"


@pytest.mark.parametrize("path", ["/app/", "/app/links", "/app/links/abc123", "/app/unlock/Xy1"])
def test_spa_routes_fall_back_to_index_and_are_not_cached(nginx: Nginx, path: str) -> None:
    response = _get(nginx, path)
    assert response.status_code == 200
    assert response.text == (DIST / "index.html").read_text()
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Content-Type"].startswith("text/html")


def test_hashed_assets_are_immutable_and_gzipped(nginx: Nginx) -> None:
    for name in (_asset(".js"), _asset(".css")):
        response = _get(nginx, f"/app/assets/{name}", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == IMMUTABLE
        assert response.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response.headers["Vary"]
        assert response.content == (DIST / "assets" / name).read_bytes()


def test_a_missing_asset_is_404_not_the_spa(nginx: Nginx) -> None:
    response = _get(nginx, "/app/assets/missing-0000.js")
    assert response.status_code == 404
    assert '<div id="root">' not in response.text


def _csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_security_headers_on_the_spa(nginx: Nginx) -> None:
    headers = _get(nginx, "/app/links").headers
    csp = _csp_directives(headers["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["default-src"]
    assert csp["object-src"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers  # not behind TLS by default
    assert "nginx/" not in headers.get("Server", "")


def test_the_built_index_needs_no_inline_script(spa_dist: None) -> None:
    """The CSP allows no inline script: every script of index.html must be a file."""
    html = (DIST / "index.html").read_text()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    for attributes, body in scripts:
        assert "src=" in attributes and not body.strip(), attributes


def test_api_is_proxied_with_the_backends_headers_once(nginx: Nginx) -> None:
    response = _get(nginx, "/api/v1/version")
    assert response.status_code == 200
    assert set(response.json()) >= {"version", "commit", "built_at"}
    # The backend sets these on API answers; Nginx must not add a second copy.
    raw = response.raw.headers
    assert raw.getlist("X-Content-Type-Options") == ["nosniff"]
    assert raw.getlist("Referrer-Policy") == ["no-referrer"]
    assert len(raw.getlist("X-Request-ID")) == 1
    assert len(raw.getlist("Content-Security-Policy")) == 1
    assert "Cache-Control" not in response.headers or response.headers["Cache-Control"] != IMMUTABLE


def test_health_endpoints_and_short_links_reach_the_backend(nginx: Nginx) -> None:
    assert _get(nginx, "/healthz").json() == {"status": "ok"}
    assert _get(nginx, "/readyz").json()["status"] == "ready"
    page = _get(nginx, "/Zz12345", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "Link not found" in page.text
    # The backend's own page has one inline stylesheet and no script: its CSP says so.
    csp = _csp_directives(page.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    assert "script-src" not in csp
    assert csp["frame-ancestors"] == ["'none'"]


def test_metrics_are_not_exposed(nginx: Nginx, backend: Gunicorn) -> None:
    assert requests.get(f"{backend.base}/metrics", timeout=5).status_code == 200
    assert _get(nginx, "/metrics").status_code == 404


def test_nginx_health_location_answers_without_the_backend(nginx: Nginx) -> None:
    response = _get(nginx, "/nginx-healthz")
    assert response.status_code == 200
    assert response.text == "ok\n"


def _access_log_ids(nginx: Nginx) -> list[str]:
    ids = []
    for line in nginx.output().splitlines():
        if line.startswith("{"):
            ids.append(json.loads(line)["request_id"])
    return ids


def test_request_id_is_passed_on(nginx: Nginx) -> None:
    response = _get(nginx, "/api/v1/version", headers={"X-Request-ID": "client-chosen.id-42"})
    # The backend echoes the id it received: Nginx passed the caller's on.
    assert response.headers["X-Request-ID"] == "client-chosen.id-42"


def test_request_id_is_generated_when_missing_or_unsafe(nginx: Nginx) -> None:
    seen = set()
    for supplied in (None, "bad id <script>"):
        headers = {"X-Request-ID": supplied} if supplied else {}
        response = _get(nginx, "/api/v1/version", headers=headers)
        request_id = response.headers["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", request_id)
        # The id the backend echoed is the one Nginx made and logged: generated here, passed on.
        wait_until(lambda rid=request_id: rid in _access_log_ids(nginx), "access log line")  # type: ignore[misc]
        seen.add(request_id)
    assert len(seen) == 2
    # Static answers carry Nginx's id too.
    assert re.fullmatch(r"[0-9a-f]{32}", _get(nginx, "/app/").headers["X-Request-ID"])


def test_bodies_over_the_limit_get_413(nginx: Nginx) -> None:
    limit = image_env()["NGINX_CLIENT_MAX_BODY_SIZE"]
    assert limit == "2m"
    too_big = b"x" * (2 * 1024 * 1024 + 1)
    response = requests.post(
        f"{nginx.base}/api/v1/auth/login",
        data=too_big,
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 413
    # Below the limit the request reaches the backend (which judges the content itself).
    small = requests.post(
        f"{nginx.base}/api/v1/auth/login",
        data=b'{"email": 1}',
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert small.status_code in {400, 422}
    assert small.headers["Content-Type"].startswith("application/problem+json")


def test_hsts_only_when_behind_tls(spa_dist: None, backend: Gunicorn) -> None:
    server = Nginx(f"127.0.0.1:{backend.port}", NGINX_BEHIND_TLS="true")
    server.start()
    try:
        headers = _get(server, "/app/").headers
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    finally:
        server.stop()


def test_the_rendered_config_has_no_placeholder_left(nginx: Nginx) -> None:
    assert not re.search(r"\$\{[A-Z_]+\}", nginx.config_text)
    assert "$request_id" in nginx.config_text  # nginx's own variables are left alone


def test_runs_without_privileges_paths(nginx: Nginx) -> None:
    """Pid and temp files live under the prefix (/tmp in the image): a read-only root FS works."""
    assert (nginx.prefix / "nginx.pid").is_file()
    assert "pid nginx.pid;" in nginx.config_text
    for path in ("client_body", "proxy"):
        assert Path(nginx.prefix / path).is_dir()


def test_serves_a_build_from_a_folder_only_its_user_can_enter(
    backend: Gunicorn, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A checkout under /root (0700) or `mktemp -d` (0700): started as root, nginx's workers must
    still read the build (issue 22, item 11)."""
    private = tmp_path_factory.mktemp("private-checkout")
    private.chmod(0o700)
    dist = private / "frontend" / "dist"
    dist.mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=root>private build</div>")
    server = Nginx(f"127.0.0.1:{backend.port}", dist=dist)
    server.start()
    try:
        response = _get(server, "/app/")
        assert response.status_code == 200
        assert "private build" in response.text
    finally:
        server.stop()
