"""N live-feed subscribers in one process: the load ``bench.live.run`` puts on a live process.

Opens ``--count`` Server-Sent Events connections to ``--url`` (HTTP/1.1, a bearer token), prints
``ready <n>`` once every one answered 200 and its ``retry:`` prelude, then reads until SIGTERM
and prints one JSON line: connections, events received, and the delivery latency of each click
(receipt time minus the click's ``time``, the redirect's own clock: the same machine) in ms.

    FLAMINGO_BENCH_TOKEN=<secret> .venv/bin/python -m bench.live.subscribers \
        --url http://127.0.0.1:8000/api/v1/links/<id>/live --count 100
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
import time
from datetime import datetime
from urllib.parse import urlsplit


class Subscribers:
    def __init__(self, url: str, token: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.request = (
            f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n"
        ).encode()
        self.ready = 0
        self.failed: list[str] = []
        self.events = 0
        self.latencies_ms: list[float] = []

    async def one(self, all_ready: asyncio.Event, expected: int) -> None:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        writer.write(self.request)
        await writer.drain()
        status = (await reader.readline()).decode("latin-1")
        if " 200 " not in status:
            self.failed.append(status.strip())
            writer.close()
            return
        counted = False
        while line := await reader.readline():
            if not counted and line.startswith(b"retry:"):
                counted = True
                self.ready += 1
                if self.ready == expected:
                    all_ready.set()
            elif line.startswith(b"data: "):
                received = time.time()
                sent = datetime.fromisoformat(json.loads(line[6:])["time"].replace("Z", "+00:00"))
                self.events += 1
                self.latencies_ms.append((received - sent.timestamp()) * 1000)
        writer.close()

    def summary(self, count: int) -> dict[str, object]:
        ordered = sorted(self.latencies_ms)
        latency = (
            {
                "p50_ms": round(statistics.median(ordered), 1),
                "p95_ms": round(ordered[int(len(ordered) * 0.95)], 1),
                "max_ms": round(ordered[-1], 1),
            }
            if ordered
            else {}
        )
        return {
            "subscribers": count,
            "connected": self.ready,
            "refused": self.failed[:3],
            "events": self.events,
            "latency": latency,
        }


async def main_async(args: argparse.Namespace) -> None:
    subscribers = Subscribers(args.url, args.token)
    all_ready = asyncio.Event()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    tasks = [asyncio.create_task(subscribers.one(all_ready, args.count)) for _ in range(args.count)]
    ready_or_stop = asyncio.create_task(all_ready.wait())
    await asyncio.wait([ready_or_stop, asyncio.create_task(stop.wait())], timeout=60,
                       return_when=asyncio.FIRST_COMPLETED)  # fmt: skip
    print(f"ready {subscribers.ready}", flush=True)
    await stop.wait()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps(subscribers.summary(args.count)), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument(
        "--token",
        default=os.environ.get("FLAMINGO_BENCH_TOKEN", ""),
        help="a bearer token with stats:read (default: $FLAMINGO_BENCH_TOKEN)",
    )
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    try:
        asyncio.run(main_async(args))
    except ConnectionError as exc:
        sys.exit(f"subscribers: {exc}")


if __name__ == "__main__":
    main()
