"""In-process CPU cost of one redirect cache hit vs a bare Flask 302 (no server, no network).

    .venv/bin/python -m bench.redirect.inprocess                    # this tree, 3 turns
    .venv/bin/python -m bench.redirect.inprocess --against 7323167  # and a commit, alternating
    .venv/bin/python -m bench.redirect.inprocess --profile split    # cProfile of one kind

What one measurement is, precisely: the app's whole WSGI callable (``app(environ,
start_response)``, as gunicorn's sync worker calls it: every WSGI middleware — the redirect fast
lane, ProxyFix — and, for whatever the fast lane hands on, Flask with every hook) called N times
(``-n``, default 3,000) with the same request, body iterated and closed, divided by N; the lowest
of 5 rounds is kept, then the lowest over the turns (``--turns``). 300 calls per kind first warm
it up (the very first is a cache miss: the view loads the link and caches it). The clock
is ``time.process_time``: the CPU of *every thread of the process*, so the click flusher's
pipelined ``XADD``s and the cache subscriber count too, not just the calling thread (each round
ends with a synchronous flush of what the buffer still holds, inside the timed region).

The app runs as in production, in a child process per turn: real redis-server (click stream,
cache invalidation channel; the subscriber is started by ``lifecycle.run_start()`` as gunicorn's
``post_worker_init`` does, so the cache is trusted only once subscribed), FerretDB for the links
(only the warm-up misses reach it), ``PROMETHEUS_MULTIPROC_DIR`` set (the gunicorn config always
sets it: every counter and histogram write goes to an mmap'd file), ``TRUSTED_PROXY_COUNT=2`` with
an ``X-Forwarded-For`` of two hops (the chart's default), the request log on (the default), a
browser's ``User-Agent``/``Referer``/``Accept-Language``. Every request is a cache hit of a
``GET``, so every one is a click.

The baseline is a bare Flask app (default request class and session) whose one view returns
``redirect(...)``, called the same way in the same process, its rounds interleaved with the
links'. Kinds: a plain link, 5 rules of which none matches, a 3-way split, a plain link on a
second (branded) domain. ``--against REV`` runs REV's ``backend/`` (from ``git archive``, on
``PYTHONPATH`` ahead of the installed one, the same venv and the same bench code) in turns
alternating with this tree's, against the same servers, and prints both.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from flask import Flask, redirect
from werkzeug.test import EnvironBuilder

# The child sets nothing before these imports: the parent gave it PROMETHEUS_MULTIPROC_DIR and
# the PYTHONPATH of the tree to measure.
from flamingo.app import create_app
from flamingo.clicks.events import buffer_of
from flamingo.core import lifecycle
from flamingo.links.cache import cache_of
from tests.conftest import make_settings
from tests.support.links import FAST_HASH, user_headers
from tests.support.processes import FerretDB, RedisServer, wait_until

ROOT = Path(__file__).resolve().parents[2]
HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    "Referer": "https://news.example.com/item?id=1",
    "Accept-Language": "en-GB,en;q=0.9,de;q=0.5",
    "X-Forwarded-For": "203.0.113.7, 10.1.2.3",  # client, Google LB (TRUSTED_PROXY_COUNT=2)
}
FIVE_RULES = [
    {"if": {"device": "tablet"}, "target": "https://example.com/tablet"},
    {"if": {"os": "ios"}, "target": "https://example.com/ios"},
    {"if": {"language": ["ja", "ko"]}, "target": "https://example.com/asia"},
    {"if": {"country": ["NZ"]}, "target": "https://example.com/nz"},
    {"if": {"query": {"src": "print"}}, "target": "https://example.com/print"},
]
RESULT = "RESULT "  # the child's answer; its other lines are the app's logs
SPLIT = [{"target": f"https://example.com/v{i}", "weight": i + 1} for i in range(3)]
# kind → (extra fields of the link, Host it is visited on)
KINDS: dict[str, tuple[dict[str, Any], str]] = {
    "plain": ({}, "localhost"),
    "rules": ({"rules": FIVE_RULES}, "localhost"),
    "split": ({"variants": SPLIT}, "localhost"),
    "domain": ({"domain": "b.example"}, "b.example"),
}
LABELS = {
    "bare": "bare Flask 302",
    "plain": "plain link, cache hit",
    "rules": "5 rules, none match",
    "split": "3-way split",
    "domain": "second domain, plain",
}


# --- the child: one app, every kind, best of 5 rounds ---------------------------------------


def _bare_app() -> Flask:
    app = Flask("bare")

    @app.get("/<code>")
    def follow(code: str) -> Any:
        return redirect("https://example.com/landing")

    return app


def _flamingo_app(args: argparse.Namespace) -> tuple[Any, dict[str, tuple[str, str]]]:
    """The app as a gunicorn worker has it after ``post_worker_init``, and a link per kind."""
    settings = make_settings(
        REDIS_URL=args.redis_url,
        MONGO_URI=args.mongo_uri,
        MONGO_DB=args.mongo_db,
        LOG_REQUESTS=args.log_requests,
        TRUSTED_PROXY_COUNT="2",
        SECRET_KEY="bench-only-secret-key-of-enough-length-0123456789",  # noqa: S106 - not a secret
        **FAST_HASH,
    )
    app = create_app(settings)
    lifecycle.run_start()  # the click flusher and the cache subscriber, as in a worker
    cache = cache_of(app)
    wait_until(lambda: cache.trusted, timeout=10, what="the link cache subscription")
    client = app.test_client()
    headers = user_headers(app, "bench@example.com")
    admin = user_headers(app, "admin@example.com", role="admin")
    client.post("/api/v1/admin/domains", json={"host": "b.example"}, headers=admin)
    links = {}
    for kind, (extra, host) in KINDS.items():
        body = {"target": "https://example.com/landing", **extra}
        response = client.post("/api/v1/links", json=body, headers=headers)
        code: str = response.get_json()["code"]
        links[kind] = (f"/{code}", host)
    return app, links


def _environ(path: str, host: str) -> dict[str, Any]:
    builder = EnvironBuilder(path=path, headers=[*HEADERS.items(), ("Host", host)])
    environ: dict[str, Any] = builder.get_environ()
    environ["REMOTE_ADDR"] = "10.1.2.4"  # the Service's / Nginx's address, as the socket shows it
    return environ


def per_request_us(
    wsgi: Callable[..., Iterable[bytes]],
    environ: dict[str, Any],
    n: int,
    settle: Callable[[], object],
) -> float:
    def start_response(*_: Any) -> None:
        return None

    started = time.process_time()
    for _ in range(n):
        body = wsgi(dict(environ), start_response)
        for _chunk in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()
    settle()  # what the flusher has not sent yet is this round's work too
    return (time.process_time() - started) / n * 1e6


def child(args: argparse.Namespace) -> None:
    app, links = _flamingo_app(args)
    buffer = buffer_of(app)
    cases: dict[str, tuple[Any, dict[str, Any]]] = {
        "bare": (_bare_app(), _environ("/abc1234", "localhost"))
    }
    cases |= {kind: (app, _environ(path, host)) for kind, (path, host) in links.items()}
    for wsgi, environ in cases.values():  # warm: caches filled, first-call costs paid
        per_request_us(wsgi, environ, 300, buffer.flush)
    if args.profile:
        _profile(*cases[args.profile], args.n, buffer.flush)
        return
    rounds: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(5):
        for name, (wsgi, environ) in cases.items():
            rounds[name].append(per_request_us(wsgi, environ, args.n, buffer.flush))
    print(RESULT + json.dumps({name: min(values) for name, values in rounds.items()}))


def _profile(wsgi: Any, environ: dict[str, Any], n: int, settle: Callable[[], object]) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(per_request_us, wsgi, environ, n, settle)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


# --- the parent: servers, turns, the table --------------------------------------------------


def _tree_of(revision: str, workdir: Path) -> Path:
    """``revision``'s backend package, unpacked under ``workdir``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "backend/flamingo"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(workdir)], input=archive, check=True)
    return workdir / "backend"


def _run_child(
    args: argparse.Namespace, backend: Path, mongo_db: str, urls: tuple[str, str]
) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-metrics-") as metrics:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(backend), str(ROOT)]),
            "PROMETHEUS_MULTIPROC_DIR": metrics,
        }
        command = [sys.executable, "-m", "bench.redirect.inprocess", "--child"]
        command += ["--redis-url", urls[0], "--mongo-uri", urls[1], "--mongo-db", mongo_db]
        command += ["-n", str(args.n), "--log-requests", args.log_requests]
        if args.profile:
            command += ["--profile", args.profile]
        done = subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        sys.exit(f"the bench's child failed ({backend}):\n{done.stderr[-4000:]}")
    if args.profile:
        print(done.stdout)
        return {}
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    result: dict[str, float] = json.loads(lines[-1][len(RESULT) :])
    return result


def _table(best: dict[str, dict[str, float]]) -> str:
    names = list(best)
    lines = ["| request | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for kind, label in LABELS.items():
        cells = []
        for name in names:
            us, bare = best[name][kind], best[name]["bare"]
            cells.append(f"{us:.1f}" if kind == "bare" else f"{us:.1f} ({us / bare:.2f}×)")  # noqa: RUF001
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parent(args: argparse.Namespace) -> None:
    trees = {"this tree": ROOT / "backend"}
    with tempfile.TemporaryDirectory(prefix="bench-trees-") as workdir:
        if args.against:
            trees = {args.against: _tree_of(args.against, Path(workdir)), **trees}
        redis_server, ferretdb = RedisServer(), FerretDB()
        redis_server.start()
        ferretdb.start()
        try:
            urls = (redis_server.url, ferretdb.uri)
            best: dict[str, dict[str, float]] = {name: {} for name in trees}
            turns = 1 if args.profile else args.turns
            for turn in range(turns):
                for index, (name, backend) in enumerate(trees.items()):
                    result = _run_child(args, backend, f"bench_{turn}_{index}", urls)
                    print(json.dumps({"turn": turn, "tree": name, **result}), flush=True)
                    for kind, us in result.items():
                        best[name][kind] = min(us, best[name].get(kind, us))
        finally:
            ferretdb.stop()
            redis_server.stop()
    if not args.profile:
        print(_table(best))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--log-requests", default="true", choices=["true", "false"])
    parser.add_argument("-n", type=int, default=3000, help="calls per round")
    parser.add_argument("--turns", type=int, default=3, help="child processes per tree")
    parser.add_argument("--against", help="also measure this commit's backend, alternating")
    parser.add_argument("--profile", choices=["bare", *KINDS], help="cProfile one kind instead")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--redis-url", help=argparse.SUPPRESS)
    parser.add_argument("--mongo-uri", help=argparse.SUPPRESS)
    parser.add_argument("--mongo-db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    (child if args.child else parent)(args)


if __name__ == "__main__":
    main()
