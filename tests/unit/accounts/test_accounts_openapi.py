"""The OpenAPI document describes every accounts route the app serves, and nothing more."""

from __future__ import annotations

import re

from flask import Flask

from flamingo.http import openapi

PREFIXES = (
    "/api/v1/auth/",
    "/api/v1/me",
    "/api/v1/tokens",
    "/api/v1/admin/users",
    "/api/v1/admin/blocklist",
)


def _served(app: Flask) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PREFIXES):
            path = re.sub(r"<(?:[^:>]+:)?[^>]+>", "{}", rule.rule)
            routes |= {
                (m.lower(), path) for m in rule.methods or () if m not in {"HEAD", "OPTIONS"}
            }
    return routes


def _documented() -> set[tuple[str, str]]:
    paths = openapi.document()["paths"]
    return {
        (method, re.sub(r"\{[^}]+\}", "{}", path))
        for path, item in paths.items()
        if path.startswith(PREFIXES)
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_accounts_route_is_documented(app: Flask) -> None:
    served = _served(app)
    assert len(served) >= 14
    assert served == _documented()


def test_accounts_schemas_forbid_unknown_fields() -> None:
    schemas = openapi.document()["components"]["schemas"]
    for name in ("Credentials", "PasswordChange", "ApiTokenCreate", "BlockedDomainCreate"):
        assert schemas[name]["additionalProperties"] is False, name
