"""Request and answer shapes of the analytics API, and how a date range is validated."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from flamingo.core.problems import field_problem
from flamingo.stats.answers import BreakdownRow

DEFAULT_DAYS = 30
TOP_N = 100
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    # Only YYYY-MM-DD: pydantic alone would also take timestamps and datetimes.
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("must be an ISO date (YYYY-MM-DD)")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class RangeQuery(BaseModel):
    """``?from=YYYY-MM-DD&to=YYYY-MM-DD`` (UTC days, both included)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: IsoDate | None = Field(None, alias="from")
    to: IsoDate | None = None


class OverviewQuery(RangeQuery):
    """The range and ``?workspace_id`` (default: a token's workspace, else the personal one)."""

    workspace_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None


def today() -> date:
    return datetime.now(UTC).date()


def resolve_range(query: RangeQuery, max_days: int) -> tuple[date, date]:
    """The concrete range: ``to`` defaults to today, ``from`` to the 30 days ending at ``to``."""
    last = query.to or today()
    first = query.from_ or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise field_problem(
            422,
            "invalid-date-range",
            "from",
            "must not be after `to`",
            detail="`from` is after `to`",
        )
    days = (last - first).days + 1
    if days > max_days:
        raise field_problem(
            422,
            "invalid-date-range",
            "from",
            f"range longer than {max_days} days",
            detail=f"the range spans {days} days; at most {max_days} are allowed",
        )
    return first, last


def breakdown_rows(counts: dict[str, int], limit: int = TOP_N) -> list[BreakdownRow]:
    """``[{key, count}]``, largest first, at most ``limit`` rows (the rest summed as (other))."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = [BreakdownRow(key=key, count=count) for key, count in items[:limit]]
    rest = sum(count for _, count in items[limit:])
    if rest:
        rows.append(BreakdownRow(key="(other)", count=rest))
    return rows
