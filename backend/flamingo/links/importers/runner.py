"""Create the rows of an import, one by one: a dry run checks everything but writes nothing; a
code that exists with the same target in the same workspace is skipped (so a re-run creates
nothing twice); a code held by another link is a clash, reported and never overwritten; a bad
row gets its own error and stops nothing. ``progress(done, total)`` every ``every`` rows.

Used by ``flamingo import --from`` and ``POST /api/v1/links/import`` alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from flamingo.accounts.auth import Principal
from flamingo.core.problems import Problem, validation_problem
from flamingo.links import clickcap
from flamingo.links.codes import AliasError, check_alias
from flamingo.links.importers.records import Row
from flamingo.links.models import LinkCreate
from flamingo.links.service import LinkService
from flamingo.links.urlpolicy import check_target

Status = Literal["created", "skipped", "clash", "error"]
STATUSES: tuple[Status, ...] = ("created", "skipped", "clash", "error")
PROGRESS_EVERY = 100
Progress = Callable[[int, int], None]


class ImportRow(BaseModel):
    """What became of one record (in a dry run, ``created`` means "would be created")."""

    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)
    where: str = Field(description="The record's place in the file: `page 2, shortUrls.data[3]`.")
    code: str | None
    status: Status
    detail: str = Field(default="", description="Why it was skipped, clashed or refused.")
    link_id: str | None = Field(default=None, description="The created link (not in a dry run).")


class ImportReport(BaseModel):
    """``POST /api/v1/links/import``'s answer and ``flamingo import --from``'s summary."""

    model_config = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)
    dry_run: bool
    created: int = Field(ge=0, description="Created (or would be, in a dry run).")
    skipped: int = Field(ge=0, description="Already here with the same target.")
    clash: int = Field(ge=0, description="The code belongs to another link.")
    error: int = Field(ge=0, description="Refused records.")
    rows: list[ImportRow]

    @classmethod
    def of(cls, dry_run: bool, rows: list[ImportRow]) -> ImportReport:
        counts = {status: sum(1 for r in rows if r.status == status) for status in STATUSES}
        return cls(dry_run=dry_run, rows=rows, **counts)

    def count(self, status: Status) -> int:
        return int(getattr(self, status))

    def totals(self) -> dict[str, int]:
        return {status: self.count(status) for status in STATUSES}


def _row(
    where: str, code: str | None, status: Status, detail: str = "", link_id: str | None = None
) -> ImportRow:
    return ImportRow(where=where, code=code, status=status, detail=detail, link_id=link_id)


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

    def check(self, row: Row) -> tuple[LinkCreate, ImportRow | None]:
        """The row's create data, or its outcome when it goes no further."""
        item = {k: v for k, v in row.item.items() if v is not None and v != []}
        data = LinkCreate.model_validate({**item, "domain": self.host})
        code = check_alias(row.code or "", kept=True)
        data = data.model_copy(update={"alias": code, "target": check_target(data.target)})
        existing = self.service.by_code(self.host, code)
        if existing is not None:
            if existing.workspace_id == self.workspace_id and existing.target == data.target:
                return data, _row(row.where, code, "skipped", "exists already")
            return data, _row(row.where, code, "clash", "the code belongs to another link here")
        if code in self.seen:
            if self.seen[code] == data.target:
                return data, _row(row.where, code, "skipped", "repeated in the file")
            return data, _row(row.where, code, "clash", "repeated in the file, other target")
        self.seen[code] = data.target
        return data, None

    def one(self, row: Row, *, dry_run: bool) -> ImportRow:
        if row.error is not None:
            return _row(row.where, row.code, "error", row.error)
        try:
            data, outcome = self.check(row)
            if outcome is not None or dry_run:
                return outcome or _row(row.where, data.alias, "created")
            link = self.service.create(
                self.principal.user_id, data, workspace_id=self.workspace_id, history=row.history
            )
            if data.max_clicks is not None and row.history.clicks:
                clickcap.seed(self.service.redis, link.id, row.history.clicks)
        except ValidationError as exc:
            return _row(row.where, row.code, "error", _detail(validation_problem(exc)))
        except AliasError as exc:
            return _row(row.where, row.code, "error", f"code: {exc}")
        except Problem as problem:
            status: Status = "clash" if problem.slug == "alias-taken" else "error"
            return _row(row.where, row.code, status, _detail(problem))
        return _row(row.where, link.code, "created", link_id=link.id)


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
) -> ImportReport:
    """Import ``rows`` as ``principal``'s links in ``workspace_id`` (default: theirs) on
    ``domain`` (default: the default domain). Raises a :class:`Problem` only when nothing can
    be imported (no write access to the workspace, an unknown domain)."""
    workspace = workspace_id or service.workspaces.default_for(principal)
    service.workspaces.require(principal, workspace, "links.write")
    run = _Run(service, principal, workspace, service.domains.host_for_link(domain))
    rows = list(rows)
    outcomes = []
    for done, row in enumerate(rows, start=1):
        outcomes.append(run.one(row, dry_run=dry_run))
        if progress is not None and (done % every == 0 or done == len(rows)):
            progress(done, len(rows))
    return ImportReport.of(dry_run, outcomes)
