"""A link: its fields, as stored in the ``links`` collection and as every API answer shows it.

This is the one place that names a link's fields and their defaults. :class:`LinkFields` holds
what is both stored and answered; :class:`Link` is the stored document (``Link.from_doc`` /
``Link.to_doc``, used by the repository only); :class:`LinkOut` is the answer (the OpenAPI
``Link`` schema is generated from it). A field added to ``LinkFields`` is stored, answered,
documented and typed in the SPA (``make api-types``) with no other edit.

A link document::

    _id                ObjectId    its API id is ``str(_id)``
    domain             str         the host of its branded domain (``links.domains``); links made
                                   before domains existed get the default one (``ensure-indexes``)
    code               str         the short code or alias; unique per domain (index
                                   ``domain_code_unique``), case-sensitive; the owner may change
                                   it (PATCH ``alias``)
    owner_id           str         ``str(users._id)`` of the user who made it
    workspace_id       str         ``str(workspaces._id)`` it belongs to (who may see it is decided
                                   by its membership, ``flamingo.workspaces.service``); links made
                                   before workspaces: the owner's personal one (same id)
    target             str         normalised http(s) URL (``urlpolicy.check_target``)
    title              str | None
    tags               list[str]   possibly empty; filter with ``?tag=``
    expires_at         datetime | None (UTC)   from then on the redirect answers 410
    max_clicks         int | None  > 0; clicks beyond it answer 410 (counter in Redis,
                                   key ``clicks:cap:<_id>``)
    password_hash      str | None  argon2id (argon2-cffi); never returned by the API
    redirect_status    int         301, 302 (default), 307 or 308
    disabled           bool        set by the owner or an admin; the redirect answers 410
    disabled_by_admin  bool        an admin disabled it; only an admin may enable it again
    rules              list | absent    ``[{if: {device?, os?, language?, country?, query?,
                                   after?, before?}, target}]`` (``links.rules``)
    variants           list | absent    ``[{target, weight}]``, a sticky weighted split
    forward_query      true | absent    append the visitor's query string to the target
    valid_from         datetime | absent   before it the link answers 404
    expired_redirect   str | absent     where an expired / disabled / over-cap link sends visitors
    clicks_total       int | absent    clicks folded by the click worker so far (absent: none yet);
                                   the list's ``?sort=clicks`` (``links.listing``); an imported
                                   link starts it at its ``clicks_imported``
    clicks_imported    int | absent    visits its source counted before it was imported
                                   (``links.importers``; absent: 0)
    created_at         datetime (UTC)
    updated_at         datetime (UTC)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from bson import ObjectId
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from typing_extensions import TypeAliasType

from flamingo.core.timefmt import Timestamp
from flamingo.links.rules import Device, OperatingSystem, Variant

Document = dict[str, Any]
# Changes of a link by field name, as :meth:`Link.changed` takes them (it checks names and values).
LinkChanges = dict[str, object]
RedirectStatus = TypeAliasType("RedirectStatus", Literal[301, 302, 307, 308])
# Stored only when set: a link without them has no such field (the document's shape).
ABSENT_WHEN_EMPTY = (
    "rules",
    "variants",
    "forward_query",
    "valid_from",
    "expired_redirect",
    "clicks_imported",
)


def _omitted(value: Any) -> bool:
    return value is None


class _Stored(BaseModel):
    # Reads what a newer release may have added without failing (blue-green: both run at once).
    model_config = ConfigDict(
        frozen=True,
        extra="ignore",
        validate_by_name=True,
        validate_by_alias=True,
        json_schema_serialization_defaults_required=True,
    )


class LinkCondition(_Stored):
    """A stored rule's condition: only the conditions given (lists, instants)."""

    model_config = ConfigDict(title="LinkRuleCondition")
    device: list[Device] | None = Field(default=None, exclude_if=_omitted)
    os: list[OperatingSystem] | None = Field(default=None, exclude_if=_omitted)
    language: list[str] | None = Field(default=None, exclude_if=_omitted)
    country: list[str] | None = Field(default=None, exclude_if=_omitted)
    query: dict[str, str] | None = Field(default=None, exclude_if=_omitted)
    after: Timestamp | None = Field(default=None, exclude_if=_omitted)
    before: Timestamp | None = Field(default=None, exclude_if=_omitted)


class LinkRule(_Stored):
    """A stored rule: the first whose every condition holds decides the target."""

    when: LinkCondition = Field(alias="if")
    target: str


@functools.cache
def _defaulted(model: type[BaseModel]) -> frozenset[str]:
    """The fields of ``model`` with a default other than None (a stored null means it)."""
    return frozenset(
        name
        for name, field in model.model_fields.items()
        if not field.is_required() and field.get_default() is not None
    )


def workspace_in(doc: Mapping[str, Any]) -> str:
    """The workspace of a link document, whole or projected (links made before workspaces: their
    owner's personal one, whose id is the owner's)."""
    return str(doc.get("workspace_id") or doc["owner_id"])


class LinkFields(_Stored):
    """What a link stores and every answer shows (see the module's document)."""

    code: str
    target: str
    title: str | None = None
    tags: list[str] = []
    expires_at: Timestamp | None = None
    max_clicks: int | None = None
    redirect_status: RedirectStatus = 302
    disabled: bool = False
    disabled_by_admin: bool = False
    owner_id: str
    workspace_id: str = Field(
        description="The workspace it belongs to; its members' roles decide who reads and edits."
    )
    rules: list[LinkRule] = []
    variants: list[Variant] = []
    forward_query: bool = False
    valid_from: Timestamp | None = None
    expired_redirect: str | None = None
    created_at: Timestamp = Field(
        description="When it was made (an imported link keeps its creation time at the source)."
    )
    updated_at: Timestamp
    clicks_imported: int = Field(
        default=0,
        ge=0,
        description="The visits its source counted before it was imported (`POST "
        "/api/v1/links/import`, `flamingo import --from`); 0 for links made here. The lists' "
        "`clicks.total` includes them; the daily stats do not (the source's days are unknown).",
    )

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        """A null field with a default takes it; older links get their implied values."""
        if not isinstance(data, Mapping):
            return data
        defaulted = _defaulted(cls)
        values = {k: v for k, v in data.items() if v is not None or k not in defaulted}
        if values.get("owner_id") is not None:
            values["workspace_id"] = workspace_in(values)
        if values.get("updated_at") is None and "created_at" in values:
            values["updated_at"] = values["created_at"]
        return values


def _new_id() -> str:
    return str(ObjectId())  # what the driver would give it, known before the insert


class Link(LinkFields):
    """A stored link (the ``links`` collection); only the repository turns it into a document."""

    id: Annotated[str, BeforeValidator(str)] = Field(default_factory=_new_id, alias="_id")
    domain: str | None = None  # None: a link of the release before branded domains
    password_hash: str | None = None
    clicks_total: int | None = None

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Link:
        return cls.model_validate(doc)

    def to_doc(self) -> Document:
        """The document, in the collection's shape (what is unset stays absent)."""
        doc = self.model_dump(by_alias=True)
        doc["_id"] = ObjectId(self.id)
        for name in ABSENT_WHEN_EMPTY:
            if not doc[name]:
                del doc[name]
        if doc["clicks_total"] is None:
            del doc["clicks_total"]
        return doc

    def changed(self, changes: LinkChanges) -> Link:
        """This link with ``changes`` (field names; None clears a field to its default)."""
        unknown = set(changes) - set(Link.model_fields)
        if unknown:
            raise ValueError(f"a link has no field {', '.join(sorted(unknown))}")
        return Link.model_validate({**self.model_dump(by_alias=True), **changes})
