"""Redirect hot path throughput: Flamingo vs a bare Flask 302 vs nginx ``return 302`` (wrk).

All three run on this machine in one run, on loopback, under the same load: Flamingo with 2 sync
gunicorn workers on real redis-server and FerretDB (warm cache; every redirect records its click
in the in-process buffer, flushed to the Redis stream in the background), the bare Flask app
with the same gunicorn worker settings, and nginx with 2 workers.

    .venv/bin/python -m bench.redirect.run            # 10 s per run, 16 and 64 connections
    .venv/bin/python -m bench.redirect.run --duration 15 --log-requests true

Prints one JSON object per measurement and a Markdown table; starts and stops every server itself.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import redis
import requests

from flamingo.clicks.events import STREAM
from tests.support.linkservice import running_service
from tests.support.processes import FerretDB, Process, RedisServer, free_port, wait_until
from tests.support.tools import require

HERE = Path(__file__).resolve().parent
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Result:
    server: str
    connections: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_3xx: int
    socket_errors: int
    cpu_us_per_request: float | None = None


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(server: str, connections: int, output: str) -> Result:
    def find(pattern: str) -> str:
        match = re.search(pattern, output, re.M)
        if not match:
            raise ValueError(f"wrk output lacks {pattern!r}:\n{output}")
        return match.group(1)

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_3xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(
        server=server,
        connections=connections,
        requests_per_s=float(find(r"^Requests/sec:\s+([\d.]+)")),
        p50_ms=_ms(find(r"^\s+50%\s+(\S+)")),
        p99_ms=_ms(find(r"^\s+99%\s+(\S+)")),
        requests=int(find(r"^\s+(\d+) requests in")),
        non_3xx=int(non_3xx.group(1)) if non_3xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def wrk(url: str, connections: int, duration: int) -> str:
    command = [
        require("wrk"),
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "5s",
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def tree_cpu(root: int) -> float:
    """CPU seconds used so far by ``root`` and its children (gunicorn master and workers, nginx)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent = int(stat.rpartition(")")[2].split()[1])
            if int(entry.name) == root or parent == root:
                total += _cpu_seconds(int(entry.name))
        except (OSError, ValueError):
            continue  # the process ended meanwhile
    return total


@contextmanager
def answering_302(process: Process, port: int) -> Iterator[tuple[str, int]]:
    """Start a baseline server, wait until it redirects; yields (URL to load, pid)."""
    process.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: requests.get(base + "/x", allow_redirects=False, timeout=2).status_code == 302,
            process.name,
        )
        yield base + "/abc1234", process.pid
    finally:
        process.stop()


@contextmanager
def bare_flask() -> Iterator[tuple[str, int]]:
    port = free_port()
    process = Process(
        "bare-flask",
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--preload",
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(HERE),
            "bare_app:app",
        ],
    )
    with answering_302(process, port) as served:
        yield served


@contextmanager
def nginx() -> Iterator[tuple[str, int]]:
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    conf = (HERE / "nginx.conf.template").read_text()
    conf = conf.replace("@DIR@", str(workdir)).replace("@PORT@", str(port))
    (workdir / "nginx.conf").write_text(conf)
    process = Process(
        "nginx", [require("nginx"), "-p", str(workdir), "-c", str(workdir / "nginx.conf")]
    )
    try:
        with answering_302(process, port) as served:
            yield served
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def flamingo(log_requests: str) -> Iterator[tuple[str, int, redis.Redis]]:
    redis_server = RedisServer()
    mongo = FerretDB()
    redis_server.start()
    mongo.start()
    try:
        with running_service(mongo, redis_server, LOG_REQUESTS=log_requests) as service:
            _, headers = service.user()
            link = service.api(
                "POST", "/api/v1/links", headers, json={"target": "https://example.com/landing"}
            ).json()
            client = redis.Redis.from_url(redis_server.url, decode_responses=True)
            yield f"{service.base}/{link['code']}", service.server.pid, client
    finally:
        mongo.stop()
        redis_server.stop()


def warm_up(name: str, url: str, connections: int) -> Result:
    """Caches, connection pools, CPU frequency: counted (clicks), not reported."""
    return parse_wrk(name + " (warm-up)", connections, wrk(url, connections, 3))


def median(results: list[Result]) -> Result:
    """The run with the median req/s: the machine is shared, so single runs are noisy."""
    ordered = sorted(results, key=lambda r: r.requests_per_s)
    return ordered[len(ordered) // 2]


def table(results: list[Result]) -> str:
    results = [r for r in results if "warm-up" not in r.server]
    baseline = {r.connections: r for r in results if r.server == "bare-flask"}
    lines = [
        "| server | connections | req/s | vs bare Flask | p50 ms | p99 ms | p99 vs bare Flask "
        "| server CPU µs/request |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        base = baseline.get(r.connections)
        ratio = f"{r.requests_per_s / base.requests_per_s:.2f}x" if base else "—"
        p99_ratio = f"{r.p99_ms / base.p99_ms:.2f}x" if base else "—"
        lines.append(
            f"| {r.server} | {r.connections} | {r.requests_per_s:,.0f} | {ratio} | "
            f"{r.p50_ms:.2f} | {r.p99_ms:.2f} | {p99_ratio} | {r.cpu_us_per_request} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="runs per server and level")
    parser.add_argument("--connections", default="16,64", help="comma-separated")
    parser.add_argument("--log-requests", default="true", choices=["true", "false"])
    args = parser.parse_args()
    levels = [int(c) for c in args.connections.split(",")]
    print(json.dumps({"machine": platform.uname()._asdict(), "python": platform.python_version()}))

    with ExitStack() as stack:
        servers = {
            "bare-flask": stack.enter_context(bare_flask()),
            "nginx": stack.enter_context(nginx()),
        }
        url, pid, client = stack.enter_context(flamingo(args.log_requests))
        servers["flamingo"] = (url, pid)
        before = int(client.xlen(STREAM))  # type: ignore[arg-type]
        answered = 0
        for name, (url, _) in servers.items():
            warm = warm_up(name, url, levels[0])
            answered += warm.requests if name == "flamingo" else 0
        runs: dict[tuple[str, int], list[Result]] = {}
        # Rounds interleave the servers, so a burst of load elsewhere hits all of them alike.
        for _ in range(args.rounds):
            for count in levels:
                for name, (url, pid) in servers.items():
                    cpu_before = tree_cpu(pid)
                    result = parse_wrk(name, count, wrk(url, count, args.duration))
                    # Server-side CPU per answer: far less sensitive than req/s to other load.
                    cpu = tree_cpu(pid) - cpu_before
                    result.cpu_us_per_request = round(cpu / max(result.requests, 1) * 1e6, 1)
                    print(json.dumps(asdict(result)), flush=True)
                    runs.setdefault((name, count), []).append(result)
                    if name == "flamingo":
                        answered += result.requests
        wait_until(lambda: int(client.xlen(STREAM)) >= before + answered, "click flush")  # type: ignore[arg-type]
        enqueued = int(client.xlen(STREAM)) - before  # type: ignore[arg-type]

    # Every answered redirect is a click: the stream holds at least wrk's count (wrk does not
    # count the responses still in flight when it stops).
    print(json.dumps({"flamingo_redirects_counted_by_wrk": answered, "clicks_in_stream": enqueued}))
    order = ["bare-flask", "flamingo", "nginx"]
    medians = [median(runs[(name, count)]) for name in order for count in levels]
    print(table(medians))


if __name__ == "__main__":
    main()
