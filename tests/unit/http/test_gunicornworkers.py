"""Which of gunicorn's errors become problem documents, and the answer written for them."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from gunicorn.http import errors

from flamingo.core.problems import PROBLEM_TYPE_BASE
from flamingo.http.gunicornworkers import problem_answer, unparsable_request_problem

CFG = SimpleNamespace(
    limit_request_line=4094, limit_request_fields=100, limit_request_field_size=8190
)


@pytest.mark.parametrize(
    ("exc", "status", "slug"),
    [
        (errors.LimitRequestLine(8192, 4094), 414, "request-line-too-long"),
        (
            errors.LimitRequestHeaders("limit request headers fields"),
            431,
            "request-headers-too-large",
        ),
        (errors.InvalidRequestLine("nonsense"), 400, "invalid-request-line"),
        (errors.InvalidRequestMethod("G€T"), 400, "invalid-request-line"),
        (errors.InvalidHTTPVersion("HTTP/9"), 400, "invalid-request-line"),
        (errors.InvalidHeaderName("Bad Header"), 400, "invalid-header"),
        (errors.InvalidHeader("X-A: \x00"), 400, "invalid-header"),
        (errors.ObsoleteFolding("X-A"), 400, "invalid-header"),
        (errors.InvalidSchemeHeaders(), 400, "invalid-header"),
    ],
)
def test_parse_errors_are_problems(exc: BaseException, status: int, slug: str) -> None:
    problem = unparsable_request_problem(exc, CFG)
    assert problem is not None
    assert (problem.status, problem.slug) == (status, slug)


@pytest.mark.parametrize(
    "exc",
    [
        # The app tried to send a bad header: the app's fault, gunicorn's 500 stays.
        errors.InvalidResponseHeader("X-A: \n"),
        errors.InvalidResponseHeaderName("Bad Name"),
        errors.ForbiddenProxyRequest("10.0.0.1"),
        errors.UnsupportedTransferCoding("gzip"),
        RuntimeError("a bug in a view"),
    ],
)
def test_other_errors_stay_gunicorns(exc: BaseException) -> None:
    assert unparsable_request_problem(exc, CFG) is None


def test_details_name_the_configured_limits() -> None:
    cfg = SimpleNamespace(
        limit_request_line=2048, limit_request_fields=50, limit_request_field_size=1000
    )
    line = unparsable_request_problem(errors.LimitRequestLine(3000, 2048), cfg)
    headers = unparsable_request_problem(errors.LimitRequestHeaders("max buffer headers"), cfg)
    assert line is not None and "2,048 bytes" in line.detail
    assert headers is not None and "50 header fields" in headers.detail
    assert "1,000 bytes" in headers.detail


def test_the_answer_is_a_closed_problem_json_response() -> None:
    problem = unparsable_request_problem(errors.LimitRequestLine(8192, 4094), CFG)
    assert problem is not None
    head, _, body = problem_answer(problem).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0] == "HTTP/1.1 414 URI Too Long"
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert headers["Content-Type"] == "application/problem+json"
    assert headers["Connection"] == "close"
    assert int(headers["Content-Length"]) == len(body)
    assert json.loads(body) == {
        "type": PROBLEM_TYPE_BASE + "request-line-too-long",
        "title": "URI Too Long",
        "status": 414,
        "detail": problem.detail,
    }
