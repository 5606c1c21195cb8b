"""Log lines are JSON with Cloud Logging field names and the request's id and trace."""

from __future__ import annotations

import json

import pytest

from flamingo.app import create_app
from tests.conftest import make_settings


def _lines(captured: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in captured.splitlines() if line.startswith("{")]


def test_request_line_is_json_with_trace(capfd: pytest.CaptureFixture[str]) -> None:
    app = create_app(make_settings(GOOGLE_CLOUD_PROJECT="company-inc-prod"))
    capfd.readouterr()
    app.test_client().get(
        "/healthz",
        headers={
            "X-Request-ID": "rid-42",
            "X-Cloud-Trace-Context": "105445aa7843bc8bf206b12000100000/123;o=1",
        },
    )
    lines = [line for line in _lines(capfd.readouterr().err) if line.get("message") == "request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["severity"] == "INFO"
    assert line["request_id"] == "rid-42"
    assert line["route"] == "/healthz"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert "time" in line
    assert (
        line["logging.googleapis.com/trace"]
        == "projects/company-inc-prod/traces/105445aa7843bc8bf206b12000100000"
    )


def test_embedded_mode_warns_once(capfd: pytest.CaptureFixture[str]) -> None:
    create_app(make_settings())
    warnings = [
        line for line in _lines(capfd.readouterr().err) if line.get("severity") == "WARNING"
    ]
    assert len(warnings) == 1
    assert "EMBEDDED IN-MEMORY STORES" in str(warnings[0]["message"])
