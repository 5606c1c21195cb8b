"""Who and what an audit entry names, for people: ``actor_email`` and ``target_label``.

Resolved when a page is read, not stored when an entry is written: entries written before
labels existed get them too, a renamed workspace shows its current name, and no domain has to
pass labels into :func:`flamingo.audit.service.record`. Each page costs one batched lookup per
kind of target on it (``$in`` over the page's ids), never one per entry. The audit package sits
below every domain, so the domains' lookups are registered by the app (:data:`LABELERS`). An
object deleted since falls back to what the entry itself recorded (an email, name, host or
code among its ``changes``), else no label (the id stays in ``target_id``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from flask import Flask

from flamingo.audit.models import AuditEntryOut
from flamingo.audit.repository import AuditEntry
from flamingo.core.context import Key

# ids -> {id: label} of those that still exist, in one query
Labeler = Callable[[Sequence[str]], dict[str, str]]
LABELERS: Key[dict[str, Labeler]] = Key("audit.labelers")
# A member is a user: its target id is the user's id.
_SAME_AS = {"member": "user"}
_RECORDED = ("email", "name", "host", "code")


def _value(changes: dict[str, Any], name: str) -> str | None:
    value = changes.get(name)
    if isinstance(value, dict):  # an update or a creation: {old, new}
        value = value.get("new") or value.get("old")
    return value if isinstance(value, str) and value else None


def _recorded(changes: dict[str, Any]) -> str | None:
    domain, code = _value(changes, "domain"), _value(changes, "code")
    if domain and code:
        return f"{domain}/{code}"  # a deleted link, as labels_of names it
    return next(filter(None, (_value(changes, name) for name in _RECORDED)), None)


def _lookups(app: Flask, entries: Iterable[AuditEntry]) -> dict[str, dict[str, str]]:
    """``{kind: {id: label}}`` for every id of the page, one labeler call per kind."""
    labelers = LABELERS.find(app) or {}
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        if entry.actor_id:
            wanted.setdefault("user", set()).add(entry.actor_id)
        kind = _SAME_AS.get(entry.target_type, entry.target_type)
        if entry.target_id and kind in labelers:
            wanted.setdefault(kind, set()).add(entry.target_id)
    return {
        kind: labelers[kind](sorted(ids)) if kind in labelers else {}
        for kind, ids in wanted.items()
    }


def labelled(app: Flask, entries: Sequence[AuditEntry]) -> list[AuditEntryOut]:
    """The entries as the API shows them, each with ``actor_email`` and ``target_label``."""
    found = _lookups(app, entries)
    items = []
    for entry in entries:
        kind = _SAME_AS.get(entry.target_type, entry.target_type)
        label = found.get(kind, {}).get(entry.target_id or "") or _recorded(entry.changes)
        items.append(
            AuditEntryOut.model_validate(
                {
                    **dict(entry),
                    "actor_email": found.get("user", {}).get(entry.actor_id or ""),
                    "target_label": label,
                }
            )
        )
    return items
