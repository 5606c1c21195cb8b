"""Create the rows of an import, one by one: a dry run checks everything but writes nothing; a
code that exists with the same target in the same workspace is skipped (so a re-run creates
nothing twice); a code held by another link is a clash, reported and never overwritten; a bad
row gets its own error and stops nothing. ``progress(done, total)`` every ``every`` rows.

Used by ``flamingo import --from`` and ``POST /api/v1/links/import`` alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from flamingo.accounts.auth import Principal
from flamingo.core.problems import Problem, validation_problem
from flamingo.links import clickcap
from flamingo.links.codes import AliasError, check_alias
from flamingo.links.importers.records import Row
from flamingo.links.models import LinkCreate
from flamingo.links.service import LinkService, workspace_of
from flamingo.links.urlpolicy import check_target

Status = Literal["created", "skipped", "clash", "error"]
PROGRESS_EVERY = 100
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Outcome:
    """What became of one row (in a dry run, ``created`` means "would be created")."""

    where: str
    code: str | None
    status: Status
    detail: str = ""
    link_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "where": self.where,
            "code": self.code,
            "status": self.status,
            "detail": self.detail,
            "link_id": self.link_id,
        }


@dataclass
class Report:
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def totals(self) -> dict[str, int]:
        return {status: self.count(status) for status in ("created", "skipped", "clash", "error")}

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            **self.totals(),
            "rows": [outcome.to_json() for outcome in self.outcomes],
        }


def _detail(problem: Problem) -> str:
    error = problem.to_dict()
    fields = [e.get("field") for e in error.get("errors", []) if e.get("field")]
    fields += [error["field"]] if error.get("field") else []
    messages = [e.get("message") for e in error.get("errors", []) if e.get("message")]
    where = f" ({', '.join(fields)})" if fields else ""
    return f"{problem.detail}{where}" + (f": {'; '.join(messages)}" if messages else "")


class _Run:
    def __init__(self, service: LinkService, principal: Principal, workspace_id: str, host: str):
        self.service, self.principal = service, principal
        self.workspace_id, self.host = workspace_id, host
        self.seen: dict[str, str] = {}  # code -> target of the rows before (pages may overlap)

    def check(self, row: Row) -> tuple[LinkCreate, Outcome | None]:
        """The row's create data, or its outcome when it goes no further."""
        item = {k: v for k, v in row.item.items() if v is not None and v != []}
        data = LinkCreate.model_validate({**item, "domain": self.host})
        code = check_alias(row.code or "", kept=True)
        data = data.model_copy(update={"alias": code, "target": check_target(data.target)})
        existing = self.service.by_code(self.host, code)
        if existing is not None:
            if workspace_of(existing) == self.workspace_id and existing["target"] == data.target:
                return data, Outcome(row.where, code, "skipped", "exists already")
            return data, Outcome(row.where, code, "clash", "the code belongs to another link here")
        if code in self.seen:
            if self.seen[code] == data.target:
                return data, Outcome(row.where, code, "skipped", "repeated in the file")
            return data, Outcome(row.where, code, "clash", "repeated in the file, other target")
        self.seen[code] = data.target
        return data, None

    def one(self, row: Row, *, dry_run: bool) -> Outcome:
        if row.error is not None:
            return Outcome(row.where, row.code, "error", row.error)
        try:
            data, outcome = self.check(row)
            if outcome is not None or dry_run:
                return outcome or Outcome(row.where, data.alias, "created")
            doc = self.service.create(
                self.principal.user_id, data, workspace_id=self.workspace_id, history=row.history
            )
            if data.max_clicks is not None and row.history.clicks:
                clickcap.seed(self.service.redis, str(doc["_id"]), row.history.clicks)
        except ValidationError as exc:
            return Outcome(row.where, row.code, "error", _detail(validation_problem(exc)))
        except AliasError as exc:
            return Outcome(row.where, row.code, "error", f"code: {exc}")
        except Problem as problem:
            status: Status = "clash" if problem.slug == "alias-taken" else "error"
            return Outcome(row.where, row.code, status, _detail(problem))
        return Outcome(row.where, doc["code"], "created", link_id=str(doc["_id"]))


def run_import(
    service: LinkService,
    principal: Principal,
    rows: Iterable[Row],
    *,
    workspace_id: str | None = None,
    domain: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    every: int = PROGRESS_EVERY,
) -> Report:
    """Import ``rows`` as ``principal``'s links in ``workspace_id`` (default: theirs) on
    ``domain`` (default: the default domain). Raises a :class:`Problem` only when nothing can
    be imported (no write access to the workspace, an unknown domain)."""
    workspace = workspace_id or service.workspaces.default_for(principal)
    service.workspaces.require(principal, workspace, "links.write")
    run = _Run(service, principal, workspace, service.domains.host_for_link(domain))
    rows = list(rows)
    report = Report(dry_run)
    for done, row in enumerate(rows, start=1):
        report.outcomes.append(run.one(row, dry_run=dry_run))
        if progress is not None and (done % every == 0 or done == len(rows)):
            progress(done, len(rows))
    return report
