"""The OpenAPI 3.1 document: merged from every part, valid, and matching the routes served."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from flamingo.accounts.scopes import SCOPES
from flamingo.app import create_app
from flamingo.http import openapi
from tests.conftest import make_settings
from tests.support.links import FAST_HASH, user_headers

METHODS = {"get", "post", "put", "patch", "delete", "head"}
# Served, but not part of the public API document.
UNDOCUMENTED = {"/metrics", "/static/{filename}"}


@pytest.fixture
def app() -> Flask:
    return create_app(make_settings(LOG_REQUESTS="false", APP_VERSION="9.8.7", **FAST_HASH))


@pytest.fixture
def document() -> dict[str, Any]:
    return openapi.document()


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def _resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def test_document_is_3_1_and_every_ref_resolves(document: dict[str, Any]) -> None:
    assert document["openapi"] == "3.1.0"
    refs = _refs(document)
    assert refs
    for ref in refs:
        _resolve(document, ref)


def test_every_schema_is_valid_json_schema(document: dict[str, Any]) -> None:
    for name, schema in document["components"]["schemas"].items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:  # pragma: no cover - the failure message
            pytest.fail(f"components.schemas.{name}: {exc.message}")


def _served(app: Flask) -> set[tuple[str, str]]:
    served = set()
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:[a-z_]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        path = path.replace("{link_id}", "{id}")
        for method in (rule.methods or set()) - {"OPTIONS"}:
            if method == "HEAD" and "GET" in (rule.methods or set()) and path != "/{code}":
                continue  # Flask answers HEAD for every GET; only the redirect documents it
            served.add((path, method.lower()))
    return served


def test_every_route_is_documented_and_nothing_else(app: Flask, document: dict[str, Any]) -> None:
    documented = {
        (path, method)
        for path, operations in document["paths"].items()
        for method in operations
        if method in METHODS
    }
    served = {(p, m) for p, m in _served(app) if p not in UNDOCUMENTED}
    normalise = {(re.sub(r"\{[a-z_]+\}", "{}", p), m) for p, m in served}
    doc_normalised = {(re.sub(r"\{[a-z_]+\}", "{}", p), m) for p, m in documented}
    assert normalise - doc_normalised == set(), "served but not documented"
    assert doc_normalised - normalise == set(), "documented but not served"


def test_every_operation_has_a_unique_id_and_responses(document: dict[str, Any]) -> None:
    ids = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            ids.append(operation["operationId"])
            assert "responses" in operation, f"{method} {path}"
    assert len(ids) == len(set(ids)), "operationIds must be unique"


def test_served_with_the_app_version(client: FlaskClient) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["info"]["version"] == "9.8.7"
    assert "/api/v1/links" in body["paths"] and "/{code}" in body["paths"]


def test_a_second_definition_of_an_operation_fails_loudly() -> None:
    into: dict[str, Any] = {"paths": {"/x": {"get": {}}}}
    with pytest.raises(openapi.OpenApiConflict, match="GET /x"):
        openapi.merge_part(into, {"paths": {"/x": {"get": {}}}}, "part.yaml")
    openapi.merge_part(into, {"paths": {"/x": {"post": {}}}}, "part.yaml")  # another method: fine
    assert set(into["paths"]["/x"]) == {"get", "post"}
    components: dict[str, Any] = {"components": {"schemas": {"Link": {}}}}
    with pytest.raises(openapi.OpenApiConflict, match=r"schemas\.Link"):
        openapi.merge_part(components, {"components": {"schemas": {"Link": {}}}}, "part.yaml")


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> jsonschema.Validator:
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:openapi", resource)
    return jsonschema.Draft202012Validator(
        {"$ref": "urn:openapi#" + schema["$ref"][1:]}, registry=registry
    )


def test_api_answers_match_their_schemas(
    app: Flask, client: FlaskClient, document: dict[str, Any]
) -> None:
    headers = user_headers(app, "alice@example.com")
    created = client.post(
        "/api/v1/links",
        json={"target": "https://example.com", "tags": ["a"], "max_clicks": 3},
        headers=headers,
    )
    link_schema = document["paths"]["/api/v1/links"]["post"]["responses"]["201"]
    _validator(document, link_schema["content"]["application/json"]["schema"]).validate(
        created.get_json()
    )
    page = client.get("/api/v1/links", headers=headers).get_json()
    _validator(document, {"$ref": "#/components/schemas/LinkPage"}).validate(page)
    batch = client.post(
        "/api/v1/links/batch",
        json={"items": [{"target": "https://example.com"}, {"target": "nope"}]},
        headers=headers,
    )
    _validator(document, {"$ref": "#/components/schemas/BatchResult"}).validate(batch.get_json())
    error = client.post("/api/v1/links", json={"target": 1}, headers=headers)
    _validator(document, {"$ref": "#/components/schemas/Problem"}).validate(error.get_json())


def test_the_scope_enum_is_the_one_list_of_scopes(document: dict[str, Any]) -> None:
    assert tuple(document["components"]["schemas"]["Scope"]["enum"]) == SCOPES


def test_every_answered_timestamp_uses_the_one_format(document: dict[str, Any]) -> None:
    """Response schemas name ``Timestamp`` (pattern-checked by the answer tests above) rather
    than a bare ``format: date-time`` that any of several renderings would satisfy."""
    schemas = document["components"]["schemas"]
    for name in ("User", "ApiToken", "Link", "BlockedDomain"):
        for field, schema in schemas[name]["properties"].items():
            if field.endswith("_at"):
                assert "Timestamp" in str(schema), f"{name}.{field} is not a Timestamp"
