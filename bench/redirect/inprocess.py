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


def flamingo_app(log_requests: str) -> tuple[Flask, str]:
    app = create_app(make_settings(LOG_REQUESTS=log_requests, **FAST_HASH))
    client = app.test_client()
    headers = user_headers(app, "bench@example.com")
    response = client.post(
        "/api/v1/links", json={"target": "https://example.com/landing"}, headers=headers
    )
    code: str = response.get_json()["code"]
    client.get(f"/{code}")  # warm the cache
    return app, code


def per_request_us(wsgi: Callable[..., Iterable[bytes]], environ: dict[str, Any], n: int) -> float:
    def start_response(*_: Any) -> None:
        return None

    started = time.perf_counter()
    for _ in range(n):
        body = wsgi(dict(environ), start_response)
        for _chunk in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return (time.perf_counter() - started) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--log-requests", default="true", choices=["true", "false"])
    parser.add_argument("-n", type=int, default=3000)
    args = parser.parse_args()
    app, code = flamingo_app(args.log_requests)
    apps = {"bare-flask": bare_app().wsgi_app, "flamingo": app.wsgi_app}
    environ = EnvironBuilder(path=f"/{code}", headers=HEADERS).get_environ()
    for wsgi in apps.values():
        per_request_us(wsgi, environ, 300)
    best = {
        name: min(per_request_us(w, environ, args.n) for _ in range(5)) for name, w in apps.items()
    }
    for name, us in best.items():
        print(f"{name}: {us:.1f} µs per request")


if __name__ == "__main__":
    main()
