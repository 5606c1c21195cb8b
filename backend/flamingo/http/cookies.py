"""The names of the cookies the service sets: the session (``accounts.sessions``) and the CSRF
token the SPA echoes in ``X-CSRF-Token``. Here, below every domain, because request plumbing
(the rate limiter's credential key) reads them too."""

from __future__ import annotations

from typing import Final

SESSION_COOKIE: Final = "flamingo_session"
CSRF_COOKIE: Final = "flamingo_csrf"
# Binds a started single sign-on to the browser that started it (accounts.oidc_views).
OIDC_FLOW_COOKIE: Final = "flamingo_oidc"
