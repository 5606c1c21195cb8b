"""A mailbox for the browser suite: a real SMTP server on loopback (aiosmtpd) that the backend
mails through (``SMTP_HOST``), and a read-only HTTP view of what it received, so that a spec can
open the link of a verification mail as a person reads it in their inbox.

``GET <url>/messages?to=<email>`` → ``[{"to": [...], "subject": "...", "text": "..."}]``, oldest
first. Loopback only; the messages live in this process and vanish with it.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from tests.support.processes import free_port


def _text(message: Message) -> str:
    part = next((p for p in message.walk() if p.get_content_type() == "text/plain"), message)
    payload = part.get_payload(decode=True)
    return (
        payload.decode(part.get_content_charset() or "utf-8") if isinstance(payload, bytes) else ""
    )


class _Inbox:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[dict[str, Any]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        content = envelope.content if isinstance(envelope.content, bytes) else b""
        message = message_from_bytes(content)
        entry = {
            "to": [str(r).lower() for r in envelope.rcpt_tos],
            "subject": str(message["Subject"] or ""),
            "text": _text(message),
        }
        with self.lock:
            self.messages.append(entry)
        return "250 OK"

    def to(self, address: str) -> list[dict[str, Any]]:
        with self.lock:
            return [m for m in self.messages if address.lower() in m["to"]]


@dataclass(frozen=True)
class Mailbox:
    smtp_host: str
    smtp_port: int
    url: str  # the HTTP view's base


def _handler(inbox: _Inbox) -> type[BaseHTTPRequestHandler]:
    class View(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path != "/messages":
                self.send_error(404)
                return
            address = parse_qs(parts.query).get("to", [""])[0]
            body = json.dumps(inbox.to(address)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return View


@contextlib.contextmanager
def mailbox(smtp_host: str = "127.0.0.1") -> Iterator[Mailbox]:
    """``smtp_host``: the address the backend sends to (loopback, or the container engine's bridge
    gateway when the backend runs in a container); the HTTP view stays on loopback."""
    inbox = _Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname=smtp_host, port=smtp_port)
    controller.start()
    view = ThreadingHTTPServer(("127.0.0.1", free_port()), _handler(inbox))
    thread = threading.Thread(target=view.serve_forever, daemon=True)
    thread.start()
    try:
        yield Mailbox(smtp_host, smtp_port, f"http://127.0.0.1:{view.server_address[1]}")
    finally:
        view.shutdown()
        view.server_close()
        controller.stop()
