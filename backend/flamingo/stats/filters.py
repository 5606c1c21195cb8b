"""The stats filters: ``?country=DE&country=AT&device=!bot&utm_source=news``.

* Each parameter may repeat: its values are "any of" (``country=DE&country=AT``).
* A value starting with ``!`` excludes: ``country=!DE`` is "not Germany"; several are "none of";
  positives and negatives of one parameter combine (``in`` the positives, ``not in`` the rest).
* Different parameters all hold ("and").
* ``(none)`` matches a click without that value (no referrer, no country, no UTM tag), as the
  breakdowns show it; values are matched exactly as a breakdown row's ``key`` shows them, so a
  client filters by clicking a row.
* ``bot=true`` / ``bot=false`` keeps only bots / humans.

A filtered answer is computed from the raw click events (:mod:`flamingo.stats.eventstore`).
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from flamingo.stats.documents import NONE_KEY
from flamingo.stats.events import UTM_FIELDS
from flamingo.stats.models import IsoDate, RangeQuery

MAX_VALUES: Final = 20
NOT: Final = "!"
# No control characters (NUL and friends): no stored value has them, and a store may refuse them.
FilterValue = Annotated[
    str, StringConstraints(min_length=1, max_length=129, pattern=r"^[^\x00-\x1f\x7f]+$")
]
Values = Annotated[list[FilterValue], Field(max_length=MAX_VALUES)]
# The filters whose stored value is absent (not "") when the click had none.
ABSENT_WHEN_NONE: Final = frozenset({*UTM_FIELDS, "region", "rule", "variant"})
INTEGER_FIELDS: Final = frozenset({"rule", "variant"})
# Parameter name → stored event field.
FILTERS: Final = (
    "country",
    "device",
    "os",
    "browser",
    "referrer",
    "language",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "rule",
    "variant",
)
LIST_PARAMS: Final = frozenset(FILTERS)


class StatsFilters(BaseModel):
    """The filter parameters, shared by every stats endpoint and the visit log."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    country: Values = []
    device: Values = []
    os: Values = []
    browser: Values = []
    referrer: Values = []
    language: Values = []
    utm_source: Values = []
    utm_medium: Values = []
    utm_campaign: Values = []
    rule: Values = []
    variant: Values = []
    bot: bool | None = None

    def active(self) -> bool:
        return self.bot is not None or any(getattr(self, name) for name in FILTERS)


class SlicedQuery(RangeQuery, StatsFilters):
    """A stats range, its filters and ``interval`` (``hour`` for ranges of up to 7 days)."""

    interval: Literal["day", "hour"] = "day"


class OverviewSlicedQuery(SlicedQuery):
    workspace_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None


class VisitsQuery(StatsFilters):
    """The visit log: a range (default: the whole retention), filters, a page, a format."""

    from_: IsoDate | None = Field(None, alias="from")
    to: IsoDate | None = None
    cursor: Annotated[str, Field(max_length=64)] | None = None
    limit: Annotated[int, Field(ge=1, le=100_000)] | None = None
    format: Literal["json", "csv"] = "json"


def _stored(name: str, value: str) -> Any:
    if value == NONE_KEY:
        return None if name in ABSENT_WHEN_NONE else ""
    if name in INTEGER_FIELDS:
        return int(value) if value.isdigit() else -1  # matches nothing, answers nothing
    return value


def condition(name: str, values: list[str]) -> dict[str, Any] | None:
    """The MongoDB condition of one parameter's values (``None``: no condition)."""
    positive = [_stored(name, v) for v in values if not v.startswith(NOT)]
    negative = [_stored(name, v[1:]) for v in values if v.startswith(NOT) and len(v) > 1]
    clause: dict[str, Any] = {}
    if positive:
        clause["$in"] = positive
    if negative:
        clause["$nin"] = negative
    return clause or None


def event_query(filters: StatsFilters) -> dict[str, Any]:
    """The filters as a MongoDB query on ``click_events`` (field names are the parameters')."""
    query: dict[str, Any] = {}
    for name in FILTERS:
        clause = condition(name, getattr(filters, name))
        if clause is not None:
            query[name] = clause
    if filters.bot is not None:
        query["bot"] = filters.bot
    return query
