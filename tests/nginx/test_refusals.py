"""What Nginx or the backend refuses before the API reads a request answers problem+json through
the frontend too: an over-long request line (Nginx's own 414 above its 8 KiB, gunicorn's between
4,094 bytes and that), headers over the limits, a request that is not HTTP, a body too large."""

from __future__ import annotations

import re

import requests

from tests.nginx.server import Nginx
from tests.support.rawhttp import problem_of, raw_exchange

PROBLEMS = "https://flamingo.company.example/problems/"


def _get(nginx: Nginx, target: str, headers: str = "") -> tuple[int, dict[str, str], bytes]:
    request = f"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{headers}\r\n"
    return raw_exchange(nginx.port, request.encode())


def test_a_request_line_over_nginxs_buffer_is_its_own_414_problem(nginx: Nginx) -> None:
    status, headers, body = _get(nginx, "/api/v1/links/abc/stats?country=" + "x" * 10_000)
    assert status == 414
    document = problem_of(status, headers, body)
    assert document["type"] == PROBLEMS + "request-line-too-long"
    # Nginx's id, echoed in the header as on every answer: the one to quote.
    assert re.fullmatch(r"[0-9a-f]{32}", document["request_id"])
    assert headers["x-request-id"] == document["request_id"]


def test_a_request_line_nginx_passes_but_gunicorn_refuses_is_the_same_problem(
    nginx: Nginx,
) -> None:
    status, headers, body = _get(nginx, "/api/v1/links/abc/stats?country=" + "x" * 5_000)
    assert status == 414
    document = problem_of(status, headers, body)
    assert document["type"] == PROBLEMS + "request-line-too-long"
    assert "4,094 bytes" in document["detail"]  # gunicorn's detail: it came from the backend


def test_a_header_line_over_nginxs_buffer_is_a_431_problem(nginx: Nginx) -> None:
    status, headers, body = _get(nginx, "/api/v1/version", "X-Big: " + "y" * 10_000 + "\r\n")
    assert status == 431
    assert problem_of(status, headers, body)["type"] == PROBLEMS + "request-headers-too-large"


def test_a_request_that_is_not_http_is_a_400_problem(nginx: Nginx) -> None:
    status, headers, body = raw_exchange(nginx.port, b"this is not http\r\n\r\n")
    assert status == 400
    assert problem_of(status, headers, body)["type"] == PROBLEMS + "bad-request"


def test_a_body_over_the_limit_is_a_413_problem(nginx: Nginx) -> None:
    response = requests.post(
        f"{nginx.base}/api/v1/auth/login",
        data=b"x" * (2 * 1024 * 1024 + 1),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 413
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == PROBLEMS + "payload-too-large"


def test_the_problem_pages_are_not_reachable_from_outside(nginx: Nginx) -> None:
    response = requests.get(f"{nginx.base}/.flamingo-problem/414", timeout=10)
    assert response.status_code == 404
