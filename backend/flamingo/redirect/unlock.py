"""``/api/v1/unlock/<code>``: the password step of a protected link.

The redirect sends visitors of a protected link to the SPA's ``/app/unlock/<code>`` (with the
visit's query string and Referer host, signed: :mod:`flamingo.redirect.carry`). The page first
asks ``GET`` whether there is such a link (so an unknown code says so instead of asking for a
password), then posts the password — and the carried visit — here and, on success, navigates to
the returned target. The click (and the click cap) is counted here, after the password was right,
not at the redirect, with the visit's own Referer. Rate-limited per client IP and per code, so a
password cannot be guessed quickly from one address or from many. What a visit gets is decided by
:func:`flamingo.redirect.resolve.resolve`, as for the redirect itself, from the carried visit.
"""

from __future__ import annotations

import time

from flask import Blueprint, Flask, Response, request
from pydantic import BaseModel, ConfigDict

from flamingo.clicks.events import record_click
from flamingo.core import context
from flamingo.core.problems import Problem, field_problem
from flamingo.http.bodies import json_body
from flamingo.http.openapi.generated import Contract
from flamingo.http.ratelimit import unlock_limit
from flamingo.http.render import answer
from flamingo.links.cache import CachedLink, own_hosts_of
from flamingo.links.domain_service import DomainService
from flamingo.links.domains import DomainRoutes
from flamingo.links.models import UnlockBody
from flamingo.links.service import LinkService
from flamingo.redirect.carry import CarriedVisit, carried
from flamingo.redirect.resolve import Decision, Outcome, over_cap, resolve
from flamingo.redirect.view import visit_of
from flamingo.redirect.visit import Visit

bp = Blueprint("unlock", __name__, url_prefix="/api/v1/unlock")


class UnlockStatus(BaseModel):
    """Whether there is a link to unlock at a code, and whether it wants a password."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str
    protected: bool


class Unlocked(BaseModel):
    """Where the visitor goes now: the link's target (or a gone link's expired_redirect)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    target: str


# What these APIs read and answer: the document's schemas are generated from these models.
CONTRACT = Contract(requests=(UnlockBody,), responses=(UnlockStatus, Unlocked))


def _no_link() -> Problem:
    return Problem(404, "link-not-found", "there is no link with this code")


def _found(app: Flask, code: str) -> tuple[str, DomainRoutes, CachedLink, str | None]:
    """The request's domain, its link ``code`` and the link's password hash; 404 if none."""
    domains = context.service_of(app, DomainService)
    host = domains.host_of(request.host)
    domain = domains.routes(host)
    links = context.service_of(app, LinkService)
    found = links.for_unlock(host, code) if domain is not None else None
    if domain is None or found is None:
        raise _no_link()
    return host, domain, *found


def _decide(app: Flask, link: CachedLink, domain: DomainRoutes, visit: Visit) -> Decision:
    return resolve(
        link,
        visit,
        permanent_max_age=context.settings_of(app).links.permanent_redirect_max_age,
        domain=domain,
        own_hosts=own_hosts_of(app),
    )


def _unavailable(decision: Decision) -> Problem:
    if decision.outcome is Outcome.NOT_FOUND:
        return _no_link()
    return Problem(410, "link-gone", decision.reason or "this link is gone")


@bp.get("/<code:code>")
def status(code: str) -> Response:
    """Whether the unlock page of ``code`` has a link to unlock: 200, else 404 / 410."""
    app: Flask = context.app()
    _, domain, link, _ = _found(app, code)
    decision = _decide(app, link, domain, visit_of(time.time()))
    if decision.outcome in (Outcome.NOT_FOUND, Outcome.GONE):
        raise _unavailable(decision)
    return answer(UnlockStatus(code=link.code, protected=decision.outcome is Outcome.UNLOCK))


@bp.post("/<code:code>")
@unlock_limit
def unlock(code: str) -> Response:
    app: Flask = context.app()
    body = json_body(UnlockBody)
    host, domain, link, password_hash = _found(app, code)
    visit_facts = carried(app, body.visit, host, code) if body.visit else CarriedVisit("", "")
    visit = visit_of(time.time(), query_string=visit_facts.query_string)
    decision = _decide(app, link, domain, visit)
    links = context.service_of(app, LinkService)
    if decision.outcome is Outcome.UNLOCK:
        if password_hash and not links.password_matches(password_hash, body.password):
            raise field_problem(403, "wrong-password", "password", "the password is not right")
        decision = _decide(app, link, domain, visit.unlocked_copy())
    if decision.cap is not None and not links.take_cap(link, count=True):
        decision = over_cap(link, domain)
    # A counted decision always carries its target; the second test is for the type checker.
    if not decision.click or decision.target is None:
        if decision.outcome is Outcome.REDIRECT and decision.target:
            return answer(Unlocked(target=decision.target))  # a gone link's expired_redirect
        raise _unavailable(decision)
    record_click(
        link.code,
        link.link_id,
        is_head=False,
        rule=decision.rule,
        variant=decision.variant,
        # The visit's own Referer, never our unlock page's (this request's).
        referer_host=visit_facts.referer_host,
        query_string=visit_facts.query_string,
    )
    return answer(Unlocked(target=decision.target))
