"""Raw click events: one document per click vs one per link and minute, on FerretDB.

Writes ``--events`` synthetic clicks (Zipf over ``--links`` links, spread over the last
``--minutes`` minutes: 43,200 is a month of history, 10 a live burst) in worker-sized batches, in
each shape, then times a filtered query of the hottest link over ``--days`` days (``country=DE``,
folded in Python the way the stats service does):

* ``click``  — ``insert_many`` of ``ClickEvent`` documents (what ``click_events`` stores):
  inserts by ``_id`` only;
* ``minute`` — ``update_one(upsert=True)`` with ``$push`` of the clicks into
  ``"<link_id>:<YYYYMMDDHHMM>"`` documents, in slices of 50 upserts (FerretDB hangs at 100).

    .venv/bin/python -m bench.events.shape --events 5000 --links 50 --minutes 43200
    .venv/bin/python -m bench.events.shape --events 5000 --links 50 --minutes 10

Starts its own FerretDB on a free port and stops it at the end.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import signal
import statistics
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pymongo
from bson import ObjectId
from pymongo import UpdateOne

from flamingo.stats.events import ClickEvent
from flamingo.stats.eventstore import event_id, id_range
from tests.support.processes import FerretDB

COUNTRIES = ["US", "DE", "FR", "GB", "IN", "BR", "JP", "", "CA", "NL"]
BATCH = 1000
SLICE = 50


def generate(events: int, links: int, minutes: int, seed: int = 5) -> list[ClickEvent]:
    rng = random.Random(seed)
    link_ids = [str(ObjectId()) for _ in range(links)]
    weights = [1 / (rank + 1) for rank in range(links)]
    now = datetime.now(UTC)
    made = []
    for n, link_id in enumerate(rng.choices(link_ids, weights=weights, k=events)):
        at = now - timedelta(seconds=rng.randrange(minutes * 60))
        at = at.replace(microsecond=at.microsecond // 1000 * 1000)
        made.append(
            ClickEvent(
                _id=event_id(at, f"{n}-0"),
                at=at,
                link_id=link_id,
                workspace_id="w",
                country=rng.choice(COUNTRIES),
                referrer=rng.choice(["", "t.co", "news.example"]),
                browser=rng.choice(["Chrome", "Safari", "Firefox"]),
                os="Windows",
                device=rng.choice(["desktop", "mobile"]),
                bot=rng.random() < 0.2,
                language=rng.choice(["en", "de", ""]),
                visitor=f"{rng.randrange(events // 3):x}",
            )
        )
    return made


def write_clicks(db: Any, events: list[ClickEvent]) -> float:
    started = time.perf_counter()
    for i in range(0, len(events), BATCH):
        db.click_events.insert_many([e.to_doc() for e in events[i : i + BATCH]], ordered=False)
    return time.perf_counter() - started


def write_minutes(db: Any, events: list[ClickEvent]) -> float:
    started = time.perf_counter()
    for i in range(0, len(events), BATCH):
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event in events[i : i + BATCH]:
            doc = event.to_doc()
            grouped[f"{event.link_id}:{event.at:%Y%m%d%H%M}"].append(doc)
        ops = [
            UpdateOne(
                {"_id": key},
                {
                    "$push": {"clicks": {"$each": docs}},
                    "$setOnInsert": {
                        "link_id": docs[0]["link_id"],
                        "minute": docs[0]["at"].replace(second=0, microsecond=0),
                    },
                },
                upsert=True,
            )
            for key, docs in grouped.items()
        ]
        for j in range(0, len(ops), SLICE):
            db.click_minutes.bulk_write(ops[j : j + SLICE], ordered=False)
    return time.perf_counter() - started


def query_clicks(db: Any, link_id: str, days: int) -> int:
    last = datetime.now(UTC).date()
    found = db.click_events.find(
        {"link_id": link_id, "country": "DE", "_id": id_range(last - timedelta(days=days), last)}
    )
    return sum(1 for doc in found if ClickEvent.from_doc(doc))


def query_minutes(db: Any, link_id: str, days: int) -> int:
    since = datetime.now(UTC) - timedelta(days=days + 1)
    count = 0
    for doc in db.click_minutes.find({"link_id": link_id, "minute": {"$gte": since}}):
        count += sum(1 for c in doc["clicks"] if c.get("country") == "DE")
    return count


def _timed(runs: int, call: Any) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--links", type=int, default=50)
    parser.add_argument("--minutes", type=int, default=43_200)
    parser.add_argument("--days", type=int, default=31)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ferret = FerretDB()
    ferret.start()
    try:
        db: Any = pymongo.MongoClient(ferret.uri)["bench_events"]
        db.click_events.create_index([("link_id", 1), ("_id", -1)], name="link_newest")
        db.click_minutes.create_index([("link_id", 1), ("minute", 1)], name="link_minute")
        events = generate(args.events, args.links, args.minutes)
        hot = max(set(e.link_id for e in events), key=[e.link_id for e in events].count)
        expected = sum(1 for e in events if e.link_id == hot and e.country == "DE")
        click_s = write_clicks(db, events)
        print(f"click documents written in {click_s:.1f} s", file=sys.stderr, flush=True)
        minute_s = write_minutes(db, events)
        print(f"minute documents written in {minute_s:.1f} s", file=sys.stderr, flush=True)
        click_ms, click_n = _timed(args.runs, lambda: query_clicks(db, hot, args.days))
        minute_ms, minute_n = _timed(args.runs, lambda: query_minutes(db, hot, args.days))
        if not click_n == minute_n == expected:
            raise SystemExit(f"counts differ: {click_n} {minute_n} expected {expected}")
        print(
            json.dumps(
                {
                    "events": args.events,
                    "links": args.links,
                    "minutes": args.minutes,
                    "query_days": args.days,
                    "click_write_events_per_s": round(args.events / click_s),
                    "minute_write_events_per_s": round(args.events / minute_s),
                    "click_documents": db.click_events.count_documents({}),
                    "minute_documents": db.click_minutes.count_documents({}),
                    "hot_link_de_clicks": expected,
                    "click_query_p50_ms": round(click_ms, 1),
                    "minute_query_p50_ms": round(minute_ms, 1),
                    "python": platform.python_version(),
                    "date": time.strftime("%F"),
                }
            )
        )
    finally:
        ferret.stop()


if __name__ == "__main__":
    main()
