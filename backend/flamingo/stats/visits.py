"""The visit log's answer: one row per raw click event (no IP, ever), and its CSV form."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field

from flamingo.core.timefmt import Timestamp, iso
from flamingo.stats.events import ClickEvent

# Spreadsheets run cells that start with these as formulas (CSV injection).
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
JSON_LIMIT_DEFAULT, JSON_LIMIT_MAX = 50, 1000
CSV_LIMIT_DEFAULT = CSV_LIMIT_MAX = 100_000


class Visit(BaseModel):
    """One click as the visit log shows it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description="The event's id (the position a cursor points after).")
    at: Timestamp
    domain: str | None
    code: str
    country: str = Field(description='ISO 3166-1 alpha-2; "" unknown.')
    region: str | None = Field(description="When the load balancer sends one.")
    referrer: str = Field(description='The referring host; "" none.')
    browser: str
    os: str
    device: str
    bot: bool
    language: str = Field(description="Primary tag of `Accept-Language`'s first entry.")
    rule: int | None = Field(description="The redirect rule that matched (index).")
    variant: int | None = Field(description="The variant chosen (index).")
    utm_source: str | None
    utm_medium: str | None
    utm_campaign: str | None
    utm_term: str | None
    utm_content: str | None
    visitor: str = Field(
        description="A pseudonymous key of the visitor for that UTC day only (a keyed hash of "
        "IP and User-Agent under a salt that rotates daily); never the IP."
    )

    @classmethod
    def of(cls, event: ClickEvent) -> Visit:
        return cls.model_validate(event.model_dump(exclude={"link_id", "workspace_id"}))


class VisitPage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    items: list[Visit]
    next_cursor: str | None = Field(description="Pass back as `cursor` for the next page.")


CSV_COLUMNS: Final = tuple(name for name in Visit.model_fields)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def visits_csv(visits: Iterable[Visit]) -> str:
    """The visits as CSV (header ``CSV_COLUMNS``); formula-like cells prefixed with ``'``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for visit in visits:
        row = visit.model_dump()
        row["at"] = iso(visit.at)
        writer.writerow([_cell(row[name]) for name in CSV_COLUMNS])
    return out.getvalue()
