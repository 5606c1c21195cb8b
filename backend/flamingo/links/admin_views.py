"""``/api/v1/admin/links``: administrators list anyone's links and disable or enable any link."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from flamingo.accounts.auth import current_principal, require_admin
from flamingo.links.models import AdminListQuery
from flamingo.links.repository import get_owned_link
from flamingo.links.views import page_json, query, service

bp = Blueprint("admin_links", __name__, url_prefix="/api/v1/admin/links")


@bp.get("")
@require_admin
def list_all_links() -> Response:
    """Every user's links, newest first; ``owner_id`` narrows to one user."""
    query_ = query(AdminListQuery)
    return page_json(service(), query_, query_.owner_id)


@bp.get("/<link_id>")
@require_admin
def get_any_link(link_id: str) -> Response:
    svc = service()
    return jsonify(svc.to_json(get_owned_link(current_principal(), link_id)))


@bp.post("/<link_id>/disable")
@require_admin
def disable_link(link_id: str) -> Response:
    """Disable a link; its owner cannot enable it again (abuse handling)."""
    svc = service()
    doc = get_owned_link(current_principal(), link_id)
    return jsonify(svc.to_json(svc.set_admin_disabled(doc, True)))


@bp.post("/<link_id>/enable")
@require_admin
def enable_link(link_id: str) -> Response:
    svc = service()
    doc = get_owned_link(current_principal(), link_id)
    return jsonify(svc.to_json(svc.set_admin_disabled(doc, False)))
