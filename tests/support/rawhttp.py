"""One HTTP/1.1 exchange over a raw socket: for requests no client library would send (an
over-long request line, a header that is not HTTP), read back whole."""

from __future__ import annotations

import json
import socket
from typing import Any


def raw_exchange(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``request`` as it is to 127.0.0.1:``port`` and read the answer until the server closes
    the connection: (status, headers with lower-case names, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split(" ")[1]), headers, body


def problem_of(status: int, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    """The problem document of a raw answer, checked for the shape every problem has."""
    assert headers["content-type"] == "application/problem+json", (status, headers, body)
    assert int(headers["content-length"]) == len(body)
    document: dict[str, Any] = json.loads(body)
    assert document["status"] == status
    assert document["title"] and document["detail"]
    return document
