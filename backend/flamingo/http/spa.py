"""The built SPA, served by the Flask process itself in `make run`'s one-process mode only.

Everywhere else (compose, Kubernetes) Nginx serves it with the config in ``frontend/nginx/``;
this blueprint mirrors that config's behaviour: ``/`` → ``/app/``, files of the build, hashed
assets cached for a year, and every other ``/app/...`` path answered by ``index.html`` (the SPA
routes on the client).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, redirect, send_from_directory
from werkzeug.security import safe_join
from werkzeug.wrappers import Response as BaseResponse

from flamingo.core.log import get_logger
from flamingo.core.problems import Problem

log = get_logger(__name__)

IMMUTABLE = "public, max-age=31536000, immutable"
# The same policy Nginx sends with the SPA (frontend/nginx/nginx.conf.template).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def _secured(response: Response, cache_control: str) -> Response:
    response.headers["Cache-Control"] = cache_control
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def make_blueprint(dist: Path) -> Blueprint:
    bp = Blueprint("spa", __name__)
    dist = dist.resolve()

    def index() -> Response:
        if not (dist / "index.html").is_file():
            raise Problem(
                503, "spa-not-built", f"the SPA is not built in {dist}: run `make frontend-build`"
            )
        return _secured(send_from_directory(dist, "index.html", max_age=0), "no-cache")

    @bp.get("/app")
    def app_no_slash() -> BaseResponse:
        return redirect("/app/", 302)

    @bp.get("/app/")
    def app_index() -> Response:
        return index()

    @bp.get("/app/<path:path>")
    def app_file(path: str) -> Response:
        target = safe_join(str(dist), path)
        if target is not None and Path(target).is_file():
            cache = IMMUTABLE if path.startswith("assets/") else "no-cache"
            return _secured(send_from_directory(dist, path), cache)
        if path.startswith("assets/"):
            raise Problem(404, "not-found", "no such asset")  # never index.html for a script
        return index()

    return bp


def init_app(app: Flask, dist: Path | None) -> None:
    """Registers the SPA routes when ``SPA_DIR`` is set (by ``make run``); otherwise nothing."""
    if dist is None:
        return
    if not (dist / "index.html").is_file():
        log.warning(
            "SPA_DIR has no index.html: /app/ answers 503 until it is built", spa_dir=str(dist)
        )
    app.register_blueprint(make_blueprint(dist))
