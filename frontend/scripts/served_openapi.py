"""Prints the OpenAPI document exactly as the app serves it at ``GET /api/v1/openapi.json``.

The app is built with ``flamingo.app.create_app`` on embedded in-memory stores (no MongoDB, no
Redis, no ``.env``, nothing from the process environment) and asked through Flask's test client,
so the SPA's generated types (``make api-types``) follow what a client really receives.

    .venv/bin/python frontend/scripts/served_openapi.py > openapi.json
"""

from __future__ import annotations

import json
import sys

from flamingo.app import create_app

# The one settings import of this script.
from flamingo.core.config import load_settings

DOCUMENT = "/api/v1/openapi.json"
# A fixed version: the served document carries APP_VERSION, which must not make the types stale.
ENVIRONMENT = {"APP_VERSION": "0.0.0", "LOG_LEVEL": "ERROR", "LOG_REQUESTS": "false"}


def served_document() -> dict[str, object]:
    app = create_app(load_settings(environ=ENVIRONMENT, env_file=None))
    response = app.test_client().get(DOCUMENT)
    if response.status_code != 200 or not response.is_json:
        raise SystemExit(f"GET {DOCUMENT} answered {response.status}, not a JSON document")
    document = response.get_json()
    if not isinstance(document, dict) or "paths" not in document:
        raise SystemExit(f"GET {DOCUMENT} is not an OpenAPI document")
    return document


def main() -> None:
    json.dump(served_document(), sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
