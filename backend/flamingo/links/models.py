"""Request models of the links API (pydantic; unknown fields are 422) and the link's JSON shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    field_validator,
)

from flamingo.accounts.passwords import MAX_PASSWORD_CHARS
from flamingo.core.config import Settings
from flamingo.core.timefmt import iso
from flamingo.links.codes import ALIAS_PATTERN
from flamingo.links.domains import default_host_of
from flamingo.links.repository import Document
from flamingo.links.rules import Rules, Variants, rule_json

MAX_BATCH = 1000
MAX_TITLE = 200
MAX_TAGS = 20
MAX_TAG = 40
MAX_QUERY = 200
MIN_LINK_PASSWORD = 4
MAX_CLICKS = 1_000_000_000
RedirectStatus = Literal[301, 302, 307, 308]


def _clean_tag(tag: str) -> str:
    tag = tag.strip()
    if not tag:
        raise ValueError("tags must not be blank")
    if any(ch.isspace() and ch != " " for ch in tag) or not tag.isprintable():
        raise ValueError("tags must be printable text on one line")
    return tag


def _unique(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))  # keeps the caller's order


def _as_utc(moment: datetime | None) -> datetime | None:
    """A time without an offset is read as UTC; stored to the millisecond (BSON's precision)."""
    if moment is None:
        return None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


Tag = Annotated[StrictStr, Field(min_length=1, max_length=MAX_TAG), AfterValidator(_clean_tag)]
Tags = Annotated[list[Tag], Field(max_length=MAX_TAGS), AfterValidator(_unique)]
Title = Annotated[StrictStr, Field(max_length=MAX_TITLE)]
Password = Annotated[StrictStr, Field(min_length=MIN_LINK_PASSWORD, max_length=MAX_PASSWORD_CHARS)]
MaxClicks = Annotated[StrictInt, Field(ge=1, le=MAX_CLICKS)]
Expiry = Annotated[datetime, AfterValidator(_as_utc)]
Target = Annotated[StrictStr, Field(min_length=1, max_length=32768)]
Alias = Annotated[StrictStr, Field(pattern=f"^{ALIAS_PATTERN}$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Host = Annotated[StrictStr, Field(min_length=1, max_length=253)]
WorkspaceId = Annotated[StrictStr, Field(min_length=1, max_length=64)]
Fallback = Annotated[StrictStr, Field(min_length=1, max_length=2048)]


class LinkCreate(_Body):
    target: Target
    alias: Alias | None = None
    domain: Host | None = None  # default: the default domain
    workspace_id: WorkspaceId | None = None  # default: the caller's (a token's, or personal)
    title: Title | None = None
    tags: Tags = []
    expires_at: Expiry | None = None
    max_clicks: MaxClicks | None = None
    password: Password | None = None
    redirect_status: RedirectStatus = 302
    rules: Rules = []
    variants: Variants | None = None
    forward_query: StrictBool = False
    valid_from: Expiry | None = None
    expired_redirect: Fallback | None = None


class LinkPatch(_Body):
    """Only the fields sent change; ``null`` clears title, expiry, max_clicks and password.

    A new ``alias`` moves the link to that code: the old short URL answers 404 from then on.
    """

    target: Target | None = None
    alias: Alias | None = None
    title: Title | None = None
    tags: Tags | None = None
    expires_at: Expiry | None = None
    max_clicks: MaxClicks | None = None
    password: Password | None = None
    redirect_status: RedirectStatus | None = None
    disabled: StrictBool | None = None
    rules: Rules | None = None  # null or [] removes every rule
    variants: Variants | None = None  # null removes the split
    forward_query: StrictBool | None = None
    valid_from: Expiry | None = None
    expired_redirect: Fallback | None = None

    @field_validator(
        "target", "alias", "tags", "redirect_status", "disabled", "forward_query", mode="before"
    )
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("cannot be null")
        return value


@dataclass(frozen=True)
class ItemResult:
    """One batch item's outcome: the link, or the problem that refused it."""

    index: int
    status: int
    link: dict[str, Any] | None = None
    error: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"index": self.index, "status": self.status}
        if self.link is not None:
            body["link"] = self.link
        if self.error is not None:
            body["error"] = self.error
        return body


class BatchCreate(_Body):
    # Items are validated one by one (each gets its own result), so here they may be anything.
    items: Annotated[list[Any], Field(min_length=1, max_length=MAX_BATCH)]


class UnlockBody(_Body):
    password: Annotated[StrictStr, Field(min_length=1, max_length=MAX_PASSWORD_CHARS)]
    # The signed visit the redirect gave the unlock page (flamingo.redirect.carry).
    visit: Annotated[StrictStr, Field(min_length=1, max_length=8192)] | None = None


class ListQuery(BaseModel):
    """Query string of the list endpoints (unknown parameters are ignored, as caches add some)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cursor: Annotated[str, Field(max_length=64)] | None = None
    limit: Annotated[int, Field(ge=1, le=100)] = 20
    q: Annotated[str, Field(min_length=1, max_length=MAX_QUERY)] | None = None
    tag: Annotated[str, Field(min_length=1, max_length=MAX_TAG)] | None = None
    workspace_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    # newest first, or most clicked first (``links.listing``)
    sort: Literal["newest", "clicks"] = "newest"


class AdminListQuery(ListQuery):
    owner_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None


def short_url(settings: Settings, code: str, domain: str | None = None) -> str:
    """The link's address: ``PUBLIC_BASE_URL`` on the default domain, its own host elsewhere
    (same scheme; no port: branded domains are served on the standard one)."""
    base = settings.public_base_url
    if domain and domain != default_host_of(base):
        base = f"{urlsplit(base).scheme}://{domain}"
    return f"{base}/{code}"


def link_json(doc: Document, settings: Settings) -> dict[str, Any]:
    """A link as every API answer shows it; never the password hash."""
    domain = doc.get("domain") or default_host_of(settings.public_base_url)
    return {
        "id": str(doc["_id"]),
        "code": doc["code"],
        "domain": domain,
        "short_url": short_url(settings, doc["code"], domain),
        "target": doc["target"],
        "title": doc.get("title"),
        "tags": list(doc.get("tags") or []),
        "expires_at": iso(doc.get("expires_at")),
        "max_clicks": doc.get("max_clicks"),
        "has_password": bool(doc.get("password_hash")),
        "redirect_status": int(doc.get("redirect_status") or 302),
        "disabled": bool(doc.get("disabled")),
        "disabled_by_admin": bool(doc.get("disabled_by_admin")),
        "owner_id": doc["owner_id"],
        "workspace_id": str(doc.get("workspace_id") or doc["owner_id"]),
        "rules": [rule_json(rule) for rule in doc.get("rules") or []],
        "variants": [
            {"target": v["target"], "weight": int(v["weight"])} for v in doc.get("variants") or []
        ],
        "forward_query": bool(doc.get("forward_query")),
        "valid_from": iso(doc.get("valid_from")),
        "expired_redirect": doc.get("expired_redirect"),
        "created_at": iso(doc["created_at"]),
        "updated_at": iso(doc.get("updated_at") or doc["created_at"]),
        "clicks_imported": int(doc.get("clicks_imported") or 0),  # links.importers
    }
