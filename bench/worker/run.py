"""Click worker throughput: events/s folded from a real Redis stream into MongoDB.

Fills the stream with synthetic click events (Zipf-distributed over links, a realistic UA mix,
80 % human), then runs the worker's own loop (``ClickWorker.step``, exactly what
``flamingo worker`` runs) until the stream is drained, and reports events per second.

    .venv/bin/python -m bench.worker.run --events 100000 --store ferretdb
    .venv/bin/python -m bench.worker.run --events 100000 --store none   # the worker's own ceiling

``--store none`` keeps everything real (Redis stream, consumer group, classification, HyperLogLog,
XACK) but replaces the MongoDB writes with no-ops: it shows what the worker itself costs
(``events_per_cpu_second``: events over the CPU time of the worker's process alone).
``--raw-events off`` skips building the raw click events (issue 18): the worker as it was before,
to compare in the same run (``on``, the default, builds them and writes them unless
``--store none``).
(mongomock is no stand-in for MongoDB here: it scans the whole collection on every update.)

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
from typing import Any

import pymongo
import redis
from bson import ObjectId

from flamingo.clicks.events import STREAM
from flamingo.clicks.rawevents import VisitFacts
from flamingo.clicks.worker import ClickWorker
from flamingo.core.indexes import ensure_indexes
from flamingo.stats.repository import LINK_DAYS
from tests.support.processes import FerretDB, RedisServer

HUMAN_AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{v}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.{v} Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_{v} like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel {v}) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:12{v}.0) Gecko/20100101 Firefox/12{v}.0",
]
BOT_AGENTS = [
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Twitterbot/1.0",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "curl/8.5.0",
    "python-requests/2.31.0",
]
REFERRERS = ["", "news.ycombinator.com", "t.co", "www.google.com", "l.facebook.com"] + [
    f"blog{i}.example.com" for i in range(20)
]
COUNTRIES = ["US", "DE", "FR", "GB", "IN", "BR", "JP", "", "CA", "NL", "ES", "IT"]


def _agents(rng: random.Random) -> list[str]:
    humans = [ua.format(v=v) for ua in HUMAN_AGENTS for v in range(8)]  # 40 distinct
    return [
        rng.choice(humans) if rng.random() < 0.8 else rng.choice(BOT_AGENTS) for _ in range(997)
    ]


def fill(client: redis.Redis, link_ids: list[str], events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    agents = _agents(rng)
    weights = [1 / (rank + 1) for rank in range(len(link_ids))]  # Zipf: hot links dominate
    now_ms = int(time.time() * 1000)
    chosen = rng.choices(link_ids, weights=weights, k=events)
    pipe = client.pipeline(transaction=False)
    for i, link_id in enumerate(chosen):
        pipe.xadd(
            STREAM,
            {
                "v": "1",
                "c": "bench",
                "l": link_id,
                "t": str(now_ms - rng.randrange(60_000)),  # a live stream: the last minute
                "r": rng.choice(REFERRERS),
                "g": rng.choice(COUNTRIES),
                "u": agents[i % len(agents)],
                "h": f"{rng.randrange(events // 3):x}",
            },
        )
        if i % 5000 == 4999:
            pipe.execute()
    pipe.execute()


def run(
    db: Any,
    client: redis.Redis,
    events: int,
    links: int,
    batch: int,
    *,
    sink: bool = False,
    raw_events: bool = True,
) -> dict[str, Any]:
    link_ids = [str(ObjectId()) for _ in range(links)]
    db.links.insert_many(
        [
            {"_id": ObjectId(i), "code": f"b{n}", "owner_id": f"owner{n % 50}"}
            for n, i in enumerate(link_ids)
        ]
    )
    fill(client, link_ids, events)
    worker = ClickWorker(client, db, batch_size=batch, consumer="bench")
    if sink:
        worker.stats.apply = lambda deltas: None  # type: ignore[method-assign]
        worker.raw.repo.insert_documents = len  # type: ignore[method-assign]
        # The links' clicks_total ($inc per link; mongomock scans the collection for each).
        worker.links.add_clicks = lambda totals: None  # type: ignore[method-assign]
    if not raw_events:
        worker.raw.add = lambda *args, **kwargs: VisitFacts("", {})  # type: ignore[method-assign]
        worker.raw.write = lambda: 0  # type: ignore[method-assign]
    worker.ensure_group()
    started, cpu = time.perf_counter(), time.process_time()
    done = 0
    while done < events:
        done += worker.step(block_ms=100)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    stored = sum(d["total"] for d in db[LINK_DAYS].find({}, {"total": 1})) if not sink else events
    if stored != events:
        raise SystemExit(f"lost or duplicated clicks: stored {stored} of {events}")
    return {
        "events": events,
        "links": links,
        "batch": batch,
        "seconds": round(elapsed, 2),
        "events_per_second": round(events / elapsed),
        # The worker's own CPU (this process; Redis and MongoDB are other processes): on a shared
        # machine far steadier than the wall clock.
        "cpu_seconds": round(cpu, 2),
        "events_per_cpu_second": round(events / cpu),
        "bucket_documents": db[LINK_DAYS].count_documents({}),
        "raw_events": raw_events,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--links", type=int, default=1_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--store", choices=["ferretdb", "none"], default="ferretdb")
    parser.add_argument("--raw-events", choices=["on", "off"], default="on")
    args = parser.parse_args()
    # SIGTERM (e.g. from `timeout`) must still run the finally below that stops the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    redis_server = RedisServer()
    redis_server.start()
    ferret = FerretDB() if args.store == "ferretdb" else None
    try:
        client = redis.Redis.from_url(redis_server.url, decode_responses=True)
        if ferret is not None:
            ferret.start()
            db: Any = pymongo.MongoClient(ferret.uri)["bench_worker"]
        else:
            import mongomock  # noqa: PLC0415

            db = mongomock.MongoClient()["bench_worker"]
        ensure_indexes(db)
        result = run(
            db,
            client,
            args.events,
            args.links,
            args.batch,
            sink=args.store == "none",
            raw_events=args.raw_events == "on",
        )
        result.update(store=args.store, python=platform.python_version(), date=time.strftime("%F"))
        print(json.dumps(result))
    finally:
        if ferret is not None:
            ferret.stop()
        redis_server.stop()


if __name__ == "__main__":
    main()
