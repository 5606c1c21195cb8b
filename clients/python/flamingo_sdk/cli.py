"""``flamingo-client``: shorten, list, stats and import from a shell, with an API token.

    export FLAMINGO_URL=https://flamingo.example FLAMINGO_TOKEN=…
    flamingo-client shorten https://example.com/a/long/path --alias launch
    flamingo-client list --tag launch
    flamingo-client stats LINK_ID --from 2026-01-01
    flamingo-client import links.csv

Answers go to stdout (``--json`` for machines), progress and errors to stderr; the exit status is
0 on success, 1 when the API refused something, 2 on a usage error (a missing token included).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
from flamingo_client.models import BatchResult, LinkStats

from flamingo_sdk.client import (
    BATCH_LIMIT,
    TOKEN_VARIABLE,
    URL_VARIABLE,
    ApiError,
    Flamingo,
    MissingToken,
)
from flamingo_sdk.csvfile import CsvFormatError, Row, read_rows


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, sort_keys=True, default=str))


def _shorten(api: Flamingo, args: argparse.Namespace) -> int:
    fields: dict[str, Any] = {"tags": args.tag} if args.tag else {}
    if args.title:
        fields["title"] = args.title
    link = api.shorten(args.target, alias=args.alias, **fields)
    _print_json(link.to_dict()) if args.json else print(link.short_url)
    return 0


def _list(api: Flamingo, args: argparse.Namespace) -> int:
    for link in api.links(q=args.q, tag=args.tag):
        if args.json:
            print(json.dumps(link.to_dict(), sort_keys=True))
        else:
            print(f"{link.id}\t{link.short_url}\t{link.target}")
    return 0


def _summary(stats: LinkStats) -> None:
    totals = stats.totals
    split = f"{totals.human} human, {totals.bot} bot"
    print(f"{stats.from_} to {stats.to}: {totals.total} clicks ({split})")
    for day in stats.series:
        if day.total:
            print(f"{day.date}\t{day.total}")


def _stats(api: Flamingo, args: argparse.Namespace) -> int:
    stats = api.stats(args.id, args.start, args.end)
    _print_json(stats.to_dict()) if args.json else _summary(stats)
    return 0


def _report(chunk: list[Row], result: BatchResult) -> list[tuple[int, str]]:
    """The failed rows of one batch, by their line in the file."""
    failures = []
    for outcome in result.items:
        if outcome.link:
            continue
        problem = outcome.error
        detail = problem.detail if problem else f"status {outcome.status}"
        fields = [e.field for e in (problem.errors or [])] if problem else []
        failures.append(
            (chunk[outcome.index].line, detail + (f" ({', '.join(fields)})" if fields else ""))
        )
    return failures


def _import(api: Flamingo, args: argparse.Namespace) -> int:
    with Path(args.file).open(encoding="utf-8-sig", newline="") as stream:
        rows = read_rows(stream)
    failures = [(row.line, row.error) for row in rows if row.error]
    valid = [row for row in rows if not row.error]
    created = 0
    for start in range(0, len(valid), BATCH_LIMIT):
        chunk = valid[start : start + BATCH_LIMIT]
        for result in api.create_many([row.item for row in chunk]):
            created += result.created
            failures += _report(chunk, result)
        print(f"sent {start + len(chunk)}/{len(valid)} rows", file=sys.stderr)
    for line, error in sorted(failures):
        print(f"{args.file}:{line}: {error}", file=sys.stderr)
    print(f"created {created}, failed {len(failures)}")
    return 1 if failures else 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="flamingo-client",
        description=f"Shorten, list, report and import links (token: ${TOKEN_VARIABLE}).",
    )
    top.add_argument("--url", help=f"the Flamingo to talk to (default: ${URL_VARIABLE})")
    commands = top.add_subparsers(dest="command", required=True)
    shorten = commands.add_parser("shorten", help="create a short link; prints its short URL")
    shorten.add_argument("target", help="the http(s) URL to shorten")
    shorten.add_argument("--alias", help="a custom code instead of a generated one")
    shorten.add_argument("--title")
    shorten.add_argument("--tag", action="append", help="a tag (repeat for more)")
    shorten.add_argument("--json", action="store_true", help="print the whole link as JSON")
    listing = commands.add_parser("list", help="your links, newest first, one per line")
    listing.add_argument("--q", help="search title, target and code")
    listing.add_argument("--tag", help="only links with this tag")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    stats = commands.add_parser("stats", help="clicks of one link")
    stats.add_argument("id", help="the link's id (see `list`)")
    stats.add_argument("--from", dest="start", type=_date, help="first day (UTC, YYYY-MM-DD)")
    stats.add_argument("--to", dest="end", type=_date, help="last day (UTC, YYYY-MM-DD)")
    stats.add_argument("--json", action="store_true", help="the whole report as JSON")
    imports = commands.add_parser("import", help="create the links of a CSV file")
    imports.add_argument("file", help="CSV with a header: target, alias, title, tags, …")
    shorten.set_defaults(run=_shorten)
    listing.set_defaults(run=_list)
    stats.set_defaults(run=_stats)
    imports.set_defaults(run=_import)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        with Flamingo(args.url) as api:
            code: int = args.run(api, args)
            return code
    except MissingToken:
        print(f"flamingo-client: set {TOKEN_VARIABLE} to an API token", file=sys.stderr)
        return 2
    except (CsvFormatError, OSError) as exc:
        print(f"flamingo-client: {args.command}: {exc}", file=sys.stderr)
        return 2
    except ApiError as exc:
        print(f"flamingo-client: {exc}", file=sys.stderr)
        return 1
    except httpx.HTTPError as exc:
        print(f"flamingo-client: {args.url or 'the API'}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
