"""The smoke test the Rollouts run before promotion: passes on the new commit, fails otherwise."""

from __future__ import annotations

import importlib.util
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any, ClassVar

import pytest

from tests.chart.render import CHART

pytestmark = pytest.mark.chart


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("smoke_test", CHART / "files" / "smoke_test.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


smoke = load_script()


class FakeStack(BaseHTTPRequestHandler):
    """Answers like a Flamingo backend and frontend; tests change `routes` to break it."""

    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def healthy_routes(commit: str) -> dict[str, tuple[int, str, bytes]]:
    version = json.dumps({"version": "1.0.0", "commit": commit, "built_at": "2026-11-26"})
    return {
        "/healthz": (200, "application/json", b"{}"),
        "/readyz": (200, "application/json", b"{}"),
        "/api/v1/version": (200, "application/json", version.encode()),
        "/nginx-healthz": (200, "text/plain", b"ok"),
        "/app/": (200, "text/html; charset=utf-8", b"<!doctype html>"),
    }


@pytest.fixture
def stack() -> Iterator[str]:
    FakeStack.routes = healthy_routes("c0ffee")
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStack)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def run(url: str, *extra: str) -> int:
    code: int = smoke.main([*extra[:1], "--url", url, "--timeout", "0.5", "--interval", "0.1",
                            *extra[1:]])  # fmt: skip
    return code


def test_backend_passes_on_the_expected_commit(stack: str) -> None:
    assert run(stack, "backend", "--expected-commit", "c0ffee") == 0


def test_backend_fails_on_another_commit(stack: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(stack, "backend", "--expected-commit", "deadbeef") == 1
    out = capsys.readouterr().out
    assert "SMOKE TEST FAILED" in out and "'c0ffee', want 'deadbeef'" in out


def test_backend_fails_when_not_ready(stack: str, capsys: pytest.CaptureFixture[str]) -> None:
    FakeStack.routes["/readyz"] = (503, "application/problem+json", b"{}")
    assert run(stack, "backend", "--expected-commit", "c0ffee") == 1
    assert "/readyz: status 503" in capsys.readouterr().out


def test_backend_fails_when_unknown_codes_do_not_404(stack: str) -> None:
    FakeStack.routes["/zzsmoke0test0missing0code"] = (500, "text/html", b"boom")
    assert run(stack, "backend", "--expected-commit", "c0ffee") == 1


def test_backend_retries_until_the_new_pods_answer(stack: str) -> None:
    FakeStack.routes["/api/v1/version"] = (200, "application/json", b'{"commit": "old"}')
    timer = threading.Timer(0.3, lambda: FakeStack.routes.update(healthy_routes("new")))
    timer.start()
    try:
        assert run(stack, "backend", "--expected-commit", "new", "--timeout", "5") == 0
    finally:
        timer.cancel()


def test_frontend(stack: str) -> None:
    assert run(stack, "frontend") == 0
    FakeStack.routes["/app/"] = (200, "application/json", b"{}")
    assert run(stack, "frontend") == 1


def test_unreachable_service_fails() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert run(f"http://127.0.0.1:{port}", "backend", "--expected-commit", "x") == 1
