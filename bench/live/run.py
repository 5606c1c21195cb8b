"""Redirect req/s with and without 100 live subscribers connected, same server, alternating.

Starts redis-server, FerretDB, gunicorn with the project's config (``flamingo.gunicorn_config``,
2 workers) and ``flamingo worker`` (so every click is folded and published to the live feeds).
Then, ``--rounds`` times: wrk drives the redirect of link A for ``--duration`` s with no
subscriber, and again with ``--subscribers`` SSE connections open (``bench.live.subscribers``, a
process of its own; wrk starts once all are answered; closed after the phase, with their delivery
latency read) — odd rounds without subscribers first, even rounds with them first; each phase
after 2 s of uncounted wrk.

``--layout shared`` — one gunicorn holds the feeds and serves the redirects
(``LIVE_MAX_CONNECTIONS`` = the subscribers: each worker becomes a gthread worker with a thread per
feed it may hold and one spare, as under ``make run``). ``--layout split`` — the redirects on sync
workers (``LIVE_MAX_CONNECTIONS=0``) and the feeds on a second gunicorn of one worker (compose's
``live`` service, the chart's ``flamingo-live``): on one machine, the subscribers then cost the
redirect only CPU.

``--watch quiet`` — the subscribers watch link B, which the bench clicks ``--probe-rate`` times a
second in every phase (a feed with a little traffic); ``--watch hot`` — they watch link A, the one
wrk drives: every redirect becomes an event for each subscriber (the worst case; the worker lags
behind wrk on this machine, so the feeds carry what it folds meanwhile).

First of all, before any wrk run (no backlog in the click stream), the subscribers watch link B
for ``--latency-seconds`` while the probe clicks it: the delivery latency of a click (the
redirect's clock to the subscriber's receipt; web flush + worker read + fold + publish + feed).

    .venv/bin/python -m bench.live.run --rounds 3 --duration 8 --watch quiet --layout shared

Prints one JSON line per phase and a Markdown table; starts and stops every server itself.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import requests

from bench.redirect.run import parse_wrk, tree_cpu, wrk
from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, Gunicorn, Process, RedisServer, free_port

HERE = Path(__file__).resolve().parent
# A closed feed releases its thread and slot when a write fails: the first write after the client
# left still succeeds (the kernel buffers it; the peer answers RST), the second fails. On a quiet
# feed those are heartbeats (LIVE_HEARTBEAT_SECONDS, 15 s) after a read of up to 5 s: the next
# phase starts after two of them, so no stale feed holds a slot or a thread.
RELEASE_S = 36


@dataclass
class Phase:
    round: int
    subscribers: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_3xx: int
    server_cpu_us_per_request: float
    load: float
    delivered: dict[str, Any] | None = None


class ClickWorker(Process):
    """``flamingo worker``, run from an empty directory."""

    def __init__(self, env: dict[str, str]) -> None:
        self.metrics_port = free_port()
        super().__init__(
            "worker",
            [sys.executable, "-m", "flamingo.cli", "worker"],
            env={**env, "WORKER_METRICS_PORT": str(self.metrics_port)},
            cwd=Path(tempfile.mkdtemp(prefix="bench-live-worker-")),
        )

    def ready(self) -> bool:
        try:
            return requests.get(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=1).ok
        except requests.RequestException:
            return False


class Probe:
    """Clicks a link ``rate`` times a second in a thread (the feeds' steady traffic)."""

    def __init__(self, url: str, rate: float) -> None:
        self.url, self.rate = url, rate
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.clicks = 0

    def _run(self) -> None:
        session = requests.Session()
        while not self._stop.wait(1 / self.rate):
            session.get(self.url, allow_redirects=False, timeout=5)
            self.clicks += 1

    def __enter__(self) -> Probe:
        if self.rate > 0:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


@contextmanager
def subscribed(url: str, token: str, count: int) -> Iterator[dict[str, Any]]:
    """``count`` open feeds for the duration of the block; yields (then fills) their summary."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.live.subscribers", "--url", url, "--count", str(count)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "FLAMINGO_BENCH_TOKEN": token},
        cwd=HERE.parent.parent,
    )
    summary: dict[str, Any] = {}
    try:
        ready = process.stdout.readline().strip() if process.stdout else ""
        if ready != f"ready {count}":
            process.terminate()
            out, _ = process.communicate(timeout=60)
            raise SystemExit(f"subscribers: {ready!r} of {count}: {out.strip()}")
        yield summary
    finally:
        if process.poll() is None:
            process.terminate()
            out, _ = process.communicate(timeout=60)
            lines = out.strip().splitlines()
            if lines:
                summary.update(json.loads(lines[-1]))


@contextmanager
def servers(layout: str, subscribers: int) -> Iterator[tuple[Service, str, int]]:
    """The service (redirects), the base URL of the feeds, and the PID whose process tree
    serves the redirects."""
    redis_server, mongo = RedisServer(), FerretDB()
    redis_server.start()
    mongo.start()
    feeds = str(subscribers) if layout == "shared" else "0"
    try:
        with running_service(mongo, redis_server, LIVE_MAX_CONNECTIONS=feeds) as service:
            worker = ClickWorker(service.env)
            worker.start()
            live = None
            if layout == "split":
                env = {**service.env, "LIVE_MAX_CONNECTIONS": str(subscribers)}
                live = Gunicorn({**env, "WEB_CONCURRENCY": "1"})
                live.start()
            try:
                yield service, (live or service.server).base, service.server.pid
            finally:
                if live is not None:
                    live.stop()
                worker.stop()
    finally:
        mongo.stop()
        redis_server.stop()


def measure(url: str, connections: int, duration: int, pid: int) -> dict[str, Any]:
    # 2 s first, not counted: after an idle wait, caches and the worker start every phase alike.
    wrk(url, connections, 2)
    cpu = tree_cpu(pid)
    result = parse_wrk("flamingo", connections, wrk(url, connections, duration))
    used = tree_cpu(pid) - cpu
    return {
        "requests_per_s": result.requests_per_s,
        "p50_ms": result.p50_ms,
        "p99_ms": result.p99_ms,
        "requests": result.requests,
        "non_3xx": result.non_3xx + result.socket_errors,
        "server_cpu_us_per_request": round(used / max(result.requests, 1) * 1e6, 1),
        "load": round(os.getloadavg()[0], 2),
    }


def table(phases: list[Phase]) -> str:
    lines = [
        "| round | subscribers | req/s | vs none (same round) | p50 ms | p99 ms "
        "| server CPU µs/request | load | delivered |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    base = {p.round: p for p in phases if p.subscribers == 0}
    for p in phases:
        ratio = p.requests_per_s / base[p.round].requests_per_s if p.round in base else 1.0
        delivered = p.delivered or {}
        latency = delivered.get("latency") or {}
        shown = (
            f"{delivered.get('events', 0):,} events, p50 {latency.get('p50_ms')} ms, "
            f"p95 {latency.get('p95_ms')} ms"
            if p.subscribers
            else "—"
        )
        lines.append(
            f"| {p.round} | {p.subscribers} | {p.requests_per_s:,.0f} | {ratio:.3f} | "
            f"{p.p50_ms:.2f} | {p.p99_ms:.2f} | {p.server_cpu_us_per_request} | {p.load} | "
            f"{shown} |"
        )
    with_, without = (
        [p.requests_per_s for p in phases if p.subscribers],
        [p.requests_per_s for p in phases if not p.subscribers],
    )
    lines.append(
        f"\nmedian req/s: none {statistics.median(without):,.0f}, "
        f"with subscribers {statistics.median(with_):,.0f} "
        f"({statistics.median(with_) / statistics.median(without):.3f}x)"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=8, help="seconds of wrk per phase")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--layout", choices=["shared", "split"], default="shared")
    parser.add_argument("--watch", choices=["quiet", "hot"], default="quiet")
    parser.add_argument("--probe-rate", type=float, default=2.0, help="clicks/s on link B")
    parser.add_argument("--latency-seconds", type=float, default=10.0)
    args = parser.parse_args()
    print(json.dumps({"machine": platform.node(), "args": vars(args), "load": os.getloadavg()}))
    phases: list[Phase] = []
    with servers(args.layout, args.subscribers) as (service, feeds_base, pid):
        _, headers = service.user()
        token = headers["Authorization"].removeprefix("Bearer ")
        links = [
            service.api("POST", "/api/v1/links", headers, json={"target": f"https://e.com/{n}"})
            for n in ("hot", "quiet")
        ]
        hot, quiet = (link.json() for link in links)
        target = f"{service.base}/{hot['code']}"
        watched = hot if args.watch == "hot" else quiet
        feed = f"{feeds_base}/api/v1/live/links/{watched['id']}"
        probe_url = f"{service.base}/{quiet['code']}"
        quiet_feed = f"{feeds_base}/api/v1/live/links/{quiet['id']}"
        with subscribed(quiet_feed, token, args.subscribers) as latency, Probe(probe_url, 2.0):
            time.sleep(args.latency_seconds)
        time.sleep(RELEASE_S)
        print(json.dumps({"delivery_without_load": latency}), flush=True)
        parse_wrk("warm-up", args.connections, wrk(target, args.connections, 3))
        with Probe(probe_url, args.probe_rate):
            for round_ in range(1, args.rounds + 1):
                # Odd rounds measure without subscribers first, even ones with them first: a
                # drift of the machine's load or of the worker's backlog favours neither.
                order = (0, args.subscribers) if round_ % 2 else (args.subscribers, 0)
                for count in order:
                    if count:
                        with subscribed(feed, token, count) as delivered:
                            row = measure(target, args.connections, args.duration, pid)
                            time.sleep(1)  # the last clicks of the phase reach the feeds
                    else:
                        delivered, row = None, measure(target, args.connections, args.duration, pid)
                    phase = Phase(round=round_, subscribers=count, delivered=delivered, **row)
                    print(json.dumps(asdict(phase)), flush=True)
                    phases.append(phase)
                    if count:
                        time.sleep(RELEASE_S)
    print(table(phases))
    print(f"delivery without load ({args.subscribers} subscribers, 2 clicks/s): {latency}")


if __name__ == "__main__":
    main()
