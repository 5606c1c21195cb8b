"""``GET /api/v1/admin/audit``: the instance's audit log, for administrators.

The audit package records and pages entries but knows nothing of who may read them (it sits
below every domain); the read endpoints live with the package that owns that rule: instance
admins here, and — with workspaces — owners and admins in ``GET /api/v1/workspaces/{id}/audit``.
"""

from __future__ import annotations

from flask import Blueprint, Response

from flamingo.accounts.auth import require_admin
from flamingo.audit import service as audit
from flamingo.audit.labels import labelled
from flamingo.audit.models import AuditPage, AuditQuery
from flamingo.core import context
from flamingo.http.bodies import query
from flamingo.http.openapi import Contract
from flamingo.http.render import answer

bp = Blueprint("admin_audit", __name__, url_prefix="/api/v1/admin")
# What the audit APIs answer (here and in workspaces): their schemas are generated from it.
CONTRACT = Contract(responses=(AuditPage,))


@bp.get("/audit")
@require_admin
def list_audit() -> Response:
    """Newest first; ``?action=`` narrows to one action; ``?cursor&limit`` pages."""
    params = query(AuditQuery)
    page = audit.entries(params.cursor, params.limit, action=params.action)
    return answer(
        AuditPage(items=labelled(context.app(), page.items), next_cursor=page.next_cursor)
    )
