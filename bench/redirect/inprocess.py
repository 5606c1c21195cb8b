"""In-process cost of one redirect cache hit vs a bare Flask 302 (no server, no network).

    .venv/bin/python -m bench.redirect.inprocess [--log-requests true|false]

Calls each WSGI app directly N times (best of 5 rounds) and prints µs per request. Useful to see
what a change to the hot path costs before running the wrk benchmark (``bench.redirect.run``).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, redirect
from werkzeug.test import EnvironBuilder

from flamingo.app import create_app
from tests.conftest import make_settings
from tests.support.links import FAST_HASH, user_headers

HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    "Referer": "https://news.example.com/item?id=1",
}


def bare_app() -> Flask:
    app = Flask("bare")

    @app.get("/<code>")
    def follow(code: str) -> Any:
        return redirect("https://example.com/landing")

    return app


FIVE_RULES = [
    {"if": {"device": "tablet"}, "target": "https://example.com/tablet"},
    {"if": {"os": "ios"}, "target": "https://example.com/ios"},
    {"if": {"language": ["ja", "ko"]}, "target": "https://example.com/asia"},
    {"if": {"country": ["NZ"]}, "target": "https://example.com/nz"},
    {"if": {"query": {"src": "print"}}, "target": "https://example.com/print"},
]
SPLIT = [{"target": f"https://example.com/v{i}", "weight": i + 1} for i in range(3)]


def flamingo_app(log_requests: str) -> tuple[Flask, dict[str, tuple[str, str]]]:
    """The app and its links by kind: name → (path, Host)."""
    app = create_app(make_settings(LOG_REQUESTS=log_requests, **FAST_HASH))
    client = app.test_client()
    headers = user_headers(app, "bench@example.com")
    admin = user_headers(app, "admin@example.com", role="admin")
    client.post("/api/v1/admin/domains", json={"host": "b.example"}, headers=admin)
    bodies = {
        "flamingo": ({}, "localhost"),
        "flamingo, 5 rules (none match)": ({"rules": FIVE_RULES}, "localhost"),
        "flamingo, 3-way split": ({"variants": SPLIT}, "localhost"),
        "flamingo, second domain": ({"domain": "b.example"}, "b.example"),
    }
    links = {}
    for name, (extra, host) in bodies.items():
        body = {"target": "https://example.com/landing", **extra}
        code: str = client.post("/api/v1/links", json=body, headers=headers).get_json()["code"]
        client.get(f"/{code}", headers={"Host": host})  # warm the cache
        links[name] = (f"/{code}", host)
    return app, links


def per_request_us(wsgi: Callable[..., Iterable[bytes]], environ: dict[str, Any], n: int) -> float:
    def start_response(*_: Any) -> None:
        return None

    started = time.thread_time()  # CPU of this thread: steadier than wall time on a busy machine
    for _ in range(n):
        body = wsgi(dict(environ), start_response)
        for _chunk in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return (time.thread_time() - started) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--log-requests", default="true", choices=["true", "false"])
    parser.add_argument("-n", type=int, default=3000)
    args = parser.parse_args()
    app, links = flamingo_app(args.log_requests)
    cases = {"bare-flask": (bare_app().wsgi_app, "/abc1234", "localhost")}
    cases |= {name: (app.wsgi_app, path, host) for name, (path, host) in links.items()}
    environs = {
        name: EnvironBuilder(path=path, headers={**HEADERS, "Host": host}).get_environ()
        for name, (_, path, host) in cases.items()
    }
    for name, (wsgi, _, _) in cases.items():
        per_request_us(wsgi, environs[name], 300)
    best = {
        name: min(per_request_us(wsgi, environs[name], args.n) for _ in range(5))
        for name, (wsgi, _, _) in cases.items()
    }
    for name, us in best.items():
        print(f"{name}: {us:.1f} µs per request")


if __name__ == "__main__":
    main()
