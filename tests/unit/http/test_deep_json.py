"""Deeply nested JSON is refused as a 400 problem before anything recurses (issue 22, item 2).

A parser, a validator or an encoder that recurses once per level turns 1,000 nested arrays into a
``RecursionError`` (a 500). Every JSON endpoint, signed in or not, must refuse such a body first.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flamingo.app import create_app
from flamingo.core.problems import PROBLEM_TYPE_BASE
from flamingo.http.bodies import MAX_JSON_DEPTH
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, user_headers

TOO_DEEP = PROBLEM_TYPE_BASE + "json-too-deep"


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app(make_settings(LOG_REQUESTS="false", RATELIMIT_ENABLED="false", **FAST_HASH))


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


def _nested_arrays(depth: int) -> str:
    return "[" * depth + "]" * depth


def _json_posts(app: Flask) -> list[str]:
    """Every POST/PATCH/PUT path of the OpenAPI document whose body is JSON, made concrete."""
    client = app.test_client()
    document = client.get("/api/v1/openapi.json").get_json()
    paths = []
    for path, operations in document["paths"].items():
        for method in ("post", "patch", "put"):
            body = operations.get(method, {}).get("requestBody", {})
            if "application/json" in body.get("content", {}):
                concrete = path
                for name in ("id", "code", "host", "user_id", "token"):
                    concrete = concrete.replace("{" + name + "}", "x1234567")
                paths.append(f"{method.upper()} {concrete}")
    return paths


@pytest.mark.parametrize(
    "path", ["/api/v1/auth/login", "/api/v1/links", "/api/v1/unlock/abcdefg", "/api/v1/auth/signup"]
)
@pytest.mark.parametrize("signed_in", [False, True])
def test_a_thousand_nested_arrays_are_a_400_problem(
    client: FlaskClient, alice: dict[str, str], path: str, *, signed_in: bool
) -> None:
    response = client.post(
        path,
        data=_nested_arrays(1000),
        content_type="application/json",
        headers=alice if signed_in else {},
    )
    if path == "/api/v1/links" and not signed_in:
        assert response.status_code == 401  # who may not create links learns nothing more
        return
    assert response.status_code == 400, response.data
    assert problem(response)["type"] == TOO_DEEP


def test_every_json_endpoint_refuses_deep_bodies(app: Flask, alice: dict[str, str]) -> None:
    client = app.test_client()
    posts = _json_posts(app)
    assert len(posts) > 10  # the document was read
    for entry in posts:
        method, path = entry.split(" ", 1)
        body = '{"a": ' + _nested_arrays(5000) + "}"
        response = client.open(
            path, method=method, data=body, content_type="application/json", headers=alice
        )
        assert response.status_code < 500, (entry, response.data)
        if response.status_code == 400:
            assert problem(response)["type"] == TOO_DEEP, entry


def test_brackets_inside_strings_do_not_count(client: FlaskClient) -> None:
    body = json.dumps({"email": "[" * 5000 + "@example.com", "password": "{" * 5000})
    response = client.post("/api/v1/auth/login", data=body, content_type="application/json")
    assert response.status_code != 400 or problem(response)["type"] != TOO_DEEP


def _nest(depth: int, leaf: Any, kinds: list[bool]) -> Any:
    value = leaf
    for level in range(depth):
        value = {"k": value} if kinds[level % len(kinds)] else [value]
    return value


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    depth=st.integers(min_value=1, max_value=3000),
    kinds=st.lists(st.booleans(), min_size=1, max_size=8),
    leaf=st.one_of(st.none(), st.integers(), st.text(max_size=20), st.just('[{\\"')),
    path=st.sampled_from(["/api/v1/auth/login", "/api/v1/links", "/api/v1/unlock/abcdefg"]),
)
def test_fuzzed_nesting_is_never_a_server_error(  # noqa: PLR0917 - hypothesis passes by name
    client: FlaskClient, alice: dict[str, str], depth: int, kinds: list[bool], leaf: Any, path: str
) -> None:
    body = json.dumps({"target": _nest(depth, leaf, kinds)}) if depth < 900 else None
    raw = body if body is not None else _nested_text(depth, kinds)
    response = client.post(path, data=raw, content_type="application/json", headers=alice)
    assert response.status_code < 500, response.data
    if depth + 1 > MAX_JSON_DEPTH:
        assert response.status_code == 400
        assert problem(response)["type"] == TOO_DEEP
    elif response.status_code >= 400:
        assert problem(response)["type"] != TOO_DEEP


def _nested_text(depth: int, kinds: list[bool]) -> str:
    # json.dumps itself recurses: build very deep bodies as text.
    opens = "".join('{"k":' if kinds[i % len(kinds)] else "[" for i in range(depth))
    closes = "".join("}" if kinds[i % len(kinds)] else "]" for i in reversed(range(depth)))
    return '{"target":' + opens + "null" + closes + "}"
