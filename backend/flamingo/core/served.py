"""Where this process serves HTTP: one answer for gunicorn's bind and the default public origin.

``make run`` and the tests pass ``HOST`` / ``PORT``; the container sets ``PORT``. The default
``PUBLIC_BASE_URL`` follows them, so short links point at the port actually served.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_HOST = "0.0.0.0"  # noqa: S104 - a container listens on all interfaces
DEFAULT_PORT = 8080
# Addresses a browser on this machine reaches as ``localhost``.
_LOCAL = frozenset({"", "0.0.0.0", "::", "[::]", "127.0.0.1", "::1", "[::1]", "localhost"})  # noqa: S104


def served_host(environ: Mapping[str, str]) -> str:
    return environ.get("HOST") or DEFAULT_HOST


def served_port(environ: Mapping[str, str]) -> int:
    """``PORT`` as an integer; ValueError (naming it) when it is not one."""
    raw = environ.get("PORT", "")
    if not raw:
        return DEFAULT_PORT
    try:
        port = int(raw)
    except ValueError:
        raise ValueError("PORT: must be an integer") from None
    if not 0 < port < 65536:
        raise ValueError("PORT: must be between 1 and 65535")
    return port


def served_origin(environ: Mapping[str, str]) -> str:
    """``http://<host>:<port>`` of this server: wildcard and loopback binds are ``localhost``."""
    host = served_host(environ).strip().lower()
    if host in _LOCAL:
        host = "localhost"
    elif ":" in host and not host.startswith("["):  # an IPv6 literal
        host = f"[{host}]"
    return f"http://{host}:{served_port(environ)}"
