"""Requests gunicorn refuses before the app sees them (an over-long request line, a request line or
header it cannot parse, headers over its limits) answer problem+json like every other error: on
real gunicorn started with the project's config, in both worker kinds it picks (sync workers for
the API, a threaded worker for the live process), on real redis-server and FerretDB."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest
import requests

from tests.support.processes import FerretDB, Gunicorn, RedisServer, backend_env
from tests.support.rawhttp import problem_of, raw_exchange

pytestmark = pytest.mark.integration

PROBLEMS = "https://flamingo.company.example/problems/"
# gunicorn's limit_request_line, which the config keeps (docs/security.md).
REQUEST_LINE_LIMIT = 4094


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("0", id="sync-workers"),
        pytest.param("4", id="threaded-live-worker"),
    ],
)
def server(
    request: pytest.FixtureRequest, ferretdb: FerretDB, redis_server: RedisServer
) -> Iterator[Gunicorn]:
    # LIVE_MAX_CONNECTIONS > 0 gives the process threads for its feeds: a threaded worker.
    gunicorn = Gunicorn(
        backend_env(
            MONGO_URI=ferretdb.uri,
            REDIS_URL=redis_server.url,
            MONGO_DB=f"unparsable_{uuid.uuid4().hex[:8]}",
            WEB_CONCURRENCY="1",
            LIVE_MAX_CONNECTIONS=request.param,
        )
    )
    gunicorn.start()
    yield gunicorn
    gunicorn.stop()


def test_an_over_long_request_line_is_a_414_problem(server: Gunicorn) -> None:
    query = "country=" + "x" * 10_000
    request = f"GET /api/v1/links/abc/stats?{query} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    status, headers, body = raw_exchange(server.port, request.encode())
    assert status == 414
    document = problem_of(status, headers, body)
    assert document["type"] == PROBLEMS + "request-line-too-long"
    assert f"{REQUEST_LINE_LIMIT:,}" in document["detail"]


def test_a_request_line_just_under_the_limit_reaches_the_app(server: Gunicorn) -> None:
    # The limit counts the request line without its CRLF: this one is exactly the limit long.
    prefix, suffix = "GET /api/v1/version?pad=", " HTTP/1.1"
    line = prefix + "x" * (REQUEST_LINE_LIMIT - len(prefix) - len(suffix)) + suffix
    assert len(line) == REQUEST_LINE_LIMIT
    status, _, body = raw_exchange(
        server.port, f"{line}\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
    )
    assert status == 200, body
    assert "version" in json.loads(body)


def test_an_unparsable_request_line_is_a_400_problem(server: Gunicorn) -> None:
    status, headers, body = raw_exchange(server.port, b"this is not http\r\n\r\n")
    assert status == 400
    assert problem_of(status, headers, body)["type"] == PROBLEMS + "invalid-request-line"


def test_an_invalid_header_is_a_400_problem(server: Gunicorn) -> None:
    request = b"GET /api/v1/version HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n"
    status, headers, body = raw_exchange(server.port, request)
    assert status == 400
    assert problem_of(status, headers, body)["type"] == PROBLEMS + "invalid-header"


@pytest.mark.parametrize(
    "extra_headers",
    [
        pytest.param("X-Big: " + "y" * 10_000 + "\r\n", id="one-header-too-large"),
        pytest.param("".join(f"X-H{i}: v\r\n" for i in range(150)), id="too-many-headers"),
    ],
)
def test_headers_over_the_limits_are_a_431_problem(server: Gunicorn, extra_headers: str) -> None:
    request = f"GET /api/v1/version HTTP/1.1\r\nHost: localhost\r\n{extra_headers}\r\n"
    status, headers, body = raw_exchange(server.port, request.encode())
    assert status == 431
    assert problem_of(status, headers, body)["type"] == PROBLEMS + "request-headers-too-large"


def test_the_server_keeps_serving_after_refusing(server: Gunicorn) -> None:
    raw_exchange(server.port, b"this is not http\r\n\r\n")
    assert requests.get(f"{server.base}/api/v1/version", timeout=5).status_code == 200
