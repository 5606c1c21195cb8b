"""``/api/v1/links``: create, read, change, delete, list, batch and QR codes of one's links.

Views only parse, call :class:`LinkService` (which decides who may see a link) and render.
"""

from __future__ import annotations

import hashlib
from typing import Annotated

from flask import Blueprint, Response, request
from pydantic import BaseModel, ConfigDict, Field

from flamingo.accounts.auth import current_principal, require_auth
from flamingo.core import context
from flamingo.core.pagination import Page
from flamingo.http.bodies import json_body, query
from flamingo.http.openapi import Contract
from flamingo.http.render import answer
from flamingo.links import qr
from flamingo.links.answers import (
    BatchResult,
    LinkDetail,
    LinkOut,
    LinkPage,
    short_url,
)
from flamingo.links.link import Link
from flamingo.links.listing import RECENT_CLICKS, list_items
from flamingo.links.models import BatchCreate, LinkCreate, LinkPatch, ListQuery
from flamingo.links.service import LinkService

bp = Blueprint("links", __name__, url_prefix="/api/v1/links")
# A QR code is personal (it needs a token to fetch) and changes when its link's alias does: the
# browser may keep it, but must ask again each time; the ETag makes the answer a cheap 304.
QR_CACHE_CONTROL = "private, no-cache"
# What this API reads and answers: the document's schemas are generated from these models.
CONTRACT = Contract(
    requests=(LinkCreate, LinkPatch, BatchCreate),
    responses=(LinkOut, LinkDetail, LinkPage, BatchResult),
)


def service() -> LinkService:
    return context.service(LinkService)


def link_page(svc: LinkService, page: Page[Link]) -> LinkPage:
    """A page of links with each one's clicks and state (``links.listing``)."""
    items = list_items(page.items, svc.out, svc.redis, RECENT_CLICKS.find_current())
    return LinkPage(items=items, next_cursor=page.next_cursor)


@bp.post("")
@require_auth("links:write")
def create_link() -> tuple[Response, int, dict[str, str]]:
    data = json_body(LinkCreate)
    svc = service()
    link = svc.create_as(current_principal(), data)
    return answer(svc.out(link)), 201, {"Location": f"{bp.url_prefix}/{link.id}"}


@bp.get("")
@require_auth("links:read")
def list_links() -> Response:
    """One workspace's links (``?workspace_id``; default: the caller's personal one)."""
    svc = service()
    return answer(link_page(svc, svc.page_in_workspace(current_principal(), query(ListQuery))))


@bp.post("/batch")
@require_auth("links:write")
def batch_create() -> tuple[Response, int]:
    batch = json_body(BatchCreate)
    results = service().create_many_as(current_principal(), batch.items)
    created = sum(1 for r in results if r.link is not None)
    return answer(BatchResult(items=results, created=created, failed=len(results) - created)), 207


@bp.get("/<link_id>")
@require_auth("links:read")
def get_link(link_id: str) -> Response:
    svc = service()
    link = svc.get_owned(current_principal(), link_id)
    detail = {**dict(svc.out(link)), "clicks_used": svc.clicks_used(link)}
    return answer(LinkDetail.model_validate(detail))


@bp.patch("/<link_id>")
@require_auth("links:write")
def patch_link(link_id: str) -> Response:
    principal = current_principal()
    svc = service()
    link = svc.get_owned(principal, link_id, write=True)
    patch = json_body(LinkPatch)
    return answer(svc.out(svc.update(link, patch, admin=principal.is_admin)))


@bp.delete("/<link_id>")
@require_auth("links:write")
def delete_link(link_id: str) -> tuple[str, int]:
    svc = service()
    svc.delete(svc.get_owned(current_principal(), link_id, write=True))
    return "", 204


class QrQuery(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    scale: Annotated[int, Field(ge=1, le=qr.MAX_SCALE)] | None = None


def _qr(link_id: str, kind: qr.Kind) -> Response:
    svc = service()
    link = svc.get_owned(current_principal(), link_id)
    scale = query(QrQuery).scale
    body = qr.render(short_url(svc.settings, link.code), kind, scale)
    response = Response(body, mimetype=qr.MEDIA_TYPES[kind])
    response.headers["Cache-Control"] = QR_CACHE_CONTROL
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    response.make_conditional(request)
    return response


@bp.get("/<link_id>/qr.svg")
@require_auth("links:read")
def qr_svg(link_id: str) -> Response:
    return _qr(link_id, "svg")


@bp.get("/<link_id>/qr.png")
@require_auth("links:read")
def qr_png(link_id: str) -> Response:
    return _qr(link_id, "png")
