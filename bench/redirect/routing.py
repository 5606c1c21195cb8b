"""Redirect throughput of ruled, split and branded-domain links, and of a realistic link mix.

One run, on loopback, with wrk (2 threads) against Flamingo (2 sync gunicorn workers, real
redis-server and FerretDB) and a bare Flask 302 as the baseline:

1. **Per link kind** (warm cache): a plain link; a link with 5 rules of which none matches, so
   every condition kind is evaluated on every visit (device and OS need the UA classified); a
   3-way split; a plain link on a second domain (``Host: b.example``). Rounds interleave the
   servers so that other load on the machine hits all of them alike; the median is reported.
2. **A realistic mix**: 100,000 links, visits drawn from a Zipf distribution (s = 1.1) with 5 %
   unknown codes, ``LINK_CACHE_SIZE`` 10,000 — req/s and the cache hit ratio (from /metrics), and
   the same mix with the cache off (every visit an indexed FerretDB read) to price a miss.

    .venv/bin/python -m bench.redirect.routing                 # ~4 minutes
    .venv/bin/python -m bench.redirect.routing --duration 5 --rounds 1

Prints JSON lines and Markdown tables; starts and stops every server itself.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import platform
import random
import re
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
from bson import ObjectId

from bench.redirect.run import Result, bare_flask, median, parse_wrk, tree_cpu
from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer
from tests.support.tools import require

LINKS = 100_000
UNKNOWN_SHARE = 0.05
ZIPF_S = 1.1
SAMPLES = 200_000
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
FIVE_RULES = [
    {"if": {"device": "tablet"}, "target": "https://example.com/tablet"},
    {"if": {"os": "ios"}, "target": "https://example.com/ios"},
    {"if": {"language": ["ja", "ko"]}, "target": "https://example.com/asia"},
    {"if": {"country": ["NZ"]}, "target": "https://example.com/nz"},
    {"if": {"query": {"src": "print"}}, "target": "https://example.com/print"},
]
LUA_PATHS = """
local paths = {}
for line in io.lines("@FILE@") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def wrk(url: str, connections: int, duration: int, *, host: str = "", script: str = "") -> str:
    import subprocess  # noqa: PLC0415

    command = [require("wrk"), "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["--timeout", "5s", "-H", f"User-Agent: {CHROME}", "-H", "Accept-Language: en"]
    if host:
        command += ["-H", f"Host: {host}"]
    if script:
        command += ["-s", script]
    return subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout


def create(service: Service, headers: dict[str, str], **body: Any) -> str:
    body.setdefault("target", "https://example.com/landing")
    response = service.api("POST", "/api/v1/links", headers, json=body)
    response.raise_for_status()
    return str(response.json()["code"])


@contextmanager
def stack_of(**env: str) -> Iterator[Service]:
    redis_server, mongo = RedisServer(), FerretDB()
    redis_server.start()
    mongo.start()
    try:
        with running_service(mongo, redis_server, LOG_REQUESTS="false", **env) as service:
            yield service
    finally:
        mongo.stop()
        redis_server.stop()


def kinds(service: Service) -> dict[str, tuple[str, str]]:
    """The links of part 1: name → (path, Host header)."""
    _, admin = service.user(role="admin")
    _, owner = service.user()
    service.api(
        "POST", "/api/v1/admin/domains", admin, json={"host": "b.example"}
    ).raise_for_status()
    split = [{"target": f"https://example.com/v{i}", "weight": i + 1} for i in range(3)]
    return {
        "plain link": ("/" + create(service, owner), ""),
        "5 rules, none matching": ("/" + create(service, owner, rules=FIVE_RULES), ""),
        "3-way split": ("/" + create(service, owner, variants=split), ""),
        "second domain": ("/" + create(service, owner, domain="b.example"), "b.example"),
    }


def measure_kinds(args: argparse.Namespace) -> list[Result]:
    runs: dict[str, list[Result]] = {}
    with ExitStack() as stack:
        bare_url, bare_pid = stack.enter_context(bare_flask())
        service = stack.enter_context(stack_of())
        targets = {
            name: (service.base + path, host) for name, (path, host) in kinds(service).items()
        }
        targets = {"bare-flask": (bare_url, ""), **targets}
        pids = {name: service.server.pid for name in targets} | {"bare-flask": bare_pid}
        for url, host in targets.values():  # warm-up: caches, pools
            wrk(url, args.connections, 2, host=host)
        for _ in range(args.rounds):
            for name, (url, host) in targets.items():
                before = tree_cpu(pids[name])
                result = parse_wrk(
                    name, args.connections, wrk(url, args.connections, args.duration, host=host)
                )
                result.cpu_us_per_request = round(
                    (tree_cpu(pids[name]) - before) / max(result.requests, 1) * 1e6, 1
                )
                if result.non_3xx:
                    raise SystemExit(f"{name}: {result.non_3xx} answers were not 30x")
                print(json.dumps(asdict_result(result)), flush=True)
                runs.setdefault(name, []).append(result)
    return [median(results) for results in runs.values()]


def asdict_result(result: Result) -> dict[str, Any]:
    from dataclasses import asdict  # noqa: PLC0415

    return asdict(result)


def zipf_paths(codes: list[str], samples: int, seed: int = 11) -> list[str]:
    """Visit paths: link ranks drawn from Zipf(s) over ``codes``, plus a share of unknown codes."""
    rng = random.Random(seed)
    weights = [1 / (rank**ZIPF_S) for rank in range(1, len(codes) + 1)]
    bounds = list(itertools.accumulate(weights))
    paths = []
    for i in range(samples):
        if rng.random() < UNKNOWN_SHARE:
            paths.append(f"/nx{i:07d}")
        else:
            paths.append("/" + codes[bisect.bisect_left(bounds, rng.random() * bounds[-1])])
    return paths


def seed_links(service: Service, count: int) -> list[str]:
    owner, _ = service.user()
    now = datetime.now(UTC)
    codes = [f"z{i:07d}" for i in range(count)]
    docs = (
        {
            "_id": ObjectId(),
            "owner_id": owner,
            "domain": "localhost",
            "code": code,
            "target": f"https://example.com/{code}",
            "redirect_status": 302,
            "disabled": False,
            "created_at": now,
            "updated_at": now,
        }
        for code in codes
    )
    while batch := list(itertools.islice(docs, 5000)):
        service.db["links"].insert_many(batch, ordered=False)
    return codes


def hit_ratio(links: int, cache_size: int, samples: int = SAMPLES) -> float:
    """The real link cache (LRU + TTL) fed the Zipf visit stream: its hit ratio depends on the
    stream and the cache, not on the store behind it, so no server is needed to measure it."""
    import fakeredis  # noqa: PLC0415

    from flamingo.links.cache import LinkCache  # noqa: PLC0415

    cache = LinkCache(
        fakeredis.FakeRedis(),
        maxsize=cache_size,
        ttl=3600,
        negative_ttl=3600,
        always_synced=True,
        default_host="localhost",
    )
    codes = [f"z{i:07d}" for i in range(links)]
    known = set(codes)
    misses = 0

    def load(host: str, code: str) -> dict[str, Any] | None:
        nonlocal misses
        misses += 1
        if code not in known:
            return None
        return {"_id": ObjectId(), "code": code, "target": "https://example.com/", "domain": host}

    paths = zipf_paths(codes, samples)
    for path in paths:
        cache.lookup("localhost", path[1:], load)
    return 1 - misses / len(paths)


def miss_cost_ms(service: Service, code: str, reads: int = 5) -> tuple[float, str]:
    """What one cache miss costs the store: the median of ``reads`` lookups by code, and the
    query plan the store reports for it."""
    import statistics  # noqa: PLC0415
    import time  # noqa: PLC0415

    times = []
    for _ in range(reads):
        started = time.perf_counter()
        service.db["links"].find_one({"code": code})
        times.append((time.perf_counter() - started) * 1000)
    plan = service.db.command("explain", {"find": "links", "filter": {"code": code}})
    return statistics.median(times), json.dumps(plan.get("queryPlanner", plan))[:200]


def metric(service: Service, name: str) -> float:
    # After a wrk run the workers may still be draining queued misses: wait for them.
    text = requests.get(service.base + "/metrics", timeout=180).text
    match = re.search(rf"^{re.escape(name)} ([\d.e+]+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


def measure_mix(args: argparse.Namespace, cache_size: int) -> dict[str, Any]:
    with stack_of(LINK_CACHE_SIZE=str(cache_size)) as service:
        codes = seed_links(service, args.links)
        paths = zipf_paths(codes, SAMPLES)
        with tempfile.TemporaryDirectory() as tmp:
            listing = Path(tmp) / "paths.txt"
            listing.write_text("\n".join(paths) + "\n")
            script = Path(tmp) / "paths.lua"
            script.write_text(LUA_PATHS.replace("@FILE@", str(listing)))
            wrk(service.base + "/", args.connections, 3, script=str(script))  # warm the cache
            hits0 = metric(service, "flamingo_redirect_cache_hits_total")
            miss0 = metric(service, "flamingo_redirect_cache_misses_total")
            output = wrk(service.base + "/", args.connections, args.duration, script=str(script))
        result = parse_wrk(f"zipf mix, cache {cache_size}", args.connections, output)
        hits = metric(service, "flamingo_redirect_cache_hits_total") - hits0
        misses = metric(service, "flamingo_redirect_cache_misses_total") - miss0
        miss_ms, plan = miss_cost_ms(service, codes[len(codes) // 2])
        row = {
            **asdict_result(result),
            "cache_hit_ratio": round(hits / max(hits + misses, 1), 3),
            "simulated_hit_ratio": round(hit_ratio(args.links, cache_size), 3),
            "ferretdb_miss_ms": round(miss_ms, 1),
            "ferretdb_plan": plan,
            "links": args.links,
        }
        print(json.dumps(row), flush=True)
        return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--links", type=int, default=LINKS)
    parser.add_argument("--mix-only", action="store_true", help="skip the per-kind comparison")
    args = parser.parse_args()
    print(json.dumps({"machine": platform.uname()._asdict(), "python": platform.python_version()}))
    if not args.mix_only:
        kinds_table(measure_kinds(args))
    row = measure_mix(args, 10_000)
    print(
        "| mix | req/s | cache hit ratio (server / real cache on the stream) | FerretDB miss ms |"
    )
    print("|---|---|---|---|")
    print(
        f"| {row['server']} | {row['requests_per_s']:,.1f} | {row['cache_hit_ratio']:.3f} / "
        f"{row['simulated_hit_ratio']:.3f} | {row['ferretdb_miss_ms']} |"
    )


def kinds_table(results: list[Result]) -> None:
    by_name = {r.server: r for r in results}
    plain, bare = by_name["plain link"], by_name["bare-flask"]
    print("| link | req/s | vs plain link | vs bare Flask | p99 ms | server CPU µs/request |")
    print("|---|---|---|---|---|---|")
    for r in results:
        vs_plain = r.requests_per_s / plain.requests_per_s
        vs_bare = r.requests_per_s / bare.requests_per_s
        print(
            f"| {r.server} | {r.requests_per_s:,.0f} | {vs_plain:.2f}x | {vs_bare:.2f}x"
            f" | {r.p99_ms:.2f} | {r.cpu_us_per_request} |"
        )


if __name__ == "__main__":
    main()
