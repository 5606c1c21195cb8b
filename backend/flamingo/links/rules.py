"""Redirect rules and A/B variants of a link: their request models and their compiled form.

A link may carry, besides its ``target``, an ordered list of ``rules`` (the first whose every
condition holds decides the target) and ``variants`` (a weighted split, sticky per visitor).
The models validate what a client sends; :class:`Routing` is what the link cache keeps — built
once when a link enters the cache, so a visit only compares values it already has.
The decision itself is :func:`flamingo.redirect.resolve.resolve`.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    model_validator,
)
from typing_extensions import TypeAliasType
from werkzeug.urls import iri_to_uri

from flamingo.core.timefmt import aware

MAX_RULES = 20
MIN_VARIANTS, MAX_VARIANTS = 2, 10
MAX_WEIGHT = 1_000_000
MAX_LIST = 50  # values per condition
# Named types: the document's one Device and one OperatingSystem schema, which a condition's "one
# value or a list" and the stored list refer to (a generated client gets one type for each).
Device = TypeAliasType("Device", Literal["desktop", "mobile", "tablet", "bot"])
OperatingSystem = TypeAliasType(
    "OperatingSystem", Literal["ios", "android", "windows", "macos", "linux", "other"]
)
DEVICES: tuple[str, ...] = ("desktop", "mobile", "tablet", "bot")
TargetText = Annotated[StrictStr, Field(min_length=1, max_length=32768)]


def _listed(value: Any) -> Any:
    """A condition takes one value or a list of them."""
    return [value] if isinstance(value, str) else value


def _language(tag: str) -> str:
    tag = tag.strip().lower()
    if not (1 <= len(tag) <= 8 and tag.isascii() and tag.isalpha()):
        raise ValueError("a primary language subtag such as 'de' or 'fr'")
    return tag


def _country(code: str) -> str:
    code = code.strip().upper()
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise ValueError("an ISO 3166-1 alpha-2 country code such as 'DE'")
    return code


def _instant(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("give an instant with an offset, e.g. 2026-12-24T18:00:00Z")
    return moment


def _distinct(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _listed_as(one: Any) -> BeforeValidator:
    # The document says what a client may send: one value or a list of them.
    return BeforeValidator(_listed, json_schema_input_type=Union[one, list[one]])  # noqa: UP007 - `|` needs a class


Devices = Annotated[
    list[Device], _listed_as(Device), Field(min_length=1, max_length=4), AfterValidator(_distinct)
]
Oses = Annotated[
    list[OperatingSystem],
    _listed_as(OperatingSystem),
    Field(min_length=1, max_length=6),
    AfterValidator(_distinct),
]
Languages = Annotated[
    list[Annotated[StrictStr, AfterValidator(_language)]],
    _listed_as(str),
    Field(min_length=1, max_length=MAX_LIST),
    AfterValidator(_distinct),
    Field(
        description="Primary subtags matched against `Accept-Language` (q > 0; `*` matches none)."
    ),
]
Countries = Annotated[
    list[Annotated[StrictStr, AfterValidator(_country)]],
    _listed_as(str),
    Field(min_length=1, max_length=MAX_LIST),
    AfterValidator(_distinct),
    Field(description="ISO 3166-1 alpha-2 codes, compared with the load balancer's geo header."),
]


def _query_name(name: str) -> str:
    # MongoDB-wire servers (FerretDB, MongoDB) refuse such field names in the stored rule, while
    # the embedded store accepts them: refuse them here, so every store answers the same 422.
    if name.startswith("$") or "." in name:
        raise ValueError("a query parameter name may not start with '$' or contain '.'")
    return name


QueryMatch = Annotated[
    dict[
        Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_query_name)],
        Annotated[StrictStr, Field(max_length=500)],
    ],
    Field(min_length=1, max_length=MAX_LIST),
]
Instant = Annotated[datetime, AfterValidator(_instant)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Condition(_Body):
    """Every listed condition must hold. A single value stands for a list of one."""

    model_config = ConfigDict(title="RuleCondition", json_schema_extra={"minProperties": 1})
    device: Devices | None = None
    os: Oses | None = None
    language: Languages | None = None
    country: Countries | None = None
    query: QueryMatch | None = None
    after: Instant | None = None
    before: Instant | None = None

    @model_validator(mode="after")
    def _sensible(self) -> Condition:
        if not self.model_dump(exclude_none=True):
            raise ValueError(
                "name at least one condition (device, os, language, country, query, after, before)"
            )
        if self.after is not None and self.before is not None and self.after >= self.before:
            raise ValueError("`after` must be earlier than `before`")
        return self


class Rule(_Body):
    when: Condition = Field(alias="if")
    target: TargetText


class Variant(_Body):
    target: TargetText
    weight: Annotated[StrictInt, Field(ge=1, le=MAX_WEIGHT)]


Rules = Annotated[list[Rule], Field(max_length=MAX_RULES)]
Variants = Annotated[list[Variant], Field(min_length=MIN_VARIANTS, max_length=MAX_VARIANTS)]


# --- the compiled form ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompiledRule:
    target: str
    devices: frozenset[str] | None
    oses: frozenset[str] | None
    languages: frozenset[str] | None
    countries: frozenset[str] | None
    query: tuple[tuple[str, str], ...]
    after: float | None
    before: float | None

    @classmethod
    def from_doc(cls, rule: Mapping[str, Any]) -> CompiledRule:
        when = rule["if"]

        def listed(name: str) -> frozenset[str] | None:
            values = when.get(name)
            return frozenset(values) if values else None

        def instant(name: str) -> float | None:
            moment = aware(when.get(name))
            return moment.timestamp() if moment is not None else None

        return cls(
            target=iri_to_uri(rule["target"]),
            devices=listed("device"),
            oses=listed("os"),
            languages=listed("language"),
            countries=listed("country"),
            query=tuple(sorted((when.get("query") or {}).items())),
            after=instant("after"),
            before=instant("before"),
        )


@dataclass(frozen=True, slots=True)
class Split:
    targets: tuple[str, ...]
    bounds: tuple[int, ...]  # cumulative weights
    total: int

    @classmethod
    def from_docs(cls, variants: Sequence[Mapping[str, Any]]) -> Split:
        weights = [int(v["weight"]) for v in variants]
        return cls(
            targets=tuple(iri_to_uri(v["target"]) for v in variants),
            bounds=tuple(accumulate(weights)),
            total=sum(weights),
        )

    def pick(self, visitor: int) -> int:
        """The variant of a visitor, from a stable 64-bit visitor number: weight-proportional."""
        return bisect_right(self.bounds, visitor % self.total)


def visitor_number(key: bytes, address: str, user_agent: str) -> int:
    """A stable number per visitor (IP + User-Agent), keyed so nobody can aim for a variant."""
    digest = hashlib.blake2b(
        f"{address}\x00{user_agent}".encode(), key=key[:64], digest_size=8
    ).digest()
    return int.from_bytes(digest, "big")


@dataclass(frozen=True, slots=True)
class Routing:
    """Everything beyond ``target`` that decides where a visit goes; None on a plain link."""

    rules: tuple[CompiledRule, ...]
    split: Split | None
    forward_query: bool
    needs_agent: bool  # a rule looks at the device or OS (the UA must be classified)

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Routing | None:
        rules = tuple(CompiledRule.from_doc(rule) for rule in doc.get("rules") or ())
        variants = doc.get("variants") or ()
        forward = bool(doc.get("forward_query"))
        if not rules and not variants and not forward:
            return None
        return cls(
            rules=rules,
            split=Split.from_docs(variants) if variants else None,
            forward_query=forward,
            needs_agent=any(r.devices or r.oses for r in rules),
        )
