"""The redirect decision, written once.

:func:`resolve` is pure: given what the cache knows of a link (and of its domain) and the facts of
one visit, it says what to answer. The Flask view (:mod:`.view`), the WSGI fast lane
(:mod:`.fastlane`) and the unlock endpoint (:mod:`.unlock`) only render a :class:`Decision`; none
of them has a rule of its own. The one thing a pure function cannot do is the click cap's atomic
Redis ``INCR``: a decision that needs it says so (``cap``), the renderer takes the cap, and
:func:`over_cap` gives the answer when it was already reached.

Order of the rules: no link, or not valid yet → 404 (or the domain's ``not_found_redirect``);
disabled or expired → 410 (or the link's, else the domain's ``expired_redirect``; never the
owner's redirect for a link an admin disabled); password not yet given → the unlock page; then the
first matching redirect rule, else the variant of a split, else the target — with the visitor's
query appended when ``forward_query`` is on.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qsl, urlencode

from flamingo.links.cache import CachedLink
from flamingo.links.domains import DomainRoutes, target_host
from flamingo.links.rules import CompiledRule, Routing
from flamingo.redirect.visit import Visit

PERMANENT: Final = frozenset({301, 308})
UNLOCK_PAGE: Final = "/app/unlock/"
SPA_HOME: Final = "/app/"
NO_STORE: Final = "no-store"


class Outcome(enum.Enum):
    REDIRECT = "redirect"  # 30x to ``target``
    UNLOCK = "unlock"  # 302 to the SPA's password page
    GONE = "gone"  # 410 with ``reason``
    NOT_FOUND = "not-found"  # 404


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    status: int
    target: str | None = None
    cache_control: str = NO_STORE
    reason: str | None = None  # why a link is gone (the 410 page's text)
    cap: int | None = None  # max clicks: the renderer must take the cap before redirecting
    click: bool = False  # a click of the link (counted); False for fallbacks and errors
    rule: int | None = None  # which redirect rule matched
    variant: int | None = None  # which variant of a split was chosen
    orphan: bool = False  # a visit of a code that does not exist (yet): an orphan visit

    @property
    def redirects(self) -> bool:
        return self.outcome is Outcome.REDIRECT

    @property
    def plain(self) -> bool:
        """A redirect that needs nothing but the answer (what the fast lane may serve)."""
        return self.outcome is Outcome.REDIRECT and self.cap is None


NOT_FOUND: Final = Decision(
    Outcome.NOT_FOUND, 404, reason="There is no link at this address.", orphan=True
)
REASON_OVER_CAP: Final = "This link has reached its click limit."
REASON_OWN_HOST: Final = "This link points back to this service."
NO_HOSTS: Final[frozenset[str]] = frozenset()


def _fallback(target: str, *, orphan: bool = False) -> Decision:
    # Somewhere else instead of a 404/410 page: temporary, never cached, not a click.
    return Decision(Outcome.REDIRECT, 302, target=target, orphan=orphan)


def not_found(domain: DomainRoutes | None) -> Decision:
    if domain is not None and domain.not_found_redirect:
        return _fallback(domain.not_found_redirect, orphan=True)
    return NOT_FOUND


def gone(link: CachedLink, domain: DomainRoutes | None, reason: str) -> Decision:
    target = None if link.admin_disabled else link.expired_redirect
    if target is None and domain is not None:
        target = domain.expired_redirect
    return _fallback(target) if target else Decision(Outcome.GONE, 410, reason=reason)


def over_cap(link: CachedLink, domain: DomainRoutes | None) -> Decision:
    return gone(link, domain, REASON_OVER_CAP)


def cache_control(link: CachedLink, max_age: int, now: float) -> str:
    """Permanent redirects may be cached by the browser, but never past the link's expiry, and
    never when every visit must reach us (a click cap, rules, a split, query forwarding)."""
    if link.status not in PERMANENT or link.max_clicks is not None or link.routing is not None:
        return "private, no-store"
    if link.expires_at is not None:
        max_age = min(max_age, max(0, int(link.expires_at - now)))
    return f"private, max-age={max_age}"


def matches(rule: CompiledRule, visit: Visit) -> bool:  # noqa: PLR0911 - one return per condition
    """Every condition the rule names holds for the visit."""
    if rule.after is not None and visit.now < rule.after:
        return False
    if rule.before is not None and visit.now >= rule.before:
        return False
    if rule.countries is not None and visit.country not in rule.countries:
        return False
    if rule.devices is not None and visit.device() not in rule.devices:
        return False
    if rule.oses is not None and visit.os() not in rule.oses:
        return False
    if rule.languages is not None and rule.languages.isdisjoint(visit.languages()):
        return False
    if rule.query:
        params = visit.params()
        return all(value in params.get(name, ()) for name, value in rule.query)
    return True


def with_query(target: str, query_string: str) -> str:
    """``target`` with the visitor's query parameters appended: none of the target's is lost,
    a pair the target already has is not repeated, and the fragment stays last."""
    if not query_string:
        return target
    base, hash_, fragment = target.partition("#")
    path, _, own = base.partition("?")
    have = set(parse_qsl(own, keep_blank_values=True))
    extra = [pair for pair in parse_qsl(query_string, keep_blank_values=True) if pair not in have]
    if not extra:
        return target
    joined = (own + "&" if own else "") + urlencode(extra)
    return f"{path}?{joined}{hash_}{fragment}"


def _route(routing: Routing, link: CachedLink, visit: Visit) -> tuple[str, int | None, int | None]:
    for index, rule in enumerate(routing.rules):
        if matches(rule, visit):
            return rule.target, index, None
    if routing.split is not None:
        variant = routing.split.pick(visit.visitor())
        return routing.split.targets[variant], None, variant
    return link.target, None, None


def resolve(
    link: CachedLink | None,
    visit: Visit,
    *,
    permanent_max_age: int,
    domain: DomainRoutes | None = None,
    own_hosts: frozenset[str] = NO_HOSTS,
) -> Decision:
    """What to answer a visit of ``link`` (None: no such link) on ``domain``.

    A target on one of ``own_hosts`` (every domain we serve) is never followed: a link or a
    domain redirect made before its host became one of ours would chain or loop through us. The
    link is gone (410, not a click); a domain's fallback gives way to the plain 404/410.
    """
    decision = _decide(link, visit, permanent_max_age=permanent_max_age, domain=domain)
    if decision.outcome is not Outcome.REDIRECT or not decision.target:
        return decision
    if target_host(decision.target) not in own_hosts:
        return decision
    return NOT_FOUND if decision.orphan else Decision(Outcome.GONE, 410, reason=REASON_OWN_HOST)


def root_target(domain: DomainRoutes, own_hosts: frozenset[str]) -> str | None:
    """Where ``GET /`` of ``domain`` goes: its ``root_redirect`` unless that is one of our own
    hosts (a loop), else the SPA on the default domain, else nowhere (404)."""
    redirect = domain.root_redirect
    if redirect and target_host(redirect) not in own_hosts:
        return redirect
    return SPA_HOME if domain.default else None


def _decide(
    link: CachedLink | None,
    visit: Visit,
    *,
    permanent_max_age: int,
    domain: DomainRoutes | None,
) -> Decision:
    if link is None or (link.valid_from is not None and visit.now < link.valid_from):
        return not_found(domain)
    if link.disabled:
        return gone(link, domain, "This link has been disabled.")
    if link.expires_at is not None and visit.now >= link.expires_at:
        return gone(link, domain, "This link has expired.")
    if link.protected and not visit.unlocked:
        return Decision(Outcome.UNLOCK, 302, target=UNLOCK_PAGE + link.code)
    routing = link.routing
    if routing is None:
        return Decision(
            Outcome.REDIRECT,
            link.status,
            target=link.target,
            cache_control=cache_control(link, permanent_max_age, visit.now),
            cap=link.max_clicks,
            click=True,
        )
    target, rule, variant = _route(routing, link, visit)
    if routing.forward_query:
        target = with_query(target, visit.query_string)
    return Decision(
        Outcome.REDIRECT,
        link.status,
        target=target,
        cache_control="private, no-store",
        cap=link.max_clicks,
        click=True,
        rule=rule,
        variant=variant,
    )
