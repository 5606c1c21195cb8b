"""One delivery attempt over HTTP, closed against SSRF (docs/security.md, "Webhooks").

* The URL passes the link-target policy (:func:`flamingo.links.urlpolicy.evaluate`): http(s)
  only, no credentials, not our own domains, and — unless ``ALLOW_PRIVATE_TARGETS`` — no private,
  loopback, link-local or metadata host.
* The name is resolved here, EVERY address it resolves to is checked with the same rule, and
  the connection goes to the checked address (the ``Host`` header and the TLS server name are
  the URL's host, so certificates are verified against the name): a name that answers a public
  address to the check and a private one to the connect (DNS rebinding) cannot reach inside.
* No redirect is followed (a 3xx is a failed attempt), each attempt has a 10 s budget in total,
  and at most :data:`RESPONSE_CAP` bytes of the answer are read; :data:`EXCERPT_CHARS` are kept.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from flamingo.core.problems import Problem
from flamingo.links.urlpolicy import Policy, evaluate, internal_address

TIMEOUT_SECONDS = 10.0
RESPONSE_CAP = 16 * 1024
EXCERPT_CHARS = 1000
_CHUNK = 4096


class Refused(Exception):  # noqa: N818 - reads as the outcome
    """The URL or an address it resolves to is not allowed; ``slug`` says which rule."""

    def __init__(self, slug: str, detail: str) -> None:
        super().__init__(detail)
        self.slug = slug
        self.detail = detail


@dataclass(frozen=True)
class Attempt:
    status_code: int | None
    latency_ms: int
    excerpt: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the system resolver), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_target(url: str, policy: Policy) -> tuple[str, str, int, list[str]]:
    """``(normalised url, host, port, addresses)`` when the URL and every address of its host
    pass ``policy``; else :class:`Refused`. An unresolvable name is refused too (at delivery it
    is a failed attempt, retried)."""
    try:
        normalised = evaluate(url, policy)
    except Problem as problem:
        raise Refused(problem.slug, problem.detail) from None
    parts = urlsplit(normalised)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError):
        raise Refused("url-unresolvable", f"{host} does not resolve") from None
    if not addresses:
        raise Refused("url-unresolvable", f"{host} does not resolve")
    if not policy.allow_private:
        for address in addresses:
            if internal_address(ipaddress.ip_address(address.split("%", 1)[0])):
                raise Refused(
                    "target-private-address",
                    f"{host} resolves to {address}, a private, loopback or link-local address",
                )
    return normalised, host, port, addresses


def _connect(addresses: list[str], port: int, timeout: float | None) -> socket.socket:
    """A TCP connection to the first checked address that answers (never a fresh lookup)."""
    error: OSError = OSError("no address")
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as exc:
            error = exc
    raise error


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to the checked ``addresses`` whose Host header is the URL's name."""

    def __init__(self, host: str, port: int, addresses: list[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses
        self.pinned: socket.socket | None = None

    def connect(self) -> None:
        self.sock = self.pinned = _connect(self.addresses, self.port, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """TLS to the checked ``addresses``, verifying the certificate for the URL's name (SNI)."""

    def __init__(
        self, host: str, port: int, addresses: list[str], timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self.addresses = addresses
        self.tls = context
        self.pinned: socket.socket | None = None

    def connect(self) -> None:
        raw = _connect(self.addresses, self.port, self.timeout)
        self.sock = self.pinned = self.tls.wrap_socket(raw, server_hostname=self.host)


def _read_capped(
    response: http.client.HTTPResponse, sock: socket.socket | None, deadline: float
) -> bytes:
    """At most RESPONSE_CAP bytes, within what is left of the attempt's time budget (a receiver
    dripping its answer byte by byte cannot hold the worker past it)."""
    data = b""
    while len(data) < RESPONSE_CAP:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        if sock is not None:
            with contextlib.suppress(OSError):  # closed by http.client (Connection: close): the
                sock.settimeout(remaining)  # timeout set before the answer still holds
        chunk = response.read(min(_CHUNK, RESPONSE_CAP - len(data)))
        if not chunk:
            break
        data += chunk
    return data


def post(
    url: str,
    body: str,
    headers: dict[str, str],
    policy: Policy,
    *,
    timeout: float = TIMEOUT_SECONDS,
    tls: ssl.SSLContext | None = None,
) -> Attempt:
    """POST ``body`` to ``url`` once; the outcome (never raises for the receiver's faults)."""
    started = time.monotonic()
    deadline = started + timeout

    def took() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        normalised, host, port, addresses = checked_target(url, policy)
    except Refused as refused:
        return Attempt(None, took(), error=f"refused ({refused.slug}): {refused.detail}")
    parts = urlsplit(normalised)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection: _PinnedHTTP | _PinnedHTTPS
    if parts.scheme == "https":
        context = tls or ssl.create_default_context()
        connection = _PinnedHTTPS(host, port, addresses, timeout, context)
    else:
        connection = _PinnedHTTP(host, port, addresses, timeout)
    try:
        connection.request("POST", path, body=body.encode(), headers=headers)
        if connection.pinned is not None:  # the answer's wait shares the attempt's budget
            connection.pinned.settimeout(max(0.001, deadline - time.monotonic()))
        response = connection.getresponse()
        data = _read_capped(response, connection.pinned, deadline)
        excerpt = data.decode("utf-8", errors="replace")[:EXCERPT_CHARS]
        return Attempt(response.status, took(), excerpt=excerpt)
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        return Attempt(None, took(), error=f"{type(exc).__name__}: {exc}"[:EXCERPT_CHARS])
    finally:
        connection.close()
