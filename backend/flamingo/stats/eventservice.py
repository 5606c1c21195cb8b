"""Answers from the raw click events: which queries need them, the range they may cover
(``CLICK_EVENTS_RETENTION_DAYS``), filtered reports, the visit log and erasure.

Authorization is the caller's (:class:`flamingo.stats.service.StatsService`): this module is
handed a link or workspace that was already checked.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask

from flamingo.core import context
from flamingo.core.pagination import Page
from flamingo.core.problems import field_problem
from flamingo.stats.eventreports import REPORT_FIELDS, EventReport, fold_events
from flamingo.stats.eventstore import ClickEventRepository, Scope
from flamingo.stats.filters import SlicedQuery, VisitsQuery
from flamingo.stats.models import today
from flamingo.stats.visits import (
    CSV_LIMIT_DEFAULT,
    JSON_LIMIT_DEFAULT,
    JSON_LIMIT_MAX,
    Visit,
)

HOURLY_MAX_DAYS = 7


class EventStats:
    def __init__(self, repo: ClickEventRepository, retention_days: int) -> None:
        self.repo = repo
        self.retention_days = retention_days

    @classmethod
    def build(cls, app: Flask) -> EventStats:
        settings = context.settings_of(app).clicks
        return cls(ClickEventRepository(context.stores_of(app).db), settings.retention_days)

    def needed(self, query: SlicedQuery) -> bool:
        """Filters and hourly series need the events; the rest is answered from the counters."""
        return query.active() or query.interval == "hour"

    def oldest_day(self) -> date:
        """The first UTC day whose events are all still kept."""
        return today() - timedelta(days=self.retention_days - 1)

    def check_range(self, first: date, last: date, interval: str = "day") -> None:
        """422 when the range needs events that retention removed, or is too long for hours."""
        if interval == "hour" and (last - first).days + 1 > HOURLY_MAX_DAYS:
            raise field_problem(
                422,
                "interval-too-long",
                "interval",
                f"`interval=hour` covers at most {HOURLY_MAX_DAYS} days",
            )
        oldest = self.oldest_day()
        if first < oldest:
            raise field_problem(
                422,
                "range-beyond-retention",
                "from",
                f"raw click events are kept {self.retention_days} days "
                f"(CLICK_EVENTS_RETENTION_DAYS): `from` must be {oldest.isoformat()} or later",
                detail=f"filtered and hourly stats reach back {self.retention_days} days; "
                f"the range starts {first.isoformat()}, before {oldest.isoformat()}",
            )

    def report(self, scope: Scope, first: date, last: date, query: SlicedQuery) -> EventReport:
        self.check_range(first, last, query.interval)
        docs = self.repo.scan(scope, first, last, query, REPORT_FIELDS)
        return fold_events(docs, first, last, hourly=query.interval == "hour")

    def visits(self, link_id: str, query: VisitsQuery) -> Page[Visit]:
        last = query.to or today()
        first = query.from_ or max(self.oldest_day(), last - timedelta(days=self.retention_days))
        if first > last:
            raise field_problem(422, "invalid-date-range", "from", "must not be after `to`")
        self.check_range(first, last)
        if query.format == "csv":
            limit = query.limit or CSV_LIMIT_DEFAULT
        else:
            limit = min(query.limit or JSON_LIMIT_DEFAULT, JSON_LIMIT_MAX)
            if query.limit is not None and query.limit > JSON_LIMIT_MAX:
                raise field_problem(422, "invalid-limit", "limit", f"at most {JSON_LIMIT_MAX}")
        page = self.repo.page(
            Scope("link_id", link_id), first, last, query, cursor=query.cursor, limit=limit
        )
        return Page(items=[Visit.of(e) for e in page.items], next_cursor=page.next_cursor)

    def erase(self, link_id: str) -> int:
        return self.repo.erase_link(link_id)
