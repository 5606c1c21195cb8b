"""Rule ``query`` keys MongoDB cannot store as field names, on FerretDB (issue 22, item 8).

A key starting with ``$`` or containing ``.`` was accepted by the embedded store and refused by a
MongoDB-wire server (a 500). Every store now answers the same: 422 naming the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration

BAD_KEYS = ["$where", "$", "utm.source", "a.b.c", ".x"]


@pytest.fixture(scope="module")
def module_redis() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def service(ferretdb: FerretDB, module_redis: RedisServer) -> Iterator[Service]:
    with running_service(ferretdb, module_redis, RATELIMIT_ENABLED="false") as running:
        yield running


@pytest.fixture(scope="module")
def alice(service: Service) -> dict[str, str]:
    return service.user()[1]


def _rules(key: str) -> list[dict[str, Any]]:
    return [{"if": {"query": {key: "nl"}}, "target": "https://example.com/newsletter"}]


def _refused(response: Any) -> None:
    assert response.status_code == 422, response.text
    body = response.json()
    assert response.headers["Content-Type"].startswith("application/problem+json")
    fields = [error["field"] for error in body["errors"]]
    assert any(field.startswith("rules.0.if.query") for field in fields), body


@pytest.mark.parametrize("key", BAD_KEYS)
def test_create_patch_and_batch_refuse_the_key(
    service: Service, alice: dict[str, str], key: str
) -> None:
    body = {"target": "https://example.com/", "rules": _rules(key)}
    _refused(service.api("POST", "/api/v1/links", alice, json=body))

    link = service.api("POST", "/api/v1/links", alice, json={"target": "https://example.com/"})
    assert link.status_code == 201, link.text
    url = f"/api/v1/links/{link.json()['id']}"
    _refused(service.api("PATCH", url, alice, json={"rules": _rules(key)}))

    batch = service.api("POST", "/api/v1/links/batch", alice, json={"items": [body]})
    assert batch.status_code < 500, batch.text
    (result,) = batch.json()["items"]
    assert result["status"] == 422, result


def test_an_ordinary_key_is_stored_and_matched(service: Service, alice: dict[str, str]) -> None:
    body = {"target": "https://example.com/", "rules": _rules("utm_source")}
    created = service.api("POST", "/api/v1/links", alice, json=body)
    assert created.status_code == 201, created.text
    code = created.json()["code"]
    matched = service.get(f"/{code}?utm_source=nl")
    assert matched.headers["Location"] == "https://example.com/newsletter"
    assert service.get(f"/{code}").headers["Location"] == "https://example.com/"
