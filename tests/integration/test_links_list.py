"""The links list's ``?sort=clicks`` on real gunicorn, redis-server and FerretDB: the worker's
bulk ``$inc`` of ``clicks_total``, and cursors over ties and links never clicked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from flamingo.links.repository import LinkRepository
from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def service(ferretdb: FerretDB) -> Iterator[Service]:
    redis = RedisServer()
    redis.start()
    try:
        with running_service(ferretdb, redis) as running:
            yield running
    finally:
        redis.stop()


def test_most_clicked_first_pages_every_link_once(service: Service) -> None:
    _, alice = service.user()
    links: list[dict[str, Any]] = []
    for i in range(7):
        response = service.api(
            "POST",
            "/api/v1/links",
            alice,
            json={"target": "https://example.com/", "title": f"l{i}"},
        )
        assert response.status_code == 201, response.text
        links.append(response.json())
    counts = [0, 2, 1, 2, 0, 3, 0]
    # As the click worker adds a folded batch (one bulk write), in two batches.
    repo = LinkRepository(service.db)
    repo.add_clicks({link["id"]: 1 for link, n in zip(links, counts, strict=True) if n})
    repo.add_clicks({link["id"]: n - 1 for link, n in zip(links, counts, strict=True) if n > 1})
    seen: list[tuple[int, str]] = []
    cursor = None
    while True:
        params = {"sort": "clicks", "limit": "2", **({"cursor": cursor} if cursor else {})}
        response = service.api("GET", "/api/v1/links", alice, params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        seen += [(item["clicks"]["total"], item["title"]) for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    # Most clicked first; ties by id, newest first (ids made by two gunicorn workers in one second
    # need not follow the order of the requests, so the expectation orders by the ids).
    ranked = sorted(zip(counts, links, strict=True), key=lambda p: (p[0], p[1]["id"]), reverse=True)
    assert seen == [(n, link["title"]) for n, link in ranked]
    assert [n for n, _ in seen] == [3, 2, 2, 1, 0, 0, 0]
