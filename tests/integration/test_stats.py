"""The analytics API on gunicorn + FerretDB: a year of buckets, CSV, overview, authorization."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pymongo
import pytest
import requests

from flamingo.core.indexes import ensure_indexes
from flamingo.stats.repository import ClickStatsRepository, DayDelta
from tests.integration.pipeline_support import create_link, owner_and_token
from tests.support.processes import FerretDB, Gunicorn, RedisServer, backend_env

pytestmark = pytest.mark.integration

START = date(2025, 1, 1)


@pytest.fixture
def service(
    ferretdb: FerretDB, own_redis: RedisServer, tmp_path: Path
) -> Iterator[tuple[Gunicorn, Any]]:
    database = f"stats_{uuid.uuid4().hex[:8]}"
    mongo: pymongo.MongoClient[dict[str, Any]] = pymongo.MongoClient(ferretdb.uri)
    ensure_indexes(mongo[database])
    server = Gunicorn(
        backend_env(
            MONGO_URI=ferretdb.uri,
            REDIS_URL=own_redis.url,
            MONGO_DB=database,
            PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
        )
    )
    server.start()
    yield server, mongo[database]
    server.stop()
    mongo.drop_database(database)
    mongo.close()


def _year_of_clicks(db: Any, link_id: str, owner_id: str) -> None:
    deltas = []
    for i in range(365):
        delta = DayDelta(link_id, (START + timedelta(days=i)).isoformat(), owner_id)
        for j in range(i % 4 + 1):
            delta.add(
                bot=j == 3,
                referrer="news.example.com" if j else "",
                country="DE" if j % 2 else "US",
                browser="Chrome",
                os="Windows",
                device="desktop",
            )
        deltas.append(delta)
    ClickStatsRepository(db).apply(deltas)


def test_a_year_of_stats_csv_and_overview(service: tuple[Gunicorn, Any]) -> None:
    web, db = service
    owner, token = owner_and_token(db, "year@example.com")
    link = create_link(web.base, token)
    _year_of_clicks(db, link["id"], owner)
    auth = {"Authorization": f"Bearer {token}"}
    expected_total = sum(i % 4 + 1 for i in range(365))

    response = requests.get(
        f"{web.base}/api/v1/links/{link['id']}/stats?from=2025-01-01&to=2025-12-31",
        headers=auth,
        timeout=10,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["series"]) == 365
    assert body["series"][2] == {
        "date": "2025-01-03",
        "total": 3,
        "human": 3,
        "bot": 0,
        "unique": 0,
    }
    assert body["totals"]["total"] == expected_total
    assert body["totals"]["bot"] == sum(1 for i in range(365) if i % 4 == 3)
    referrers = {row["key"]: row["count"] for row in body["referrers"]}
    assert referrers["news.example.com"] + referrers["(none)"] == expected_total

    csv_response = requests.get(
        f"{web.base}/api/v1/links/{link['id']}/stats.csv?from=2025-01-01&to=2025-12-31",
        headers=auth,
        timeout=10,
    )
    assert csv_response.status_code == 200
    lines = csv_response.text.splitlines()
    assert lines[0] == "section,key,date,total,human,bot,unique"
    assert sum(1 for line in lines if line.startswith("day,")) == 365

    overview = requests.get(
        f"{web.base}/api/v1/stats/overview?from=2025-01-01&to=2025-12-31", headers=auth, timeout=10
    ).json()
    assert overview["totals"]["total"] == expected_total
    assert overview["top_links"] == [
        {
            "id": link["id"],
            "code": link["code"],
            "title": link.get("title"),
            "total": expected_total,
        }
    ]


def test_another_users_link_stats_are_404(service: tuple[Gunicorn, Any]) -> None:
    web, db = service
    _, owner_token = owner_and_token(db, "owner@example.com")
    _, other_token = owner_and_token(db, "other@example.com")
    link = create_link(web.base, owner_token)
    for path in ("stats", "stats.csv"):
        response = requests.get(
            f"{web.base}/api/v1/links/{link['id']}/{path}",
            headers={"Authorization": f"Bearer {other_token}"},
            timeout=10,
        )
        assert response.status_code == 404
        assert response.headers["Content-Type"].startswith("application/problem+json")
    response = requests.get(
        f"{web.base}/api/v1/links/{link['id']}/stats?from=2025-02-01&to=2025-01-01",
        headers={"Authorization": f"Bearer {owner_token}"},
        timeout=10,
    )
    assert response.status_code == 422
