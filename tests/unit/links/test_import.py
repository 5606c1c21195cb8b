"""CSV import: parsing, per-row results with line numbers, refusal of malformed files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from flask import Flask

from flamingo.app import create_app
from flamingo.core import context
from flamingo.links import importer
from flamingo.links.repository import LinkRepository
from flamingo.links.service import LinkService
from tests.conftest import make_settings
from tests.support.links import FAST_HASH, make_user

GOOD = """target,alias,title,tags,expires_at,max_clicks,password,redirect_status
https://example.com/a,alpha,Alpha,work|docs,2999-01-01T00:00:00Z,10,,301
https://example.com/b,,,,,,,
ftp://example.com/c,,,,,,,
https://example.com/d,alpha,,,,,,
https://example.com/e,,"Quoted, title","x,y",,many,,
https://example.com/f,,,,,,pass1234,
"""


@pytest.fixture
def app() -> Flask:
    return create_app(make_settings(LOG_REQUESTS="false", **FAST_HASH))


def run(app: Flask, text: str) -> tuple[importer.ImportReport, list[int]]:
    owner = make_user(app, "importer@example.com")
    progress: list[int] = []
    with app.app_context():
        rows = importer.read_rows(io.StringIO(text))
        report = importer.import_rows(
            context.service_of(app, LinkService), owner, rows, progress.append
        )
    return report, progress


def test_rows_become_links_and_failures_name_their_lines(app: Flask) -> None:
    report, progress = run(app, GOOD)
    assert report.created == 3
    assert [line for line, _ in report.failures] == [4, 5, 6]
    assert "target" in report.failures[0][1]
    assert "alias" in report.failures[1][1] and "taken" in report.failures[1][1]
    assert "max_clicks" in report.failures[2][1]
    assert sum(progress) == 6
    repo = LinkRepository(context.stores_of(app).db)
    alpha = repo.by_code("localhost", "alpha")
    assert alpha is not None
    assert alpha.tags == ["work", "docs"] and alpha.max_clicks == 10
    assert alpha.redirect_status == 301 and alpha.title == "Alpha"
    assert alpha.expires_at is not None and alpha.expires_at.year == 2999
    protected = repo.collection.find_one({"target": "https://example.com/f"})
    assert protected is not None and protected["password_hash"].startswith("$argon2id$")


def test_extra_cells_are_a_row_failure(app: Flask) -> None:
    report, _ = run(app, "target,title\nhttps://example.com/1,t,surplus\nhttps://example.com/2,t\n")
    assert report.created == 1
    assert report.failures == [(2, "more cells than the header has columns")]


def test_large_files_are_chunked(app: Flask) -> None:
    lines = "\n".join(f"https://example.com/{i}" for i in range(1200))
    report, progress = run(app, "target\n" + lines + "\n")
    assert report.created == 1200 and progress == [500, 500, 200]


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "import"
ERROR_CASES = json.loads((FIXTURES / "errors.json").read_text())["cases"]


def test_the_shared_fixture_parses_as_documented() -> None:
    """The same file and expectations as the SPA's parser (frontend/src/lib/csvImport.test.ts):
    every column, a BOM, header case and spaces, quoted commas and line breaks, blank rows."""
    expected = json.loads((FIXTURES / "links.expected.json").read_text())["rows"]
    with (FIXTURES / "links.csv").open(encoding="utf-8", newline="") as stream:
        rows = importer.read_rows(stream)
    assert [row.public() for row in rows] == expected


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c["error"][:30] for c in ERROR_CASES])
def test_malformed_files_are_refused_whole(case: dict[str, str]) -> None:
    with pytest.raises(importer.CsvFormatError) as refused:
        importer.read_rows(io.StringIO(case["csv"]))
    assert str(refused.value) == case["error"]


def test_a_password_column_protects_the_link(app: Flask) -> None:
    report, _ = run(app, "target,password\nhttps://example.com/p,pass1234\n")
    assert report.created == 1
    repo = LinkRepository(context.stores_of(app).db)
    protected = repo.collection.find_one({"target": "https://example.com/p"})
    assert protected is not None and protected["password_hash"].startswith("$argon2id$")
