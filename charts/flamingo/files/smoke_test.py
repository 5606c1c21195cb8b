"""Smoke test of one Flamingo stack (standard library only; runs in the backend image).

Used by the Argo Rollouts prePromotionAnalysis against the *preview* Services and by
`helm test` against the active ones. Retries until every check passes or the timeout expires:
right after a switch, endpoints can briefly still point at the previous pods, so a single
200 proves nothing; the backend must report the expected commit.

    python smoke_test.py backend  --url http://svc:8000 --expected-commit <sha> --timeout 120
    python smoke_test.py frontend --url http://svc:8080 --timeout 60
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable

Check = Callable[[str, float], str | None]  # returns None when the check passes, else why not


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


# In-cluster Services only: no redirects followed, no HTTP(S)_PROXY from the environment.
_OPENER = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))


def fetch(url: str, timeout: float) -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": "flamingo-smoke-test/1"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def expect_status(path: str, status: int, content_type: str = "") -> Check:
    def check(base: str, timeout: float) -> str | None:
        code, _, ctype = fetch(base + path, timeout)
        if code != status:
            return f"GET {path}: status {code}, want {status}"
        if content_type and not ctype.startswith(content_type):
            return f"GET {path}: content type {ctype!r}, want {content_type}"
        return None

    return check


def expect_commit(commit: str) -> Check:
    def check(base: str, timeout: float) -> str | None:
        code, body, _ = fetch(base + "/api/v1/version", timeout)
        if code != 200:
            return f"GET /api/v1/version: status {code}, want 200"
        try:
            reported = json.loads(body).get("commit")
        except (ValueError, AttributeError):
            return "GET /api/v1/version: body is not a JSON object"
        if reported != commit:
            return f"GET /api/v1/version: commit {reported!r}, want {commit!r}"
        return None

    return check


def checks_for(component: str, expected_commit: str) -> list[Check]:
    if component == "backend":
        checks = [expect_status("/healthz", 200), expect_status("/readyz", 200)]
        if expected_commit:
            checks.append(expect_commit(expected_commit))
        # The redirect path end to end (cache, then MongoDB): an unknown code is a 404.
        checks.append(expect_status("/zzsmoke0test0missing0code", 404))
        return checks
    return [expect_status("/nginx-healthz", 200), expect_status("/app/", 200, "text/html")]


def run(base: str, checks: list[Check], timeout: float, interval: float) -> list[str]:
    """Runs all checks until they all pass; returns the last failures (empty = success)."""
    deadline = time.monotonic() + timeout
    while True:
        failures: list[str] = []
        for check in checks:
            try:
                problem = check(base, 5.0)
            except OSError as error:
                problem = f"{base}: {error}"
            if problem:
                failures.append(problem)
        if not failures or time.monotonic() + interval > deadline:
            return failures
        print("not yet: " + "; ".join(failures), flush=True)
        time.sleep(interval)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("component", choices=["backend", "frontend"])
    parser.add_argument("--url", required=True, help="base URL of the Service, no trailing /")
    parser.add_argument("--expected-commit", default="")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--interval", type=float, default=3.0)
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")
    failures = run(base, checks_for(args.component, args.expected_commit), args.timeout,
                   args.interval)
    if failures:
        print(f"SMOKE TEST FAILED ({args.component} at {base}): " + "; ".join(failures),
              flush=True)
        return 1
    print(f"smoke test passed ({args.component} at {base})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
