"""A branded domain: its fields, as stored in the ``domains`` collection, as admins send them and
as the API answers them — the one place that names them (the OpenAPI schemas ``Domain``,
``DomainCreate``, ``DomainPatch``, ``DomainList`` and ``DomainHostList`` are generated from here).

A ``domains`` document::

    _id                 str   the host, lower-case, IDNA (punycode)
    root_redirect       str | absent   where ``GET /`` goes (else the SPA on the default domain,
                                       else 404)
    not_found_redirect  str | absent   where an unknown code goes (else the 404 page)
    expired_redirect    str | absent   where an expired / disabled / over-cap link goes (else 410)
    created_at, updated_at   datetime (UTC)

The default domain (the host of ``PUBLIC_BASE_URL``) may have no document: it is then a
:class:`Domain` without redirects or timestamps.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from flamingo.core.timefmt import Timestamp

Document = dict[str, Any]
MAX_HOST = 253
Redirect = Annotated[StrictStr, Field(min_length=1, max_length=2048)]


class DomainRedirects(BaseModel):
    """Where a domain sends visitors besides its links (each optional)."""

    model_config = ConfigDict(frozen=True)
    root_redirect: Redirect | None = Field(default=None, description="Where `GET /` goes.")
    not_found_redirect: Redirect | None = Field(
        default=None, description="Where an unknown code goes."
    )
    expired_redirect: Redirect | None = Field(
        default=None, description="Where an expired, disabled or over-cap link goes."
    )


REDIRECT_FIELDS = tuple(DomainRedirects.model_fields)


class DomainPatch(DomainRedirects):
    """Only the fields sent change; ``null`` removes a redirect."""

    model_config = ConfigDict(extra="forbid")


class DomainCreate(DomainPatch):
    host: Annotated[
        StrictStr, Field(min_length=1, max_length=MAX_HOST, examples=["go.example.com"])
    ]


class Domain(DomainRedirects):
    """A stored domain (the ``domains`` collection); only the repository turns it into a
    document."""

    model_config = ConfigDict(extra="ignore", validate_by_name=True, validate_by_alias=True)
    host: str = Field(alias="_id")
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Domain:
        return cls.model_validate(doc)

    @classmethod
    def bare(cls, host: str) -> Domain:
        """The default domain while it has no document: no redirects, no timestamps."""
        return cls.model_validate({"host": host})

    def to_doc(self) -> Document:
        """The document, in the collection's shape (a redirect not set stays absent)."""
        return self.model_dump(by_alias=True, exclude_none=True)


class _Answer(BaseModel):
    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class DomainOut(_Answer, DomainRedirects):
    """A domain as administrators see it."""

    model_config = ConfigDict(title="Domain")
    host: str
    default: bool = Field(description="The host of PUBLIC_BASE_URL; always exists.")
    created_at: Timestamp | None
    updated_at: Timestamp | None

    @classmethod
    def of(cls, domain: Domain, *, default: bool) -> DomainOut:
        return cls.model_validate({**domain.model_dump(), "default": default})


class DomainList(_Answer):
    items: list[DomainOut]


class DomainHost(_Answer):
    """A host a new link may use (what any signed-in user may know of a domain)."""

    model_config = ConfigDict(extra="forbid")
    host: str = Field(description="A host this install serves short links on.")
    default: bool = Field(description="The host of PUBLIC_BASE_URL.")


class DomainHostList(_Answer):
    model_config = ConfigDict(extra="forbid")
    items: list[DomainHost]
