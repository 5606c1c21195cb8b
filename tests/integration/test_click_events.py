"""Raw click events end to end on real servers: gunicorn → redis-server stream → ``flamingo
worker`` → FerretDB; filtered stats equal a brute-force count, counters and events agree, the
visit log holds no IP, the retention sweep (FerretDB has no TTL index) and erasure."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pymongo
import pytest
import redis
import requests

from flamingo.clicks.rawevents import RawEvents
from flamingo.stats.events import ClickEvent
from flamingo.stats.eventstore import ClickEventRepository, event_id
from tests.integration.pipeline_support import CHROME, Worker, create_link, owner_and_token, settled
from tests.support.processes import FerretDB, Gunicorn, RedisServer, backend_env, wait_until

pytestmark = pytest.mark.integration

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
# What each visit is: (user agent, country, language, utm_source)
VISITS = [
    (CHROME, "DE", "de-DE", "news"),
    (CHROME, "DE", "de", "news"),
    (CHROME, "DE", "en-GB", None),
    (IPHONE, "US", "en-US", "mail"),
    (IPHONE, "US", "", None),
    ("Twitterbot/1.0", "", "", "news"),
]


@pytest.fixture
def env(ferretdb: FerretDB, own_redis: RedisServer, tmp_path: Path) -> dict[str, str]:
    return backend_env(
        MONGO_URI=ferretdb.uri,
        REDIS_URL=own_redis.url,
        MONGO_DB=f"events_{uuid.uuid4().hex[:8]}",
        WEB_CONCURRENCY="1",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
        LOG_REQUESTS="false",
        WORKER_CLAIM_IDLE_MS="1000",
        CLICK_EVENTS_RETENTION_DAYS="60",
    )


@pytest.fixture
def db(env: dict[str, str]) -> Iterator[Any]:
    client: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(env["MONGO_URI"])
    yield client[env["MONGO_DB"]]
    client.drop_database(env["MONGO_DB"])
    client.close()


def _visit(base: str, code: str, visit: tuple[str, str, str, str | None]) -> None:
    ua, country, language, source = visit
    headers = {"User-Agent": ua, "Connection": "close"}
    if country:
        headers["X-Client-Geo-Location"] = f"{country},City"
    if language:
        headers["Accept-Language"] = language
    query = f"?utm_source={source}&utm_medium=social" if source else ""
    response = requests.get(
        f"{base}/{code}{query}", headers=headers, allow_redirects=False, timeout=10
    )
    assert response.status_code == 302


def test_a_redirect_becomes_an_event_and_a_filtered_stat(
    env: dict[str, str], db: Any, own_redis: RedisServer
) -> None:
    indexes = subprocess.run(
        [sys.executable, "-m", "flamingo.cli", "ensure-indexes"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert indexes.returncode == 0, indexes.stderr
    assert "click_events.at_retention (60 days)" in indexes.stdout
    retention = db.click_events.index_information()["at_retention"]
    assert "expireAfterSeconds" not in retention  # FerretDB v1: the worker sweeps instead
    web = Gunicorn(env)
    web.start()
    worker = Worker(env)
    worker.start()
    try:
        _, token = owner_and_token(db, "events@example.com")
        auth = {"Authorization": f"Bearer {token}"}
        link = create_link(web.base, token)
        for visit in VISITS:
            _visit(web.base, link["code"], visit)
        client = redis.Redis.from_url(own_redis.url, decode_responses=True)
        wait_until(
            lambda: db.click_events.count_documents({}) == len(VISITS) and settled(client),
            "every click stored as an event",
            timeout=60,
        )
        stats_url = f"{web.base}/api/v1/links/{link['id']}/stats"
        german = requests.get(f"{stats_url}?country=DE", headers=auth, timeout=10).json()
        assert german["source"] == "events"
        assert german["totals"]["total"] == sum(v[1] == "DE" for v in VISITS)
        news = requests.get(f"{stats_url}?utm_source=news&bot=false", headers=auth, timeout=10)
        assert news.json()["totals"]["total"] == sum(
            v[3] == "news" and not v[0].startswith("Twitterbot") for v in VISITS
        )
        counters = requests.get(stats_url, headers=auth, timeout=10).json()
        events = requests.get(f"{stats_url}?country=!ZZ", headers=auth, timeout=10).json()
        assert counters["source"] == "counters" and counters["totals"]["total"] == len(VISITS)
        for name in ("totals", "series", "countries", "languages", "utm_source", "devices"):
            assert events[name] == counters[name], name
        visits = requests.get(
            f"{web.base}/api/v1/links/{link['id']}/visits", headers=auth, timeout=10
        ).json()
        assert len(visits["items"]) == len(VISITS)
        assert "127.0.0.1" not in str(visits) and "127.0.0.1" not in str(
            list(db.click_events.find())
        )
        assert {v["language"] for v in visits["items"]} == {"de", "en", ""}
        erased = requests.delete(
            f"{web.base}/api/v1/links/{link['id']}/visits", headers=auth, timeout=10
        )
        assert erased.status_code == 204
        assert db.click_events.count_documents({"link_id": link["id"]}) == 0
    finally:
        worker.stop()
        web.stop()


def test_the_sweep_removes_expired_events_on_ferretdb(env: dict[str, str], db: Any) -> None:
    now = datetime.now(UTC)
    events = [
        ClickEvent(_id=event_id(at, f"entry-{n}"), at=at, link_id="a" * 24)
        for n, at in enumerate([now - timedelta(days=61), now - timedelta(days=59), now])
    ]
    repo = ClickEventRepository(db)
    assert repo.insert(events) == 3
    assert repo.insert(events) == 0  # a redelivered batch: nothing twice
    client = redis.Redis.from_url(env["REDIS_URL"])
    raw = RawEvents(client, db, retention_days=60)
    assert not raw.has_ttl_index()
    assert raw.housekeeping() == 1
    assert db.click_events.count_documents({}) == 2
