"""The client's IP address, trusting exactly ``TRUSTED_PROXY_COUNT`` proxies.

With 0 (the default) ``X-Forwarded-For`` is ignored and the socket peer is the client. With N,
werkzeug's ProxyFix takes the N-th address from the right of ``X-Forwarded-For`` (the one our
own nearest proxy recorded), so entries a client forges at the left never count.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix


def install(app: Flask, trusted_proxy_count: int) -> None:
    if trusted_proxy_count > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=trusted_proxy_count, x_proto=trusted_proxy_count
        )


def client_ip() -> str:
    return request.remote_addr or "unknown"
