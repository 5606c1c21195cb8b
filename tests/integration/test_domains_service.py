"""Branded domains, redirect rules, splits and orphan visits on the real stack: gunicorn with
2 workers (each with its own link cache, kept in step by Redis pub/sub), redis-server, FerretDB,
the click worker, and ``flamingo ensure-indexes`` run as the chart's hook Job runs it."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pymongo
import pytest
import redis

from flamingo.clicks.worker import ClickWorker
from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer, backend_env

pytestmark = pytest.mark.integration

ROUNDS = 10  # new connections each: both workers answer some
DEFAULT = "127.0.0.1"  # the host of PUBLIC_BASE_URL below
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148"


@pytest.fixture
def service(ferretdb: FerretDB, own_redis: RedisServer) -> Iterator[Service]:
    with running_service(ferretdb, own_redis, PUBLIC_BASE_URL="http://127.0.0.1:9") as running:
        yield running


def create(service: Service, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    body.setdefault("target", "https://example.com/default")
    response = service.api("POST", "/api/v1/links", headers, json=body)
    assert response.status_code == 201, response.text
    link: dict[str, Any] = response.json()
    return link


def answers(service: Service, path: str, **headers: str) -> Counter[tuple[int, str | None]]:
    seen: Counter[tuple[int, str | None]] = Counter()
    for _ in range(ROUNDS):
        response = service.get(path, headers=headers)
        seen[(response.status_code, response.headers.get("Location"))] += 1
    return seen


def test_two_domains_rules_and_splits_on_every_worker(service: Service) -> None:
    _, admin = service.user(role="admin")
    _, alice = service.user()
    made = service.api(
        "POST",
        "/api/v1/admin/domains",
        admin,
        json={"host": "b.example", "not_found_redirect": "https://b.example.org/missing"},
    )
    assert made.status_code == 201, made.text
    create(service, alice, alias="same", target="https://one.example/")
    create(service, alice, alias="same", domain="b.example", target="https://two.example/")
    assert answers(service, "/same") == {(302, "https://one.example/"): ROUNDS}
    assert answers(service, "/same", Host="b.example") == {(302, "https://two.example/"): ROUNDS}
    assert answers(service, "/same", Host="evil.example") == {(404, None): ROUNDS}
    missing = answers(service, "/nothing", Host="b.example")
    assert missing == {(302, "https://b.example.org/missing"): ROUNDS}

    ruled = create(
        service,
        alice,
        rules=[
            {"if": {"language": "de"}, "target": "https://example.com/de"},
            {"if": {"device": "mobile"}, "target": "https://example.com/mobile"},
        ],
        forward_query=True,
    )
    path = f"/{ruled['code']}?ref=mail"
    german = answers(service, path, **{"Accept-Language": "de-DE,en;q=0.5", "User-Agent": IPHONE})
    assert german == {(302, "https://example.com/de?ref=mail"): ROUNDS}
    mobile = answers(service, path, **{"Accept-Language": "en", "User-Agent": IPHONE})
    assert mobile == {(302, "https://example.com/mobile?ref=mail"): ROUNDS}

    split = create(
        service,
        alice,
        variants=[
            {"target": "https://example.com/a", "weight": 1},
            {"target": "https://example.com/b", "weight": 1},
        ],
    )
    targets = set()
    for i in range(40):
        seen = answers(service, "/" + split["code"], **{"User-Agent": f"visitor {i}"})
        assert len(seen) == 1, "sticky: every worker sends a visitor to the same variant"
        targets |= {location for _, location in seen}
    assert targets == {"https://example.com/a", "https://example.com/b"}

    changed = service.api(
        "PATCH", "/api/v1/admin/domains/b.example", admin, json={"not_found_redirect": None}
    )
    assert changed.status_code == 200
    assert answers(service, "/nothing", Host="b.example") == {(404, None): ROUNDS}


def _drain(service: Service) -> None:
    client = redis.Redis.from_url(service.env["REDIS_URL"], decode_responses=True)
    worker = ClickWorker(client, service.db, consumer=f"t-{uuid.uuid4().hex[:6]}")
    worker.ensure_group()
    while worker.step(block_ms=200):
        pass


def test_orphan_visits_and_rule_clicks_reach_the_stats(service: Service) -> None:
    _, admin = service.user(role="admin")
    _, alice = service.user()
    ruled = create(
        service, alice, rules=[{"if": {"device": "mobile"}, "target": "https://m.example/"}]
    )
    for _ in range(3):
        assert service.get("/" + ruled["code"], headers={"User-Agent": IPHONE}).status_code == 302
    for _ in range(4):
        assert service.get("/no-such-code").status_code == 404
    _drain(service)  # the buffers flush every 20 ms; the worker may need several passes
    for _ in range(50):
        stats = service.api("GET", f"/api/v1/links/{ruled['id']}/stats", alice).json()
        orphans = service.api("GET", "/api/v1/admin/stats/orphans", admin).json()
        if stats["rules"][0]["clicks"] == 3 and orphans["top"]:
            break
        _drain(service)
    assert stats["rules"] == [{"index": 0, "clicks": 3}]
    assert orphans["top"] == [{"domain": DEFAULT, "code": "no-such-code", "count": 4}]


def test_ensure_indexes_migrates_a_database_that_already_has_links(
    ferretdb: FerretDB, own_redis: RedisServer
) -> None:
    """A database from before branded domains: links without ``domain``, codes globally unique."""
    name = f"flamingo_migrate_{uuid.uuid4().hex[:8]}"
    client: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(ferretdb.uri, tz_aware=True)
    db = client[name]
    db["links"].create_index("code", name="code_unique", unique=True)
    for code in ("legacy1", "legacy2"):
        db["links"].insert_one(
            {
                "code": code,
                "owner_id": "u",
                "target": f"https://{code}.example/",
                "created_at": datetime.now(UTC),
            }
        )
    env = backend_env(
        MONGO_URI=ferretdb.uri,
        REDIS_URL=own_redis.url,
        MONGO_DB=name,
        PUBLIC_BASE_URL="https://s.example",
    )
    for expected in ("links given the default domain: 2", "links given the default domain: 0"):
        result = subprocess.run(
            [sys.executable, "-m", "flamingo.cli", "ensure-indexes"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        assert expected in result.stdout, result.stdout + result.stderr
    assert {doc["domain"] for doc in db["links"].find({})} == {"s.example"}
    indexes = db["links"].index_information()
    assert "code_unique" not in indexes and "domain_code_unique" in indexes
    db["links"].insert_one(
        {"code": "legacy1", "domain": "b.example", "owner_id": "u", "target": "x"}
    )
    client.close()
