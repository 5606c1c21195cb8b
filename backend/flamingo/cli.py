"""``flamingo`` command line: admin tasks that run next to the web processes."""

from __future__ import annotations

import csv
import sys
import threading
from typing import Any, NoReturn

import click

from flamingo.accounts.scopes import SCOPES
from flamingo.core import context
from flamingo.core.config import ConfigError, Settings, load_settings
from flamingo.core.indexes import ensure_indexes
from flamingo.core.log import configure_logging
from flamingo.core.problems import Problem
from flamingo.core.startup import exit_with
from flamingo.core.stores import check_embedded, open_stores
from flamingo.stats.eventstore import ensure_retention

PEERS = ("shlink", "yourls", "kutt", "bitly")  # flamingo.links.importers.sources.SOURCES


def _settings() -> Settings:
    try:
        settings = load_settings()
        check_embedded(settings.stores)
    except ConfigError as exc:
        exit_with(exc)
    configure_logging(settings.server.log_level)
    return settings


# The embedded store lives inside one process: what this process would write there, no server
# would ever read. Refuse instead of reporting a success nobody can use.
_EMBEDDED_HINTS = {
    "create-admin": "start `make run` with ADMIN_EMAIL and ADMIN_PASSWORD_FILE (or ADMIN_PASSWORD) "
    "to have an admin there",
    "create-token": "sign in to the running server and make the token under API tokens",
    "migrate": "the embedded store starts empty and needs no migration",
    "ensure-indexes": "the embedded store makes its indexes when the server starts",
}


def _real_store_settings(command: str) -> Settings:
    """The settings, or exit with one line when MongoDB is the embedded in-memory store."""
    settings = _settings()
    if settings.stores.embedded_mongo:
        exit_with(
            ConfigError(
                "MONGO_URI",
                f"unset, so `flamingo {command}` would write to an in-memory store of its own "
                f"that no server reads; {_EMBEDDED_HINTS[command]}",
            )
        )
    return settings


@click.group()
def main() -> None:
    """Flamingo administration."""


@main.command("check-config")
def check_config() -> None:
    """Load and validate every setting (resolving secrets), then exit 0."""
    _settings()
    click.echo("configuration OK")


def run_migrations(settings: Settings, db: Any) -> None:
    """Every data migration, each idempotent (a second run changes nothing)."""
    from flamingo.links.domains import default_host_of  # noqa: PLC0415 - keeps the CLI light
    from flamingo.links.migrations import (  # noqa: PLC0415
        assign_default_domain,
        assign_workspaces,
    )
    from flamingo.stats.migrations import count_link_clicks  # noqa: PLC0415
    from flamingo.workspaces.migrations import (  # noqa: PLC0415
        personal_workspaces,
        tokens_into_workspaces,
    )

    moved = assign_default_domain(db, default_host_of(settings.server.public_base_url))
    click.echo(f"links given the default domain: {moved}")
    click.echo(f"users given their personal workspace: {personal_workspaces(db)}")
    click.echo(f"links moved into personal workspaces: {assign_workspaces(db)}")
    click.echo(f"tokens moved into personal workspaces: {tokens_into_workspaces(db)}")
    click.echo(f"links given their click count: {count_link_clicks(db)}")


@main.command("migrate")
def migrate_command() -> None:
    """Migrate the data (personal workspaces for users, their links and tokens; idempotent)."""
    settings = _real_store_settings("migrate")
    run_migrations(settings, open_stores(settings.stores).db)


@main.command("ensure-indexes")
def ensure_indexes_command() -> None:
    """Migrate the data and create the MongoDB indexes (idempotent: run it on every release)."""
    settings = _real_store_settings("ensure-indexes")
    stores = open_stores(settings.stores)
    run_migrations(settings, stores.db)
    for name in ensure_indexes(stores.db):
        click.echo(f"index ok: {name}")
    retention = settings.clicks.click_events_retention_days
    click.echo(f"index ok: {ensure_retention(stores.db, retention)} ({retention} days)")


@main.command("worker")
def worker_command() -> None:
    """Run the click worker (fold the Redis click stream into MongoDB) and the webhook worker
    (deliver queued webhook events); stops on SIGTERM."""
    from flamingo.clicks import runner as worker  # noqa: PLC0415 - keeps the other commands light

    settings = _settings()
    if settings.stores.embedded_mongo or settings.stores.embedded_redis:
        exit_with(
            ConfigError(
                "MONGO_URI" if settings.stores.embedded_mongo else "REDIS_URL",
                "the worker needs real MongoDB and Redis (embedded stores run it inside the app)",
            )
        )
    from flamingo.webhooks import outbox  # noqa: PLC0415
    from flamingo.webhooks import runner as webhooks  # noqa: PLC0415

    stores = open_stores(settings.stores)
    outbox.subscribe()  # the click batches become link.clicked events
    stop = threading.Event()
    webhooks.start_thread(settings, stores, stop)  # the webhook worker, beside the click worker
    worker.serve(settings, stores)
    stop.set()


def _fail(problem: Problem) -> NoReturn:
    errors = problem.extra.get("errors") or []
    reason = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or problem.detail
    raise click.ClickException(reason)


@main.command("create-admin")
@click.option("--email", required=True, help="The admin's email (an existing user is promoted).")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of stdin instead of prompting.",
)
def create_admin(email: str, password_stdin: bool) -> None:
    """Create an admin account, or promote an existing user to admin (and reset the password)."""
    from flamingo.accounts.service import AccountService  # noqa: PLC0415 - keeps the other commands light
    from flamingo.accounts.users import Users  # noqa: PLC0415

    settings = _real_store_settings("create-admin")  # before asking for a password in vain
    if password_stdin:
        password: str | None = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    from flamingo.workspaces.repository import WorkspaceRepository  # noqa: PLC0415

    db = open_stores(settings.stores).db
    try:
        outcome = AccountService(settings.security, Users(db)).ensure_admin(email, password or None)
    except Problem as problem:
        _fail(problem)
    admin = Users(db).by_email(email)
    if admin is not None:
        WorkspaceRepository(db).ensure_personal(admin.id)
    click.echo(f"admin {outcome}: {email.strip().lower()}")


@main.command("create-token")
@click.option("--email", required=True, help="Owner of the token.")
@click.option("--name", required=True, help="What the token is for (shown in the token list).")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(SCOPES),
    help="Repeat for several scopes.",
)
@click.option("--expires-days", type=click.IntRange(min=1), help="Expire after this many days.")
@click.option("--workspace", help="The token's workspace id (default: the user's personal one).")
def create_token(
    email: str, name: str, scopes: tuple[str, ...], expires_days: int | None, workspace: str | None
) -> None:
    """Create an API token and print its secret (the only time it is shown) on stdout."""
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415

    from flamingo.accounts.tokens import Tokens  # noqa: PLC0415
    from flamingo.accounts.users import Users  # noqa: PLC0415
    from flamingo.workspaces.repository import WorkspaceRepository  # noqa: PLC0415

    settings = _real_store_settings("create-token")
    stores = open_stores(settings.stores)
    user = Users(stores.db).by_email(email)
    if user is None or user.disabled:
        raise click.ClickException(f"no active user with email {email.strip().lower()}")
    from flamingo.workspaces.service import WorkspaceService  # noqa: PLC0415

    members = WorkspaceService(
        WorkspaceRepository(stores.db),
        Users(stores.db),
        Tokens(stores.db),
        mail=settings.mail,
        base_url=settings.server.public_base_url,
    )
    if workspace is not None and members.role_of(user.id, workspace) is None:
        raise click.ClickException(f"{user.email} is not a member of workspace {workspace}")
    expires = datetime.now(UTC) + timedelta(days=expires_days) if expires_days else None
    token, secret = Tokens(stores.db).create(
        user.id, name.strip(), list(scopes), expires, workspace or user.id
    )
    click.echo(f"token {token.id} ({', '.join(token.scopes)}) for {user.email}:", err=True)
    click.echo(secret)


@main.command("import")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--owner", required=True, metavar="EMAIL", help="The user who will own the links.")
@click.option(
    "--from",
    "source",
    type=click.Choice(("csv", *PEERS)),
    default="csv",
    show_default=True,
    help="The file's format: our CSV, or a peer's list-API answer (JSON, one body or an array).",
)
@click.option("--workspace", metavar="ID", help="Into this workspace (default: the owner's).")
@click.option("--domain", metavar="HOST", help="On this branded domain (default: the default).")
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
def import_command(
    *, path: str, owner: str, source: str, workspace: str | None, domain: str | None, dry_run: bool
) -> None:
    """Create links from a CSV file or from what Shlink, YOURLS, Kutt or Bitly's list API answers.

    Each row is created or refused on its own; refused rows are listed and the exit code is 1
    when any was refused. From a peer: a code that exists with the same target is skipped (a
    re-run creates nothing twice), a code held by another link is a clash (exit 1, never
    overwritten).
    """
    from flamingo.accounts.users import Users  # noqa: PLC0415
    from flamingo.app import create_app  # noqa: PLC0415

    settings = _settings()
    if settings.stores.embedded_mongo and not dry_run:
        raise click.ClickException("set MONGO_URI: imported links would vanish with this process")
    app = create_app(settings)
    with app.app_context():
        user = Users(context.stores_of(app).db).by_email(owner)
        if user is None:
            raise click.ClickException(f"no user with the email {owner}")
        if source == "csv":
            _import_csv(app, path, user.id)
        else:
            _import_peer(
                app, path, source, user=user, workspace=workspace, domain=domain, dry=dry_run
            )


def _import_csv(app: Any, path: str, owner_id: str) -> None:
    from flamingo.links import importer  # noqa: PLC0415 - keeps the other commands light
    from flamingo.links.service import LinkService  # noqa: PLC0415

    try:
        with open(path, encoding="utf-8-sig", newline="") as csv_file:
            rows = importer.read_rows(csv_file)
    except (importer.CsvFormatError, csv.Error, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    service = context.service_of(app, LinkService)
    with click.progressbar(length=len(rows), label="importing", file=sys.stderr) as bar:
        report = importer.import_rows(service, owner_id, rows, bar.update)
    for line, detail in report.failures:
        click.echo(f"line {line}: {detail}", err=True)
    click.echo(f"created {report.created}, refused {report.failed}")
    if report.failed:
        sys.exit(1)


def _import_peer(
    app: Any,
    path: str,
    source: str,
    *,
    user: Any,
    workspace: str | None,
    domain: str | None,
    dry: bool,
) -> None:
    from flamingo.accounts.auth import Principal  # noqa: PLC0415
    from flamingo.links.importers import runner, sources  # noqa: PLC0415
    from flamingo.links.importers.records import ImportFormatError  # noqa: PLC0415
    from flamingo.links.service import LinkService  # noqa: PLC0415

    try:
        with open(path, "rb") as stream:
            rows = sources.read(source, stream.read())
    except ImportFormatError as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    who = Principal(user.id, user.email, user.role, frozenset(SCOPES), "session")

    def progress(done: int, total: int) -> None:
        click.echo(f"{done}/{total} rows", err=True)

    try:
        report = runner.run_import(
            context.service_of(app, LinkService),
            who,
            rows,
            workspace_id=workspace,
            domain=domain,
            dry_run=dry,
            progress=progress,
        )
    except Problem as problem:
        raise click.ClickException(problem.detail) from None
    for outcome in report.rows:
        if outcome.status in ("clash", "error"):
            code = f" ({outcome.code})" if outcome.code else ""
            click.echo(f"{outcome.where}{code}: {outcome.status}: {outcome.detail}", err=True)
    totals = report.totals()
    made = "would create" if dry else "created"
    click.echo(
        f"{made} {totals['created']}, skipped {totals['skipped']} (exist), "
        f"clashes {totals['clash']}, refused {totals['error']}"
    )
    if totals["clash"] or totals["error"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
