"""``GET /api/v1/openapi.json``: the OpenAPI 3.1 document of this API."""

from __future__ import annotations

import functools

from flask import Blueprint, Response, json

from flamingo.core import context
from flamingo.http import openapi

bp = Blueprint("openapi", __name__)


@functools.cache
def _rendered(version: str) -> str:
    return json.dumps(openapi.document(version))


@bp.get("/api/v1/openapi.json")
def openapi_json() -> Response:
    version = context.settings().server.app_version
    response = Response(_rendered(version), mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
