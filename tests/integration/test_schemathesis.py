"""Schemathesis against the real service and its own OpenAPI document.

Every documented operation is called with examples, boundary values and fuzzed input (bounded by
``--max-examples``), authenticated with a user's bearer token. The run passes when no answer is a
5xx and every answer matches the document: status code, content type and body schema.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)
MAX_EXAMPLES = "40"


@pytest.fixture
def service(ferretdb: FerretDB, own_redis: RedisServer) -> Iterator[Service]:
    # Rate limits off: the fuzzer would otherwise spend its examples on 429s.
    with running_service(ferretdb, own_redis, RATELIMIT_ENABLED="false") as running:
        yield running


# The schemathesis run itself is bounded (600 s below); pytest's default 120 s is too short for
# the whole document on a loaded 2-core machine.
@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    ("role", "only"),
    [
        ("user", None),
        # Admin operations answer 403 to a user; run the links, domains, stats and audit ones again
        # as an admin.
        ("admin", "^/api/v1/admin/(links|domains|stats)"),
        ("admin", "^/api/v1/admin/audit"),
    ],
)
# Bounded by --max-examples and the subprocess timeout below, not by the suite's 120 s default
# (a loaded machine takes longer over the whole document).
@pytest.mark.timeout(660)
def test_no_server_error_and_no_schema_violation(
    service: Service, role: str, only: str | None
) -> None:
    _, headers = service.user(role=role)
    report_dir = Path(tempfile.mkdtemp(prefix="schemathesis-"))
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{service.base}/api/v1/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        "20261126",
        "--workers",
        "2",
        # Never follow a redirect: short links point at arbitrary hosts.
        "--max-redirects",
        "0",
        # Generous: a 1,000-item batch on FerretDB takes seconds on a busy machine, and a client
        # timeout is not what this test is about (5xx and schema violations are).
        "--request-timeout",
        "60",
        "--header",
        f"Authorization: {headers['Authorization']}",
        "--report",
        "junit",
        "--report-dir",
        str(report_dir),
        *(["--include-path-regex", only] if only else []),
    ]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=report_dir,
        env={"PATH": "/usr/bin:/bin", "HOME": str(report_dir), "NO_COLOR": "1"},
    )
    output = result.stdout[-20000:] + result.stderr[-5000:]
    assert result.returncode == 0, output
    assert "No issues found" in output or " passed" in output, output
