"""Our own domains on the real stack (issue 22, item 7): gunicorn with 2 workers (each with its
own cache), redis-server and FerretDB. A domain added after a link (or another domain's redirect)
points at it ends the loop in every worker at once: the set of our hosts is dropped with the
domain's invalidation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.test_domains_service import ROUNDS, answers, create
from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration


@pytest.fixture
def service(ferretdb: FerretDB, own_redis: RedisServer) -> Iterator[Service]:
    with running_service(ferretdb, own_redis, PUBLIC_BASE_URL="http://127.0.0.1:9") as running:
        yield running


def test_a_domain_added_later_is_never_followed_by_any_worker(service: Service) -> None:
    _, admin = service.user(role="admin")
    _, alice = service.user()
    made = service.api(
        "POST",
        "/api/v1/admin/domains",
        admin,
        json={"host": "first.example", "root_redirect": "https://later.example/"},
    )
    assert made.status_code == 201, made.text
    link = create(service, alice, target="https://later.example/page")
    # Warm both workers' caches while later.example is someone else's site.
    assert answers(service, f"/{link['code']}") == {(302, "https://later.example/page"): ROUNDS}
    assert answers(service, "/", Host="first.example") == {(302, "https://later.example/"): ROUNDS}

    added = service.api("POST", "/api/v1/admin/domains", admin, json={"host": "later.example"})
    assert added.status_code == 201, added.text

    assert answers(service, f"/{link['code']}") == {(410, None): ROUNDS}
    assert answers(service, "/", Host="first.example") == {(404, None): ROUNDS}
    refused = service.api(
        "POST", "/api/v1/links", alice, json={"target": "https://later.example/again"}
    )
    assert refused.status_code == 422 and refused.json()["type"].endswith("/target-own-domain")
