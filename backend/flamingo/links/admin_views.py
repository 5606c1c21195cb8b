"""``/api/v1/admin/links`` and ``/api/v1/admin/blocklist``: administrators list anyone's links,
disable or enable any link, and keep the domain blocklist."""

from __future__ import annotations

from flask import Blueprint, Response
from pydantic import BaseModel, ConfigDict, Field

from flamingo.accounts.auth import current_principal, require_admin
from flamingo.accounts.users import Users
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.core.problems import Problem
from flamingo.http.bodies import json_body, query
from flamingo.http.openapi import Contract
from flamingo.http.render import answer
from flamingo.links.blocklist import (
    AlreadyBlocked,
    BlockedDomain,
    BlockedDomainList,
    DomainBlocklist,
)
from flamingo.links.models import AdminListQuery
from flamingo.links.urlpolicy import valid_domain
from flamingo.links.views import link_page, service

bp = Blueprint("admin_links", __name__, url_prefix="/api/v1/admin")


def _blocklist() -> DomainBlocklist:
    return context.service(DomainBlocklist)


class BlockedDomainCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    domain: str = Field(
        min_length=1,
        max_length=253,
        description="A bare domain (IDN allowed; stored as punycode). Subdomains are blocked too.",
    )
    reason: str = Field(default="", max_length=500)


# What these APIs read and answer: the document's schemas are generated from these models.
CONTRACT = Contract(requests=(BlockedDomainCreate,), responses=(BlockedDomain, BlockedDomainList))


@bp.get("/links")
@require_admin
def list_all_links() -> Response:
    """Every user's links, newest first; ``owner_id`` / ``workspace_id`` narrow them."""
    query_ = query(AdminListQuery)
    svc = service()
    page = link_page(svc, svc.page(query_, owner_id=query_.owner_id))
    # Admins see whose link it is by email (one lookup for the page), not by user id.
    emails = Users(context.stores().db).emails_of([item.owner_id for item in page.items])
    items = [
        item.model_copy(update={"owner_email": emails.get(item.owner_id)}) for item in page.items
    ]
    return answer(page.model_copy(update={"items": items}))


@bp.get("/links/<link_id>")
@require_admin
def get_any_link(link_id: str) -> Response:
    svc = service()
    return answer(svc.out(svc.get_any(link_id)))


def _set_disabled(link_id: str, disabled: bool) -> Response:
    svc = service()
    return answer(svc.out(svc.set_admin_disabled(svc.get_any(link_id), disabled)))


@bp.post("/links/<link_id>/disable")
@require_admin
def disable_link(link_id: str) -> Response:
    """Disable a link; its owner cannot enable it again (abuse handling)."""
    return _set_disabled(link_id, True)


@bp.post("/links/<link_id>/enable")
@require_admin
def enable_link(link_id: str) -> Response:
    return _set_disabled(link_id, False)


@bp.get("/blocklist")
@require_admin
def list_blocked() -> Response:
    return answer(BlockedDomainList(items=_blocklist().entries()))


@bp.post("/blocklist")
@require_admin
def block() -> tuple[Response, int]:
    body = json_body(BlockedDomainCreate)
    domain = valid_domain(body.domain)
    try:
        entry = _blocklist().add(domain, body.reason.strip())
    except AlreadyBlocked:
        raise Problem(409, "already-blocked", f"{domain} is already on the blocklist") from None
    audit.record(
        current_principal().user_id, "blocklist.add", "domain", domain, {"reason": entry.reason}
    )
    return answer(entry), 201


@bp.delete("/blocklist/<domain>")
@require_admin
def unblock(domain: str) -> Response:
    try:
        normalised = valid_domain(domain)
    except Problem:
        raise Problem(404, "not-found", "no such blocklist entry") from None
    if not _blocklist().remove(normalised):
        raise Problem(404, "not-found", "no such blocklist entry")
    audit.record(current_principal().user_id, "blocklist.remove", "domain", normalised)
    return Response(status=204)
