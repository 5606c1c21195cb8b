"""``POST /api/v1/unlock/<code>``: the password step of a protected link.

The redirect sends visitors of a protected link to the SPA's ``/app/unlock/<code>``; the page posts
the password here and, on success, navigates to the returned target. The click (and the click cap)
is counted here, after the password was right, not at the redirect. Rate-limited per client IP
and per code, so a password cannot be guessed quickly from one address or from many. What a visit
gets is decided by :func:`flamingo.redirect.resolve.resolve`, as for the redirect itself.
"""

from __future__ import annotations

import time

from flask import Blueprint, Response, current_app, jsonify, request

from flamingo.clicks.events import record_click
from flamingo.core import context
from flamingo.core.problems import Problem, field_problem
from flamingo.http.bodies import json_body
from flamingo.http.ratelimit import unlock_limit
from flamingo.links.cache import own_hosts_of
from flamingo.links.domain_service import DomainService
from flamingo.links.models import UnlockBody
from flamingo.links.service import LinkService
from flamingo.redirect.resolve import Outcome, over_cap, resolve
from flamingo.redirect.view import visit_of

bp = Blueprint("unlock", __name__, url_prefix="/api/v1/unlock")


@bp.post("/<code:code>")
@unlock_limit
def unlock(code: str) -> Response:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    body = json_body(UnlockBody)
    domains = DomainService.of(app)
    host = domains.host_of(request.host)
    domain = domains.routes(host)
    links = LinkService.of(app)
    found = links.for_unlock(host, code) if domain is not None else None
    if found is None:
        raise Problem(404, "link-not-found", "there is no link with this code")
    link, password_hash = found
    max_age = context.settings_of(app).permanent_redirect_max_age
    visit = visit_of(time.time())
    own_hosts = own_hosts_of(app)
    decision = resolve(link, visit, permanent_max_age=max_age, domain=domain, own_hosts=own_hosts)
    if decision.outcome is Outcome.UNLOCK:
        if password_hash and not links.password_matches(password_hash, body.password):
            raise field_problem(403, "wrong-password", "password", "the password is not right")
        decision = resolve(
            link,
            visit.unlocked_copy(),
            permanent_max_age=max_age,
            domain=domain,
            own_hosts=own_hosts,
        )
    if decision.cap is not None and not links.take_cap(link, count=True):
        decision = over_cap(link, domain)
    if not decision.click:
        if decision.outcome is Outcome.REDIRECT and decision.target:
            return jsonify(target=decision.target)  # the expired_redirect of a gone link
        if decision.outcome is Outcome.NOT_FOUND:
            raise Problem(404, "link-not-found", "there is no link with this code")
        raise Problem(410, "link-gone", decision.reason or "this link is gone")
    record_click(
        link.code, link.link_id, is_head=False, rule=decision.rule, variant=decision.variant
    )
    return jsonify(target=decision.target)
