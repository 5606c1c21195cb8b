"""Recording audit entries: one call per audited change, in the request that made it.

``record(actor_id, action, target_type, target_id, changes)`` takes the client IP and the request
id from the current request (none outside one, e.g. ``flamingo import``), writes one structured
log line (Cloud Logging: ``severity``, ``message``, ``logging.googleapis.com/labels``, plus the
trace the request is bound to) and then inserts the entry. The log line comes first, so an entry
whose insert fails (the request then answers 503) still leaves its trace in the logs.

``workspace_id`` is None until workspaces exist; ``GET /api/v1/workspaces/{id}/audit`` will filter
on it. Actions are the fixed names of :data:`ACTIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from bson import ObjectId
from flask import g, has_request_context

from flamingo.audit.actions import ACTIONS
from flamingo.audit.repository import AuditEntry, AuditRepository
from flamingo.core import context
from flamingo.core.log import get_logger
from flamingo.core.pagination import Page
from flamingo.core.timefmt import iso, now
from flamingo.http.clientip import client_ip

log = get_logger("flamingo.audit")

HIDDEN = "(secret)"  # what a changed secret (a link password) shows instead of its values


def plain(value: Any) -> Any:
    """A value as JSON can hold it (timestamps as the API's RFC 3339, ids as strings)."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, ObjectId):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    return value


def field_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], secrets: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """``{field: {old, new}}`` for each field of ``new`` whose value differs from ``old``; a field
    in ``secrets`` shows only that it changed."""
    changed: dict[str, Any] = {}
    for name, value in new.items():
        before = old.get(name)
        if before == value:
            continue
        if name in secrets:
            changed[name] = {"old": HIDDEN if before else None, "new": HIDDEN if value else None}
        else:
            changed[name] = {"old": plain(before), "new": plain(value)}
    return changed


def bind_actor(user_id: str | None) -> None:
    """Called by authentication: who this request acts for (see :func:`request_actor`)."""
    if has_request_context():
        g.audit_actor = user_id


def request_actor() -> str | None:
    """The authenticated caller of the current request, for services that are not handed one."""
    return g.get("audit_actor") if has_request_context() else None


def _request_fields() -> tuple[str | None, str | None]:
    if not has_request_context():
        return None, None
    return client_ip(), g.get("request_id")


def record(
    actor_id: str | None,
    action: str,
    target_type: str,
    target_id: str | None,
    changes: Mapping[str, Any] | None = None,
    *,
    workspace_id: str | None = None,
) -> AuditEntry:
    """Append one entry (and log it). ``action`` must be one of :data:`ACTIONS`."""
    if ACTIONS.get(action) != target_type:
        raise ValueError(f"unknown audit action {action!r} for target {target_type!r}")
    ip, request_id = _request_fields()
    entry = AuditEntry(
        at=now(),
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        workspace_id=workspace_id,
        ip=ip,
        request_id=request_id,
        changes=plain(dict(changes or {})),
    )
    logged = {k: v for k, v in entry.public().items() if k != "id"}
    log.info(
        f"audit: {action}",
        audit=logged,
        **{"logging.googleapis.com/labels": {"audit": "true", "action": action}},
    )
    return AuditRepository(context.stores().db).insert(entry)


def entries(
    cursor: str | None, limit: int, *, action: str | None = None, workspace_id: str | None = None
) -> Page[AuditEntry]:
    """A page of entries, newest first; narrowed to one action and (later) one workspace."""
    return AuditRepository(context.stores().db).page(
        cursor=cursor, limit=limit, action=action, workspace_id=workspace_id
    )
