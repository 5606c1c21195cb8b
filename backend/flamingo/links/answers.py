"""What the links API answers: a link (:class:`LinkOut`, the OpenAPI ``Link``), with its clicks and
state in lists, with ``clicks_used`` alone, and the batch's per-item results.

Built from the stored :class:`~flamingo.links.link.Link` and rendered by pydantic; the document's
schemas are generated from these classes (``flamingo.http.openapi``), so an answer cannot drift
from its description.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import MISSING, BaseModel, ConfigDict, Field, WithJsonSchema

from flamingo.core.config import Settings
from flamingo.links.domains import default_host_of
from flamingo.links.link import Link, LinkFields

State = Literal["active", "expired", "used-up", "scheduled", "disabled", "admin-disabled"]
# A problem's JSON body (core.problems), as the document's Problem schema describes it.
ProblemBody = Annotated[dict[str, Any], WithJsonSchema({"$ref": "#/components/schemas/Problem"})]


def short_url(settings: Settings, code: str, domain: str | None = None) -> str:
    """The link's address: ``PUBLIC_BASE_URL`` on the default domain, its own host elsewhere
    (same scheme; no port: branded domains are served on the standard one)."""
    base = settings.server.public_base_url
    if domain and domain != default_host_of(base):
        base = f"{urlsplit(base).scheme}://{domain}"
    return f"{base}/{code}"


class _Answer(BaseModel):
    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class LinkOut(LinkFields):
    """A link as every API answer shows it; never the password hash."""

    model_config = ConfigDict(title="Link")
    id: str
    domain: str = Field(description="The host of the link's domain.")
    short_url: str = Field(
        description="PUBLIC_BASE_URL + '/' + code on the default domain, "
        "https://<domain>/<code> elsewhere"
    )
    has_password: bool

    @classmethod
    def of(cls, link: Link, settings: Settings) -> LinkOut:
        domain = link.domain or default_host_of(settings.server.public_base_url)
        return cls.model_validate(
            {
                **link.model_dump(include=set(LinkFields.model_fields), by_alias=True),
                "id": link.id,
                "domain": domain,
                "short_url": short_url(settings, link.code, domain),
                "has_password": bool(link.password_hash),
            }
        )


class LinkDetail(LinkOut):
    """One link (``GET /api/v1/links/{id}``): with the clicks counted against ``max_clicks``."""

    model_config = ConfigDict(title="LinkDetail")
    clicks_used: Annotated[int, Field(ge=0)] | None


class LinkClicks(_Answer):
    total: int = Field(
        ge=0, description="Clicks folded by the click worker so far (bots included)."
    )
    last_7_days: int = Field(ge=0, description="Clicks of today and the 6 UTC days before it.")


class LinkListItem(LinkOut):
    """A link as the lists show it, with its clicks and its state."""

    model_config = ConfigDict(title="LinkListItem")
    clicks: LinkClicks
    state: State = Field(
        description="What a visitor meets now, the most lasting reason first — `admin-disabled` "
        "(only an admin may enable it), `disabled` (by its owner), `scheduled` (`valid_from` is "
        "still ahead), `expired` (`expires_at` passed), `used-up` (`max_clicks` reached), else "
        "`active`."
    )
    # Only in GET /api/v1/admin/links (null once the user is gone); absent elsewhere.
    owner_email: str | MISSING | None = Field(
        MISSING,
        exclude_if=lambda value: value is MISSING,
        description="Only in `GET /api/v1/admin/links` — the owner's email (null once the user "
        "is gone).",
    )


class LinkPage(_Answer):
    items: list[LinkListItem]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


def _absent(value: Any) -> bool:
    return value is None


class BatchItemResult(_Answer):
    """One batch item's outcome: the link, or the problem that refused it."""

    index: int = Field(ge=0)
    status: int = Field(description="201 when created, else the status of `error`.")
    link: LinkOut | None = Field(default=None, exclude_if=_absent)
    error: ProblemBody | None = Field(default=None, exclude_if=_absent)


class BatchResult(_Answer):
    items: list[BatchItemResult]
    created: int = Field(ge=0)
    failed: int = Field(ge=0)
