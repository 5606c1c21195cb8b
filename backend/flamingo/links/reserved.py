"""Reserved aliases: every top-level path the service, the SPA and the edge use, in one list.

A short link lives at ``/<code>``, so a code equal to one of these names would either be shadowed
by the real route or shadow it. Aliases are case-sensitive, but reserved names are compared
case-insensitively: ``/Login`` next to ``/login`` invites phishing. Random codes are checked against
the same list (``healthz`` and ``metrics`` are exactly seven base62 characters).
"""

from __future__ import annotations

RESERVED_ALIASES: frozenset[str] = frozenset(
    {
        # The backend's own top-level routes.
        "api",
        "healthz",
        "readyz",
        "livez",
        "metrics",
        "version",
        "openapi",
        "openapi.json",
        "docs",
        "redoc",
        "swagger",
        # The SPA (served under /app/) and its assets.
        "app",
        "static",
        "assets",
        "public",
        "favicon.ico",
        "favicon",
        "robots.txt",
        "sitemap.xml",
        "manifest.json",
        "manifest.webmanifest",
        "service-worker.js",
        "sw.js",
        "apple-touch-icon.png",
        "index.html",
        # Nginx and the load balancer.
        "nginx-healthz",
        "nginx-status",
        "health",
        "status",
        "ping",
        ".well-known",
        "well-known",
        # Pages the SPA or a future server-rendered page may use at the top level.
        "login",
        "logout",
        "signin",
        "signout",
        "signup",
        "register",
        "auth",
        "oauth",
        "sso",
        "account",
        "accounts",
        "settings",
        "profile",
        "me",
        "user",
        "users",
        "admin",
        "dashboard",
        "links",
        "link",
        "stats",
        "analytics",
        "tokens",
        "unlock",
        "qr",
        "new",
        "edit",
        "import",
        "export",
        "search",
        "help",
        "about",
        "terms",
        "privacy",
        "security",
        "security.txt",
        "contact",
        "support",
        "abuse",
        "report",
        "blog",
        "www",
        "mail",
        "ads.txt",
        "humans.txt",
        "null",
        "undefined",
    }
)


def is_reserved(name: str) -> bool:
    return name.lower() in RESERVED_ALIASES
