"""Stats query time: a year of one link's clicks (1,000,000 by default) on FerretDB.

Generates the bucket documents those clicks fold into (365 per link, with realistic breakdowns),
plus other links' buckets so the index has to find the right ones, then times
``GET /api/v1/links/{id}/stats?from&to`` for 365 days inside the app (the server time: routing,
token check, query, response; no socket) and the query alone.

    .venv/bin/python -m bench.stats.run --clicks 1000000 --other-links 0

Starts its own redis-server and FerretDB on free ports and stops them at the end.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import signal
import sys
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

from bson import ObjectId

from bench.events.stats import insert_link, timed
from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import Users
from flamingo.app import create_app
from flamingo.core import context
from flamingo.core.config import load_settings
from flamingo.core.indexes import ensure_indexes
from flamingo.stats.documents import BREAKDOWNS, escape_key
from flamingo.stats.reports import link_report
from flamingo.stats.repository import LINK_DAYS, ClickStatsRepository, DayDelta
from tests.support.processes import FerretDB, RedisServer

START = date(2025, 1, 1)
DAYS = 365
VALUES = {
    "referrers": ["(none)", "t.co", "news.ycombinator.com", "www.google.com"]
    + [f"blog{i}.example.com" for i in range(40)],
    "countries": ["US", "DE", "FR", "GB", "IN", "BR", "JP", "CA", "NL", "ES", "IT", "(none)"],
    "browsers": ["Chrome", "Safari", "Firefox", "Mobile Safari", "Chrome Mobile", "Edge", "curl"]
    + [f"Bot{i}" for i in range(20)],
    "os": ["Windows", "Mac OS X", "iOS", "Android", "Linux", "Other"],
    "devices": ["desktop", "mobile", "tablet", "bot", "other"],
}


def _split(rng: random.Random, total: int, keys: list[str]) -> Counter[str]:
    weights = [1 / (i + 1) for i in range(len(keys))]
    return Counter(rng.choices(keys, weights=weights, k=min(total, 2000))) if total else Counter()


def day_delta(rng: random.Random, link_id: str, owner: str, day: date, clicks: int) -> DayDelta:
    delta = DayDelta(link_id, day.isoformat(), owner)
    delta.total = clicks
    delta.bot = clicks // 7
    delta.human = clicks - delta.bot
    delta.unique = delta.human // 3
    for name in BREAKDOWNS:
        sample = _split(rng, clicks, VALUES[name])
        scale = clicks / max(sum(sample.values()), 1)
        delta.breakdowns[name] = Counter(
            {escape_key(k): max(1, round(v * scale)) for k, v in sample.items()}
        )
    return delta


def generate(db: Any, link_id: str, owner: str, clicks: int, other_links: int) -> None:
    rng = random.Random(3)
    per_day = clicks // DAYS
    days = [START + timedelta(days=i) for i in range(DAYS)]
    deltas = [
        day_delta(rng, link_id, owner, d, per_day + (i < clicks % DAYS)) for i, d in enumerate(days)
    ]
    ClickStatsRepository(db).apply(deltas)
    # Other links' days, inserted directly (what their $inc upserts would have produced).
    for n in range(other_links):
        other = str(ObjectId())
        db[LINK_DAYS].insert_many(
            [
                {
                    "_id": f"{other}:{d.isoformat()}",
                    "link_id": other,
                    "day": d.isoformat(),
                    "owner_id": owner,
                    "total": 10,
                    "human": 9,
                    "bot": 1,
                    "unique": 3,
                    "referrers": {"t%2Eco": 10},
                    "countries": {"US": 10},
                }
                for d in days
            ]
        )
        if n % 50 == 49:
            print(f"  other links: {n + 1}/{other_links}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--clicks", type=int, default=1_000_000)
    parser.add_argument("--other-links", type=int, default=0)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    # SIGTERM (e.g. from `timeout`) must still run the finally below that stops the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    redis_server, ferret = RedisServer(), FerretDB()
    redis_server.start()
    ferret.start()
    try:
        settings = load_settings(
            environ={
                "MONGO_URI": ferret.uri,
                "REDIS_URL": redis_server.url,
                "MONGO_DB": "bench_stats",
                "LOG_REQUESTS": "false",
                "LOG_LEVEL": "WARNING",
                "RATELIMIT_ENABLED": "false",
            },
            env_file=None,
        )
        app = create_app(settings)
        db = context.stores_of(app).db
        ensure_indexes(db)
        owner = Users(db).create("bench@example.com", "not-a-real-hash").id
        _, token = Tokens(db).create(owner, "bench", ["stats:read"], None)
        link_id = insert_link(db, owner)
        started = time.perf_counter()
        generate(db, link_id, owner, args.clicks, args.other_links)
        generated_s = time.perf_counter() - started
        client = app.test_client()
        url = f"/api/v1/links/{link_id}/stats?from=2025-01-01&to=2025-12-31"
        headers = {"Authorization": f"Bearer {token}"}
        body = client.get(url, headers=headers).get_json()
        if body["totals"]["total"] != args.clicks:
            raise SystemExit(
                f"expected {args.clicks} clicks, the API says {body['totals']['total']}"
            )
        repo = ClickStatsRepository(db)
        result = {
            "clicks": args.clicks,
            "documents": db[LINK_DAYS].count_documents({}),
            "generate_s": round(generated_s, 1),
            "api_365_days": timed(lambda: client.get(url, headers=headers), args.runs, ferret.pid),
            "api_csv_365_days": timed(
                lambda: client.get(url.replace("/stats?", "/stats.csv?"), headers=headers),
                args.runs,
                ferret.pid,
            ),
            "query_only_365_days": timed(
                lambda: link_report(repo, link_id, START, START + timedelta(days=DAYS - 1)),
                args.runs,
                ferret.pid,
            ),
            "python": platform.python_version(),
            "date": time.strftime("%F"),
        }
        print(json.dumps(result))
    finally:
        ferret.stop()
        redis_server.stop()


if __name__ == "__main__":
    main()
