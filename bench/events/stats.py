"""Filtered stats from raw click events on FerretDB: one link with N events over 30 days.

Generates ``--events`` click events of one link, spread evenly over the last 30 UTC days (today
included), in ``ClickEvent``'s document shape (what the worker writes), straight into
``click_events`` with ``insert_many`` (batches of ``--insert-batch``), then times
``GET /api/v1/links/{id}/stats?from&to&<filter>`` inside the app (Flask test client: routing,
bearer-token check, the query, the fold, JSON; no socket) for ``country=DE`` and
``country=DE&device=mobile``, ``--runs`` times each, and checks the answer against a count the
server makes itself (``count_documents``).

It also times where the answer's time goes, stage by stage (``--profile``):

* ``server_count``  — ``count_documents`` of the filter: FerretDB reads and filters every event
  of the collection and returns none of them (its scan alone);
* ``server_find``   — the same ``find`` the service sends, returned as raw BSON (scan + sending
  the k matching documents; no decoding in Python);
* ``decode``        — pymongo's BSON decoding of those k documents;
* ``model``         — ``ClickEvent.from_doc`` of each (pydantic validation: what the fold
  paid per event before it folded documents);
* ``fold``          — ``fold_events`` over the decoded documents (over models in older trees);
* ``report``        — ``EventStats.report``: the service's whole read and fold, no HTTP.

Every timing has its wall time (p50, p95 = the nearest rank, max) and the CPU time (p50) that
this process and FerretDB spent on it: on a shared machine the CPU says what a query costs.

With ``--checkpoints 100000,250000,500000`` the timings are also taken when the collection
holds that many events (a curve on the way to ``--events``; the events are in random time order,
so each prefix is an even sample of the 30 days).

``--data DIR`` keeps FerretDB's state in DIR and reuses it when it already holds the same
``--events`` (generation of a million events takes minutes): run the bench of another tree
against the same data with ``PYTHONPATH=<tree>/backend:<tree>`` for a before/after in one session.

    .venv/bin/python -m bench.events.stats --events 1000000 --checkpoints 100000,250000,500000
    .venv/bin/python -m bench.events.stats --events 100000 --data /tmp/flamingo-events-100k

Starts its own redis-server and FerretDB on free ports and stops them at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

import bson
from bson import CodecOptions, ObjectId
from bson.raw_bson import RawBSONDocument

from bench.events.generate import Generation, generate, insert_link, load
from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import Users
from flamingo.app import create_app
from flamingo.core import context
from flamingo.core.config import load_settings
from flamingo.core.indexes import ensure_indexes
from flamingo.stats.eventreports import fold_events
from flamingo.stats.events import COLLECTION, ClickEvent
from flamingo.stats.eventservice import EventStats
from flamingo.stats.eventstore import Scope
from flamingo.stats.filters import SlicedQuery
from tests.support.processes import FerretDB, RedisServer

DAYS = 30
DB_NAME = "bench_events"
MARKER = "bench-events.json"
QUERIES = {
    "country=DE": {"country": ["DE"]},
    "country=DE&device=mobile": {"country": ["DE"], "device": ["mobile"]},
}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def timed(call: Callable[[], Any], runs: int, server_pid: int) -> dict[str, float]:
    """Wall time (p50, p95, max) and CPU time (p50) of this process and of FerretDB: on a shared
    machine the CPU times say what a query costs, the wall times what it took here."""
    wall, ours, server = [], [], []
    for _ in range(runs):
        cpu, served = time.process_time(), cpu_seconds(server_pid)
        started = time.perf_counter()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        if wall[-1] > 10_000:  # a long run: show progress (a killed run keeps its samples)
            print(f"    sample {wall[-1]:,.0f} ms (load {load()})", file=sys.stderr, flush=True)
        ours.append((time.process_time() - cpu) * 1000)
        server.append((cpu_seconds(server_pid) - served) * 1000)
    ordered = sorted(wall)
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        # The nearest rank: with 5 runs, the slowest.
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
        "max_ms": round(ordered[-1], 1),
        "python_cpu_ms": round(statistics.median(ours), 1),
        "ferretdb_cpu_ms": round(statistics.median(server), 1),
        "runs": runs,
    }


def _fold(docs: list[dict[str, Any]], first: date, last: date) -> Any:
    """This tree folds stored documents; trees before it folded ``ClickEvent`` models."""
    try:
        return fold_events(docs, first, last, hourly=False)  # type: ignore[arg-type]
    except AttributeError:
        models = [ClickEvent.from_doc(doc) for doc in docs]
        return fold_events(models, first, last, hourly=False)  # type: ignore[arg-type]


class Bench:
    def __init__(self, app: Any, link_id: str, token: str, span: tuple[date, date]) -> None:
        self.app, self.link_id = app, link_id
        self.db = context.stores_of(app).db
        self.client = app.test_client()
        self.headers = {"Authorization": f"Bearer {token}"}
        self.first, self.last = span
        self.server_pid = 0
        self.profile_runs = 1

    def url(self, query: str) -> str:
        return (
            f"/api/v1/links/{self.link_id}/stats?from={self.first.isoformat()}"
            f"&to={self.last.isoformat()}&{query}"
        )

    def api(self, query: str) -> dict[str, Any]:
        response = self.client.get(self.url(query), headers=self.headers)
        if response.status_code != 200:
            raise SystemExit(f"{response.status_code}: {response.get_data(as_text=True)}")
        return response.get_json()  # type: ignore[no-any-return]

    def server_filter(self, filters: dict[str, list[str]]) -> dict[str, Any]:
        start = datetime.combine(self.first, dtime(), UTC)
        end = datetime.combine(self.last, dtime(), UTC) + timedelta(days=1)
        query: dict[str, Any] = {
            "link_id": self.link_id,
            "_id": {"$gte": ObjectId.from_datetime(start), "$lt": ObjectId.from_datetime(end)},
        }
        query.update({name: {"$in": values} for name, values in filters.items()})
        return query

    def measure(self, runs: int, profile: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"events": self.db[COLLECTION].estimated_document_count()}
        for name, filters in QUERIES.items():
            expected = self.db[COLLECTION].count_documents(self.server_filter(filters))
            body = self.api(name)
            if body["totals"]["total"] != expected or body["source"] != "events":
                raise SystemExit(f"{name}: the API says {body['totals']}, the server {expected}")
            row: dict[str, Any] = {"matching": expected, "load_before": load()}
            row["api"] = timed(lambda query=name: self.api(query), runs, self.server_pid)
            if profile:
                row["stages"] = self.profile(filters, self.profile_runs)
            row["load_after"] = load()
            out[name] = row
            print(json.dumps({name: row}), file=sys.stderr, flush=True)
        return out

    def profile(self, filters: dict[str, list[str]], runs: int) -> dict[str, Any]:
        query = self.server_filter(filters)
        collection = self.db[COLLECTION]
        raw = collection.with_options(codec_options=CodecOptions(document_class=RawBSONDocument))
        raws: list[Any] = []
        decoded: list[dict[str, Any]] = []
        options = CodecOptions(tz_aware=True)

        def find_raw() -> None:
            raws[:] = list(raw.find(query).batch_size(5000))

        def decode() -> None:
            decoded[:] = [bson.decode(r.raw, options) for r in raws]

        events = EventStats.build(self.app)
        sliced = SlicedQuery.model_validate({"from": self.first, "to": self.last, **filters})
        stages: dict[str, Callable[[], Any]] = {
            "server_count": lambda: collection.count_documents(query),
            "server_find": find_raw,
            "decode": decode,
            "model": lambda: [ClickEvent.from_doc(d) for d in decoded],
            "fold": lambda: _fold(decoded, self.first, self.last),
            "report": lambda: events.report(
                Scope("link_id", self.link_id), self.first, self.last, sliced
            ),
        }
        return {name: timed(call, runs, self.server_pid) for name, call in stages.items()}


def _app(ferret: FerretDB, redis_server: RedisServer) -> Any:
    settings = load_settings(
        environ={
            "MONGO_URI": ferret.uri,
            "REDIS_URL": redis_server.url,
            "MONGO_DB": DB_NAME,
            "LOG_REQUESTS": "false",
            "LOG_LEVEL": "WARNING",
            "RATELIMIT_ENABLED": "false",
            "CLICK_EVENTS_RETENTION_DAYS": "90",
            # FerretDB answers a getMore after scanning until the batch is full: far beyond the
            # default 5 s at these sizes (the 503 that gives is reported, not measured).
            "MONGO_SOCKET_TIMEOUT_MS": "900000",
        },
        env_file=None,
    )
    return create_app(settings)


def _new_data(db: Any, events: int) -> dict[str, Any]:
    ensure_indexes(db)
    owner = Users(db).create("bench@example.com", "not-a-real-hash").id
    last = datetime.now(UTC).date()
    return {
        "events": events,
        "link_id": insert_link(db, owner),
        "owner": owner,
        "first": (last - timedelta(days=DAYS - 1)).isoformat(),
        "last": last.isoformat(),
        "complete": False,
    }


def run(args: argparse.Namespace, ferret: FerretDB, redis_server: RedisServer) -> None:
    marker = ferret.state / MARKER
    stored = json.loads(marker.read_text()) if marker.exists() else None
    app = _app(ferret, redis_server)
    db = context.stores_of(app).db
    result: dict[str, Any] = {
        "machine": platform.node(),
        "python": platform.python_version(),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_start": list(os.getloadavg()),
        "data": str(ferret.state),
    }
    if stored is None:
        stored = _new_data(db, args.events)
        marker.write_text(json.dumps(stored))
    elif stored["events"] != args.events or not stored["complete"]:
        raise SystemExit(f"{ferret.state} holds another or an unfinished generation: remove it")
    span = (date.fromisoformat(stored["first"]), date.fromisoformat(stored["last"]))
    _, token = Tokens(db).create(stored["owner"], "bench", ["stats:read"], None)
    bench = Bench(app, stored["link_id"], token, span)
    bench.server_pid, bench.profile_runs = ferret.pid, args.profile_runs
    profile = args.profile != "off"
    if not stored["complete"]:
        curve: dict[str, Any] = {}
        plan = Generation(
            stored["link_id"], stored["owner"], args.events, args.insert_batch, span[0]
        )
        checkpoints = [int(c) for c in args.checkpoints.split(",") if c]
        seconds = generate(
            db, plan, checkpoints,
            lambda count: curve.update({count: bench.measure(args.checkpoint_runs, profile)}),
        )  # fmt: skip
        result.update(insert_s=round(seconds, 1), insert_per_s=round(args.events / seconds))
        result["curve"] = curve
        stored["complete"] = True
        marker.write_text(json.dumps(stored))
    result["from"], result["to"] = stored["first"], stored["last"]
    result["final"] = bench.measure(args.runs, args.profile == "on")
    result["load_end"] = list(os.getloadavg())
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--checkpoints", default="", help="comma-separated event counts")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--checkpoint-runs", type=int, default=3)
    parser.add_argument("--insert-batch", type=int, default=10_000)
    parser.add_argument("--profile", choices=["on", "off", "checkpoints"], default="on")
    parser.add_argument("--profile-runs", type=int, default=1, help="runs of each stage")
    parser.add_argument("--data", type=Path, help="keep (and reuse) FerretDB's state here")
    args = parser.parse_args()
    # SIGTERM (e.g. from `timeout`) must still run the finally below that stops the servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    redis_server = RedisServer()
    ferret = FerretDB(args.data or Path(tempfile.mkdtemp(prefix="bench-events-")))
    redis_server.start()
    ferret.start()
    try:
        run(args, ferret, redis_server)
    finally:
        ferret.stop()
        redis_server.stop()


if __name__ == "__main__":
    main()
