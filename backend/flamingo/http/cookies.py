"""The names of the cookies the service sets: the session (``accounts.sessions``) and the CSRF
token the SPA echoes in ``X-CSRF-Token``. Here, below every domain, because request plumbing
(the rate limiter's credential key) reads them too."""

from __future__ import annotations

from typing import Final

SESSION_COOKIE: Final = "flamingo_session"
CSRF_COOKIE: Final = "flamingo_csrf"
