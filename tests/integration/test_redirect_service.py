"""The redirect on real gunicorn (2 workers, each with its own cache), redis-server and FerretDB."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import redis
import requests

from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer, wait_until

pytestmark = pytest.mark.integration

ROUNDS = 12  # requests per check: new connections, so both workers answer some


@pytest.fixture
def service(ferretdb: FerretDB, own_redis: RedisServer) -> Iterator[Service]:
    with running_service(ferretdb, own_redis) as running:
        yield running


def create(service: Service, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("target", "https://example.com/first")
    response = service.api("POST", "/api/v1/links", headers, json=body)
    assert response.status_code == 201, response.text
    link: dict[str, Any] = response.json()
    return link


def locations(service: Service, code: str) -> Counter[tuple[int, str | None]]:
    answers: Counter[tuple[int, str | None]] = Counter()
    for _ in range(ROUNDS):
        response = service.get("/" + code)
        answers[(response.status_code, response.headers.get("Location"))] += 1
    return answers


def test_edit_disable_delete_reach_every_worker_cache(service: Service) -> None:
    _, alice = service.user()
    link = create(service, alice)
    code, url = link["code"], f"/api/v1/links/{link['id']}"
    assert locations(service, code) == {(302, "https://example.com/first"): ROUNDS}  # warm both

    service.api("PATCH", url, alice, json={"target": "https://example.com/second"})
    assert locations(service, code) == {(302, "https://example.com/second"): ROUNDS}

    service.api("PATCH", url, alice, json={"redirect_status": 308})
    assert locations(service, code) == {(308, "https://example.com/second"): ROUNDS}

    service.api("PATCH", url, alice, json={"disabled": True})
    assert locations(service, code) == {(410, None): ROUNDS}

    service.api("PATCH", url, alice, json={"disabled": False})
    service.api("DELETE", url, alice)
    assert locations(service, code) == {(404, None): ROUNDS}


def test_negative_cache_is_cleared_when_the_code_is_created(service: Service) -> None:
    _, alice = service.user()
    assert locations(service, "coming-soon") == {(404, None): ROUNDS}
    create(service, alice, alias="coming-soon")
    assert locations(service, "coming-soon") == {(302, "https://example.com/first"): ROUNDS}


def test_head_and_410_answers(service: Service) -> None:
    _, alice = service.user()
    link = create(service, alice, max_clicks=2)
    for _ in range(5):
        assert service.head("/" + link["code"]).status_code == 302
    assert [service.get("/" + link["code"]).status_code for _ in range(3)] == [302, 302, 410]
    assert service.head("/" + link["code"]).status_code == 410
    gone = service.get("/" + link["code"], headers={"Accept": "application/json"})
    assert gone.status_code == 410
    assert gone.headers["Content-Type"] == "application/problem+json"
    page = service.get("/" + link["code"])
    assert page.headers["Content-Type"].startswith("text/html")
    assert service.get("/no-such-code").status_code == 404


def test_unlock_flow(service: Service) -> None:
    _, alice = service.user()
    link = create(service, alice, password="let me in", target="https://example.com/secret")
    first = service.get("/" + link["code"])
    assert first.status_code == 302
    assert first.headers["Location"] == f"/app/unlock/{link['code']}"
    unlock = f"{service.base}/api/v1/unlock/{link['code']}"
    assert requests.post(unlock, json={"password": "no"}, timeout=10).status_code == 403
    right = requests.post(unlock, json={"password": "let me in"}, timeout=10)
    assert right.status_code == 200 and right.json() == {"target": "https://example.com/secret"}


def test_max_clicks_under_50_concurrent_visitors(service: Service) -> None:
    _, alice = service.user()
    link = create(service, alice, max_clicks=10)
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda _: service.get("/" + link["code"]).status_code, range(50)))
    assert Counter(statuses) == {302: 10, 410: 40}
    got = service.api("GET", f"/api/v1/links/{link['id']}", alice).json()
    assert got["clicks_used"] == 50  # every attempt counted, exactly ten let through


def test_redis_down_redirects_still_answer_from_mongo(
    service: Service, own_redis: RedisServer
) -> None:
    _, alice = service.user()
    cached = create(service, alice, target="https://example.com/cached")
    fresh = create(service, alice, target="https://example.com/fresh")
    capped = create(service, alice, max_clicks=5)
    assert locations(service, cached["code"]) == {(302, "https://example.com/cached"): ROUNDS}

    own_redis.stop()
    assert locations(service, cached["code"]) == {(302, "https://example.com/cached"): ROUNDS}
    assert locations(service, fresh["code"]) == {(302, "https://example.com/fresh"): ROUNDS}
    assert service.get("/still-unknown").status_code == 404
    # The click cap lives in Redis: without it a capped link refuses rather than overshoot.
    refused = service.get("/" + capped["code"], headers={"Accept": "application/json"})
    assert refused.status_code == 503 and refused.headers["Retry-After"]

    own_redis.start()
    wait_until(lambda: service.get("/" + capped["code"]).status_code == 302, "capped link back")


def test_mongo_down_cached_redirects_work_and_the_api_says_503(own_redis: RedisServer) -> None:
    mongo = FerretDB()  # this test's own, as it is stopped
    mongo.start()
    try:
        with running_service(mongo, own_redis, workers=1, MONGO_TIMEOUT_MS="500") as service:
            _, alice = service.user()
            link = create(service, alice, target="https://example.com/kept")
            assert locations(service, link["code"]) == {(302, "https://example.com/kept"): ROUNDS}
            mongo.stop()
            assert locations(service, link["code"]) == {(302, "https://example.com/kept"): ROUNDS}
            uncached = service.get("/never-seen", headers={"Accept": "application/json"})
            assert uncached.status_code == 503
            assert uncached.json()["type"].endswith("/dependency-unavailable")
            api = service.api("GET", "/api/v1/links", alice)
            assert api.status_code == 503
            assert api.headers["Content-Type"] == "application/problem+json"
            # Authentication reads the token first, so its own 503 answers; both name MongoDB.
            assert api.json()["dependency"] == "mongo"
    finally:
        mongo.stop()


def _calls(client: redis.Redis, command: str) -> int:
    stats = client.info("commandstats")
    entry = stats.get(f"cmdstat_{command}")
    return int(entry["calls"]) if entry else 0


def test_warm_redirects_cost_redis_only_the_cap_counter(
    service: Service, own_redis: RedisServer
) -> None:
    _, alice = service.user()
    plain = create(service, alice)
    capped = create(service, alice, max_clicks=1000)
    client = redis.Redis.from_url(own_redis.url, decode_responses=True)
    for link in (plain, capped):
        locations(service, link["code"])  # warm both workers' caches
    counted = ("incr", "incrby", "get", "mget", "hget", "hgetall", "exists", "eval", "evalsha")
    before = {name: _calls(client, name) for name in counted}
    locations(service, plain["code"])
    after_plain = {name: _calls(client, name) for name in counted}
    assert after_plain == before  # no key read or written: the click went to the buffer
    locations(service, capped["code"])
    after_capped = {name: _calls(client, name) for name in counted}
    assert after_capped["incrby"] - after_plain["incrby"] == ROUNDS  # one INCR per visit
    assert {k: v for k, v in after_capped.items() if k != "incrby"} == {
        k: v for k, v in after_plain.items() if k != "incrby"
    }
