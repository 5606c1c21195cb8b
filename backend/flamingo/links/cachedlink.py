"""What the redirect keeps of a link: compact, compiled once when the link is cached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from werkzeug.urls import iri_to_uri

from flamingo.core.timefmt import aware
from flamingo.links.repository import Document
from flamingo.links.rules import Routing


def _epoch(moment: datetime | None) -> float | None:
    moment = aware(moment)
    return moment.timestamp() if moment is not None else None


@dataclass(frozen=True, slots=True)
class CachedLink:
    """What the redirect needs of a link; no secrets (the password hash stays in MongoDB)."""

    link_id: str
    code: str
    target: str
    status: int
    expires_at: float | None  # epoch seconds
    max_clicks: int | None
    protected: bool
    disabled: bool
    domain: str = ""
    valid_from: float | None = None  # epoch seconds; before it the link does not exist yet
    expired_redirect: str | None = None
    admin_disabled: bool = False
    routing: Routing | None = None  # rules, split, query forwarding: compiled once, here

    @classmethod
    def from_doc(cls, doc: Document) -> CachedLink:
        expired_redirect = doc.get("expired_redirect")
        return cls(
            link_id=str(doc["_id"]),
            code=doc["code"],
            # Redirects send it as is (see redirect.view.RedirectResponse): make sure it is ASCII.
            target=iri_to_uri(doc["target"]),
            status=int(doc.get("redirect_status") or 302),
            expires_at=_epoch(doc.get("expires_at")),
            max_clicks=doc.get("max_clicks"),
            protected=bool(doc.get("password_hash")),
            disabled=bool(doc.get("disabled")),
            domain=str(doc.get("domain") or ""),
            valid_from=_epoch(doc.get("valid_from")),
            expired_redirect=iri_to_uri(expired_redirect) if expired_redirect else None,
            admin_disabled=bool(doc.get("disabled_by_admin")),
            routing=Routing.from_doc(doc),
        )
