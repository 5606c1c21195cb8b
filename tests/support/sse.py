"""A small Server-Sent Events client for the tests: a real HTTP/1.1 connection read in a thread.

``http.client`` decodes the chunked body; messages (separated by a blank line) are queued as they
arrive, so a test waits for the next one with a generous bound, never asserting on durations.
:meth:`SseClient.close` shuts the socket down, as a browser tab that goes away does.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import queue
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

WAIT = 30.0  # a bound for "eventually", not a latency assertion


class SseClient:
    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        self.connection.request(
            "GET", path, headers={"Accept": "text/event-stream", **(headers or {})}
        )
        self.response = self.connection.getresponse()
        self.status = self.response.status
        self.headers = {k.lower(): v for k, v in self.response.getheaders()}
        self.messages: queue.Queue[str | None] = queue.Queue()
        if self.status == 200:
            threading.Thread(target=self._read, daemon=True).start()
        else:
            self.body = self.response.read().decode()

    def _read(self) -> None:
        pending = ""
        try:
            while True:
                chunk = self.response.read1(65536)
                if not chunk:
                    break
                pending += chunk.decode()
                while "\n\n" in pending:
                    message, pending = pending.split("\n\n", 1)
                    self.messages.put(message)
        except Exception:  # noqa: S110 - closed under the reader (close() races it): the end
            pass
        self.messages.put(None)

    def next_message(self, timeout: float = WAIT) -> str | None:
        """The next message (``None`` once the stream ended)."""
        return self.messages.get(timeout=timeout)

    def next_click(self, timeout: float = WAIT) -> tuple[str, dict[str, Any]]:
        """The next ``click`` event's id and data, skipping comments and ``retry:``."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.next_message(max(deadline - time.monotonic(), 0.01))
            if message is None:
                raise AssertionError("the feed ended before a click came")
            fields = dict(
                line.split(": ", 1) for line in message.split("\n") if not line.startswith(":")
            )
            if fields.get("event") == "click":
                return fields["id"], json.loads(fields["data"])

    def opened(self, timeout: float = WAIT) -> None:
        """Wait for the stream's first message (``retry:``): the feed is subscribed."""
        message = self.next_message(timeout)
        assert message is not None and message.startswith("retry: "), message

    def close(self) -> None:
        sock = self.connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.connection.close()
