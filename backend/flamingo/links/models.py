"""Request models of the links API (pydantic; unknown fields are 422); the OpenAPI request schemas
are generated from them. What the API answers: ``links.answers``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    field_validator,
)

from flamingo.accounts.passwords import MAX_PASSWORD_CHARS
from flamingo.links.codes import ALIAS_PATTERN
from flamingo.links.link import RedirectStatus
from flamingo.links.rules import Rules, Variants

MAX_BATCH = 1000
MAX_TITLE = 200
MAX_TAGS = 20
MAX_TAG = 40
MAX_QUERY = 200
MIN_LINK_PASSWORD = 4
MAX_CLICKS = 1_000_000_000


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


def _says(text: str, **extra: Any) -> Any:
    """A field's description in the OpenAPI document."""
    return Field(description=text, **extra)


class LinkCreate(_Body):
    target: Annotated[
        Target,
        _says(
            "An http(s) URL; checked by the URL safety policy.",
            examples=["https://example.com/some/long/path?q=1"],
        ),
    ]
    alias: Annotated[
        Alias | None, _says("A custom code (case-sensitive); reserved names are refused.")
    ] = None
    domain: Annotated[
        Host | None,
        _says(
            "The host of a branded domain (`/api/v1/admin/domains`); default the default domain."
        ),
    ] = None
    workspace_id: Annotated[
        WorkspaceId | None,
        _says(
            "The workspace of the link (role `member` or above there); default — the caller's "
            "personal workspace, or a token's own."
        ),
    ] = None
    title: Title | None = None
    tags: Tags = []
    expires_at: Annotated[
        Expiry | None, _says("From then on the link answers 410. Must be in the future.")
    ] = None
    max_clicks: Annotated[
        MaxClicks | None, _says("After this many clicks the link answers 410.")
    ] = None
    password: Annotated[
        Password | None, _says("Visitors must enter it on the unlock page. Stored hashed.")
    ] = None
    redirect_status: Annotated[
        RedirectStatus,
        _says("302 unless chosen; 301 and 308 are cached by browsers (bounded max-age)."),
    ] = 302
    rules: Annotated[
        Rules, _says("Ordered; the first rule whose every condition holds decides the target.")
    ] = []
    variants: Annotated[
        Variants | None, _says("A weighted split, sticky per visitor (IP + User-Agent).")
    ] = None
    forward_query: Annotated[
        StrictBool, _says("Append the visitor's query string to the chosen target.")
    ] = False
    valid_from: Annotated[
        Expiry | None, _says("Before this instant the link answers 404 as if it did not exist.")
    ] = None
    expired_redirect: Annotated[
        Fallback | None,
        _says("Where an expired, disabled or over-cap link sends visitors instead of 410."),
    ] = None


class LinkPatch(_Body):
    """Only the fields sent change; ``null`` clears title, expiry, max_clicks and password.

    A new ``alias`` moves the link to that code: the old short URL answers 404 from then on.
    """

    target: Target | None = None
    alias: Annotated[
        Alias | None,
        _says("Move the link to this code; the old short URL answers 404 from then on."),
    ] = None
    title: Title | None = None
    tags: Tags | None = None
    expires_at: Expiry | None = None
    max_clicks: MaxClicks | None = None
    password: Password | None = None
    redirect_status: RedirectStatus | None = None
    disabled: Annotated[
        StrictBool | None,
        _says("Owners may disable; only an admin re-enables a link an admin disabled."),
    ] = None
    rules: Annotated[Rules | None, _says("Replaces every rule; `null` or `[]` removes them.")] = (
        None
    )
    variants: Annotated[Variants | None, _says("Replaces the split; `null` removes it.")] = None
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


class BatchCreate(_Body):
    # Items are validated one by one (each gets its own result), so here they may be anything;
    # the document says what each should be.
    items: Annotated[
        list[Any],
        Field(min_length=1, max_length=MAX_BATCH),
        WithJsonSchema(
            {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_BATCH,
                "items": {"$ref": "#/components/schemas/LinkCreate"},
            },
            mode="validation",
        ),
    ]


class UnlockBody(_Body):
    password: Annotated[StrictStr, Field(min_length=1, max_length=MAX_PASSWORD_CHARS)]
    # The signed visit the redirect gave the unlock page (flamingo.redirect.carry).
    visit: (
        Annotated[
            StrictStr,
            Field(
                min_length=1,
                max_length=8192,
                description="The `visit` query parameter the redirect gave the unlock page (the"
                " visit's query string and Referer host, signed by the server), passed back"
                " unchanged, so the unlocked visit is decided and counted as that visit. A value"
                " the server did not sign for this link is 400 `invalid-visit`, an old one 400"
                " `visit-expired`.",
            ),
        ]
        | None
    ) = None


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
