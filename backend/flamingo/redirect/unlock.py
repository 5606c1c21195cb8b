"""``POST /api/v1/unlock/<code>``: the password step of a protected link.

The redirect sends visitors of a protected link to the SPA's ``/app/unlock/<code>``; the page posts
the password here and, on success, navigates to the returned target. The click (and the click cap)
is counted here, after the password was right, not at the redirect. Rate-limited per client IP
and per code, so a password cannot be guessed quickly from one address or from many.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, Response, current_app, jsonify

from flamingo.accounts.passwords import verify_password
from flamingo.clicks.events import record_click
from flamingo.core.problems import Problem
from flamingo.http.ratelimit import unlock_limit
from flamingo.links import clickcap
from flamingo.links.cache import CachedLink
from flamingo.links.models import UnlockBody
from flamingo.links.repository import LinkRepository
from flamingo.links.reserved import is_reserved
from flamingo.links.views import json_body
from flamingo.redirect.view import unavailable_reason

bp = Blueprint("unlock", __name__, url_prefix="/api/v1/unlock")


@bp.post("/<code:code>")
@unlock_limit
def unlock(code: str) -> Response:
    app: Any = current_app
    body = json_body(UnlockBody)
    stores = app.extensions["flamingo.core.stores"]
    doc = None if is_reserved(code) else LinkRepository(stores.db).by_code(code)
    if doc is None:
        raise Problem(404, "link-not-found", "there is no link with this code")
    link = CachedLink.from_doc(doc)
    reason = unavailable_reason(link, time.time())
    if reason is not None:
        raise Problem(410, "link-gone", reason)
    password_hash = doc.get("password_hash")
    if password_hash and not verify_password(
        app.config["FLAMINGO_SETTINGS"], password_hash, body.password
    ):
        raise Problem(403, "wrong-password", "the password is not right", field="password")
    if link.max_clicks is not None and not clickcap.take(
        stores.redis, link.link_id, link.max_clicks
    ):
        raise Problem(410, "link-gone", "This link has reached its click limit.")
    record_click(link.code, link.link_id, is_head=False)
    return jsonify(target=link.target)
