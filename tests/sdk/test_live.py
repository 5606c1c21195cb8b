"""The Python SDK (clients/python) against a live gunicorn on redis-server and FerretDB.

``flamingo_client`` is the package generated from the served OpenAPI document (``make sdk``);
``flamingo_sdk`` is the hand-written layer and the ``flamingo-client`` command line. Both are
installed into the venv from the checkout (``make venv``).
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from flamingo_client.api.links import create_link
from flamingo_client.api.ops import get_version
from flamingo_client.api.stats import get_link_stats
from flamingo_client.models import (
    LinkCreate,
    LinkDetail,
    LinkStats,
    Problem,
    Rule,
    RuleCondition,
    Version,
)
from flamingo_sdk import ApiError, Flamingo, MissingToken
from PIL import Image

from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration

CLI = Path(sys.executable).with_name("flamingo-client")


@pytest.fixture(scope="module")
def service(ferretdb: FerretDB) -> Iterator[Service]:
    redis = RedisServer()
    redis.start()
    try:
        with running_service(ferretdb, redis) as running:
            yield running
    finally:
        redis.stop()


def _token(service: Service) -> str:
    _, headers = service.user()
    return headers["Authorization"].removeprefix("Bearer ")


@pytest.fixture
def api(service: Service, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flamingo]:
    monkeypatch.setenv("FLAMINGO_TOKEN", _token(service))  # the documented way to pass it
    with Flamingo(service.base) as client:
        yield client


def test_links_made_listed_read_and_deleted_through_the_sdk(api: Flamingo) -> None:
    made = [api.shorten(f"https://example.com/{i}", title=f"sdk {i}") for i in range(5)]
    made.append(api.shorten("https://example.com/aliased", alias="sdk-alias", tags=["sdk"]))
    # Pages of two: the iterator follows next_cursor until the list ends, each link once.
    listed = [link.id for link in api.links(page_size=2)]
    assert sorted(listed) == sorted(link.id for link in made)
    assert [link.id for link in api.links(tag="sdk")] == [made[-1].id]

    detail = api.link(made[-1].id)
    assert isinstance(detail, LinkDetail)  # a named model, not an anonymous inline one
    assert (detail.code, detail.target, detail.tags) == ("sdk-alias", made[-1].target, ["sdk"])
    assert detail.short_url == made[-1].short_url
    assert detail.clicks_used is None

    api.delete(made[0].id)
    with pytest.raises(ApiError) as refused:
        api.link(made[0].id)
    assert refused.value.status == 404
    assert refused.value.problem is not None and refused.value.problem.status == 404


def test_rule_conditions_take_plain_strings_and_lists(api: Flamingo) -> None:
    condition = RuleCondition(device="mobile", os=["ios", "android"], language="de")
    body = LinkCreate(
        target="https://example.com/desktop",
        rules=[Rule(if_=condition, target="https://example.com/phone")],
    )
    response = create_link.sync_detailed(client=api.client, body=body)
    assert response.status_code == 201, response.content
    rule = api.link(response.parsed.id).rules[0]  # type: ignore[union-attr]
    assert rule.if_.device == ["mobile"]
    assert rule.if_.os == ["ios", "android"]
    assert rule.target == "https://example.com/phone"


def test_stats_and_qr_codes_through_the_sdk(api: Flamingo) -> None:
    link = api.shorten("https://example.com/qr")
    stats = api.stats(link.id)
    assert isinstance(stats, LinkStats)
    assert stats.link_id == link.id
    assert stats.totals.total == sum(day.total for day in stats.series)
    png = api.qr_png(link.id)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [code.text for code in decoded] == [link.short_url]
    svg = api.qr_svg(link.id)
    assert b"<svg" in svg


def test_a_missing_token_is_one_clear_error(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLAMINGO_TOKEN", raising=False)
    with pytest.raises(MissingToken, match="FLAMINGO_TOKEN"):
        Flamingo(service.base)
    result = subprocess.run(
        [str(CLI), "--url", service.base, "list"],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "flamingo-client: set FLAMINGO_TOKEN to an API token"
    ]


def _cli(service: Service, token: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), *args],
        env={"PATH": "/usr/bin:/bin", "FLAMINGO_URL": service.base, "FLAMINGO_TOKEN": token},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_command_line_shortens_lists_reports_and_imports(
    service: Service, tmp_path: Path
) -> None:
    token = _token(service)
    shortened = _cli(service, token, "shorten", "https://example.com/cli", "--alias", "sdk-cli")
    assert shortened.returncode == 0, shortened.stderr
    short_url = shortened.stdout.strip()
    assert short_url.endswith("/sdk-cli")

    listed = _cli(service, token, "list")
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert [(url, target) for _, url, target in rows] == [(short_url, "https://example.com/cli")]
    link_id = rows[0][0]

    report = _cli(service, token, "stats", link_id)
    assert report.returncode == 0, report.stderr
    assert report.stdout.splitlines()[0].endswith(": 0 clicks (0 human, 0 bot)")

    csv = tmp_path / "links.csv"
    csv.write_text(
        "target,alias,title,tags\n"
        "https://example.com/i1,sdk-i1,One,a|b\n"
        "https://example.com/i2,,,\n"
        ",,no target,\n"
        "https://example.com/i3,sdk-cli,taken,\n"
    )
    imported = _cli(service, token, "import", str(csv))
    assert imported.returncode == 1  # some rows failed
    assert imported.stdout.strip() == "created 2, failed 2"
    failures = [line for line in imported.stderr.splitlines() if line.startswith(str(csv))]
    assert [line.split(":")[1] for line in failures] == ["4", "5"]
    assert "target: required" in failures[0]
    assert "alias 'sdk-cli' is already taken" in failures[1]
    after = _cli(service, token, "list", "--tag", "a")
    assert [line.split("\t")[2] for line in after.stdout.splitlines()] == ["https://example.com/i1"]


def test_the_command_line_reports_a_refusal_in_one_line(service: Service) -> None:
    refused = _cli(service, _token(service), "shorten", "ftp://example.com/")
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("flamingo-client: 422 ")


def test_a_filter_longer_than_the_request_line_limit_is_a_problem(api: Flamingo) -> None:
    """The server refuses the request line before the API reads it, still as a problem document
    the generated client parses (the contract says so, not text/html)."""
    link = api.shorten("https://example.com/long-filter")
    response = get_link_stats.sync_detailed(
        link.id, client=api.client, referrer=[f"site-{i}.example" for i in range(400)]
    )
    assert response.status_code == 414
    assert isinstance(response.parsed, Problem)
    assert response.parsed.type_.endswith("/request-line-too-long")


def test_every_answer_used_here_is_a_named_model(api: Flamingo) -> None:
    version = get_version.sync(client=api.client)
    assert isinstance(version, Version)
    assert version.version and version.commit
