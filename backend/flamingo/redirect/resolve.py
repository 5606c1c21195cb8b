"""The redirect decision, written once.

:func:`resolve` is pure: given what the cache knows of a link and the facts of one visit, it says
what to answer. The Flask view (:mod:`.view`), the WSGI fast lane (:mod:`.fastlane`) and the
unlock endpoint (:mod:`.unlock`) only render a :class:`Decision`; none of them has a rule of its
own. The one thing a pure function cannot do is the click cap's atomic Redis ``INCR``: a decision
that needs it says so (``cap``), the renderer takes the cap, and :meth:`Decision.over_cap` gives
the answer when it was already reached.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from flamingo.links.cache import CachedLink

PERMANENT: Final = frozenset({301, 308})
UNLOCK_PAGE: Final = "/app/unlock/"
NO_STORE: Final = "no-store"


class Outcome(enum.Enum):
    REDIRECT = "redirect"  # 30x to ``target``
    UNLOCK = "unlock"  # 302 to the SPA's password page
    GONE = "gone"  # 410 with ``reason``
    NOT_FOUND = "not-found"  # 404


@dataclass(frozen=True, slots=True)
class Visit:
    """The facts of one visit that a decision depends on."""

    now: float  # epoch seconds
    unlocked: bool = False  # the unlock endpoint checked the password already


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    status: int
    target: str | None = None
    cache_control: str = NO_STORE
    reason: str | None = None  # why a link is gone (the 410 page's text)
    cap: int | None = None  # max clicks: the renderer must take the cap before redirecting

    @property
    def redirects(self) -> bool:
        return self.outcome is Outcome.REDIRECT

    @property
    def plain(self) -> bool:
        """A redirect that needs nothing but the answer (what the fast lane may serve)."""
        return self.outcome is Outcome.REDIRECT and self.cap is None


NOT_FOUND: Final = Decision(Outcome.NOT_FOUND, 404, reason="There is no link at this address.")
OVER_CAP: Final = Decision(Outcome.GONE, 410, reason="This link has reached its click limit.")


def _gone(reason: str) -> Decision:
    return Decision(Outcome.GONE, 410, reason=reason)


DISABLED: Final = _gone("This link has been disabled.")
EXPIRED: Final = _gone("This link has expired.")


def cache_control(link: CachedLink, max_age: int, now: float) -> str:
    """Permanent redirects may be cached by the browser, but never past the link's expiry, and
    never when every visit must reach us to be counted against a cap."""
    if link.status not in PERMANENT or link.max_clicks is not None:
        return "private, no-store"
    if link.expires_at is not None:
        max_age = min(max_age, max(0, int(link.expires_at - now)))
    return f"private, max-age={max_age}"


def resolve(link: CachedLink | None, visit: Visit, *, permanent_max_age: int) -> Decision:
    """What to answer a visit of ``link`` (None: no such link)."""
    if link is None:
        return NOT_FOUND
    if link.disabled:
        return DISABLED
    if link.expires_at is not None and visit.now >= link.expires_at:
        return EXPIRED
    if link.protected and not visit.unlocked:
        return Decision(Outcome.UNLOCK, 302, target=UNLOCK_PAGE + link.code)
    return Decision(
        Outcome.REDIRECT,
        link.status,
        target=link.target,
        cache_control=cache_control(link, permanent_max_age, visit.now),
        cap=link.max_clicks,
    )
