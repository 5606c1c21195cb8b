"""Redirect rules, A/B variants and query forwarding — through the API and the redirect (the view
on a miss, the fast lane on a hit: every visit below is made twice, so both answer it). Scheduled
links and the link's own ``expired_redirect``: test_link_schedule.py."""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.app import create_app
from flamingo.clicks.events import STREAM, buffer_of
from flamingo.clicks.worker import ClickWorker
from flamingo.core import context
from tests.conftest import make_settings, problem
from tests.support.links import FAST_HASH, create, go, user_headers

CHROME_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
ANDROID_PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
)
CURL = "curl/8.5.0"


@pytest.fixture
def app() -> Flask:
    return create_app(
        make_settings(LOG_REQUESTS="false", CLICK_FLUSH_INTERVAL_MS="3600000", **FAST_HASH)
    )


@pytest.fixture(autouse=True)
def _empty_stream(app: Flask) -> None:
    context.stores_of(app).redis.delete(STREAM)  # one embedded Redis per test process


@pytest.fixture
def alice(app: Flask) -> dict[str, str]:
    return user_headers(app, "alice@example.com")


def rule(target: str, **condition: Any) -> dict[str, Any]:
    return {"if": condition, "target": target}


def test_the_first_matching_rule_wins(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(
        client,
        alice,
        rules=[
            rule("https://example.com/ios-de", os="ios", language=["de"]),
            rule("https://example.com/mobile", device="mobile"),
            rule("https://example.com/ios", os="ios"),
        ],
    )
    code = "/" + link["code"]
    assert go(client, code, **{"User-Agent": SAFARI_IPHONE, "Accept-Language": "de-CH"}) == (
        "https://example.com/ios-de"
    )
    assert go(client, code, **{"User-Agent": SAFARI_IPHONE, "Accept-Language": "en"}) == (
        "https://example.com/mobile"
    ), "rule 2 matches before rule 3"
    assert go(client, code, **{"User-Agent": CHROME_MAC}) == "https://example.com/default"


@pytest.mark.parametrize(
    ("condition", "matching", "other"),
    [
        ({"device": "desktop"}, {"User-Agent": CHROME_MAC}, {"User-Agent": SAFARI_IPHONE}),
        ({"device": ["bot"]}, {"User-Agent": CURL}, {"User-Agent": CHROME_MAC}),
        ({"os": "android"}, {"User-Agent": ANDROID_PHONE}, {"User-Agent": SAFARI_IPHONE}),
        ({"os": ["macos", "windows"]}, {"User-Agent": CHROME_MAC}, {"User-Agent": ANDROID_PHONE}),
        (
            {"country": ["NL", "BE"]},
            {"X-Client-Geo-Location": "NL,Amsterdam"},
            {"X-Client-Geo-Location": "DE,Berlin"},
        ),
        ({"language": ["fr"]}, {"Accept-Language": "fr-CA,fr;q=0.9"}, {"Accept-Language": "en-GB"}),
    ],
)
def test_each_condition_kind(
    client: FlaskClient,
    alice: dict[str, str],
    condition: dict[str, Any],
    matching: dict[str, str],
    other: dict[str, str],
) -> None:
    link = create(client, alice, rules=[rule("https://example.com/ruled", **condition)])
    assert go(client, "/" + link["code"], **matching) == "https://example.com/ruled"
    assert go(client, "/" + link["code"], **other) == "https://example.com/default"


def test_a_query_condition_matches_exact_values(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(
        client, alice, rules=[rule("https://example.com/ads", query={"utm_source": "ads"})]
    )
    assert go(client, f"/{link['code']}?utm_source=ads&x=1") == "https://example.com/ads"
    assert go(client, f"/{link['code']}?utm_source=adsx") == "https://example.com/default"
    assert go(client, f"/{link['code']}") == "https://example.com/default"


def test_time_windows(client: FlaskClient, alice: dict[str, str]) -> None:
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    link = create(
        client,
        alice,
        rules=[
            rule("https://example.com/later", after=future),
            rule("https://example.com/now", after=past, before=future),
        ],
    )
    assert go(client, "/" + link["code"]) == "https://example.com/now"


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        ("de", True),
        ("de-AT", True),
        ("en;q=0.8, de;q=0.5", True),
        ("de;q=0, en", False),  # q=0: not acceptable
        ("*", False),  # the wildcard names no language
        ("*;q=0.5, en", False),
        ("", False),
        ("xx-YY;q=abc, DE;q=0.1", True),
    ],
)
def test_accept_language_with_q_values_and_wildcards(
    client: FlaskClient, alice: dict[str, str], header: str, matches: bool
) -> None:
    link = create(client, alice, rules=[rule("https://example.com/de", language="de")])
    expected = "https://example.com/de" if matches else "https://example.com/default"
    assert go(client, "/" + link["code"], **{"Accept-Language": header}) == expected


def test_forward_query_keeps_every_parameter_once_and_the_fragment(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(
        client, alice, target="https://example.com/page?a=1&b=2#section", forward_query=True
    )
    assert go(client, f"/{link['code']}?c=3&a=1&b=9") == (
        "https://example.com/page?a=1&b=2&c=3&b=9#section"
    )
    assert go(client, f"/{link['code']}") == "https://example.com/page?a=1&b=2#section"
    bare = create(client, alice, target="https://example.com/bare", forward_query=True)
    assert go(client, f"/{bare['code']}?q=hello+world") == "https://example.com/bare?q=hello+world"


def _variant_shares(client: FlaskClient, code: str, visitors: int) -> Counter[str]:
    rng = random.Random(1234)  # deterministic visitors
    seen: Counter[str] = Counter()
    for i in range(visitors):
        address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{i % 256}"
        agent = f"Mozilla/5.0 (visitor {rng.getrandbits(48):x})"
        response = client.get(
            "/" + code, headers={"User-Agent": agent}, environ_base={"REMOTE_ADDR": address}
        )
        seen[response.headers["Location"]] += 1
    return seen


def test_variant_weights_hold_over_many_visitors(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    weights = {"https://example.com/a": 1, "https://example.com/b": 2, "https://example.com/c": 7}
    link = create(client, alice, variants=[{"target": t, "weight": w} for t, w in weights.items()])
    visitors = 3000
    seen = _variant_shares(client, link["code"], visitors)
    total = sum(weights.values())
    for target, weight in weights.items():
        share = weight / total
        # Binomial: 5 standard deviations either side (a false alarm about once in 1.7 million).
        bound = 5 * math.sqrt(visitors * share * (1 - share))
        assert abs(seen[target] - visitors * share) <= bound, (target, seen)


def test_variants_are_sticky_per_visitor(client: FlaskClient, alice: dict[str, str]) -> None:
    link = create(
        client,
        alice,
        variants=[
            {"target": "https://example.com/a", "weight": 1},
            {"target": "https://example.com/b", "weight": 1},
        ],
    )
    for i in range(20):
        headers = {"User-Agent": f"agent-{i}"}
        env = {"REMOTE_ADDR": f"192.0.2.{i}"}
        answers = {
            client.get("/" + link["code"], headers=headers, environ_base=env).headers["Location"]
            for _ in range(5)
        }
        assert len(answers) == 1


def test_stats_count_clicks_per_rule_and_per_variant(
    app: Flask, client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(
        client,
        alice,
        rules=[rule("https://example.com/mobile", device="mobile")],
        variants=[
            {"target": "https://example.com/a", "weight": 1},
            {"target": "https://example.com/b", "weight": 1},
        ],
    )
    for _ in range(3):
        client.get("/" + link["code"], headers={"User-Agent": SAFARI_IPHONE})
    for i in range(10):
        client.get("/" + link["code"], headers={"User-Agent": f"desk {i}", "Accept": "*/*"})
    events = [fields for _, fields in _flushed(app)]
    assert sum(1 for e in events if e.get("ri") == "0") == 3
    assert sum(1 for e in events if "vi" in e) == 10
    drain(app)
    stats = client.get(f"/api/v1/links/{link['id']}/stats", headers=alice).get_json()
    assert stats["rules"] == [{"index": 0, "clicks": 3}]
    assert [v["target"] for v in stats["variants"]] == [
        "https://example.com/a",
        "https://example.com/b",
    ]
    assert sum(v["clicks"] for v in stats["variants"]) == 10
    csv = client.get(f"/api/v1/links/{link['id']}/stats.csv", headers=alice).get_data(as_text=True)
    assert "rule,0,,3" in csv and csv.count("\r\nvariant,") == 2


def drain(app: Flask) -> None:
    """Run the click worker over everything recorded so far."""
    buffer_of(app).flush()
    stores = context.stores_of(app)
    worker = ClickWorker(stores.redis, stores.db, consumer="test")
    worker.ensure_group()
    while worker.step(block_ms=0):
        pass


def _flushed(app: Flask) -> list[tuple[str, dict[str, str]]]:
    buffer_of(app).flush()
    entries: list[tuple[str, dict[str, str]]] = context.stores_of(app).redis.xrange(STREAM)
    return entries


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rules": [{"if": {}, "target": "https://x.example/"}]}, "rules.0.if"),
        (
            {"rules": [{"if": {"device": "fridge"}, "target": "https://x.example/"}]},
            "rules.0.if.device",
        ),
        (
            {"rules": [{"if": {"country": "Germany"}, "target": "https://x.example/"}]},
            "rules.0.if.country",
        ),
        (
            {"rules": [{"if": {"language": "de-DE"}, "target": "https://x.example/"}]},
            "rules.0.if.language",
        ),
        ({"rules": [{"if": {"os": "ios"}, "target": "javascript:alert(1)"}]}, "rules.0.target"),
        (
            {
                "rules": [
                    {
                        "if": {"after": "2030-01-02T00:00:00Z", "before": "2030-01-01T00:00:00Z"},
                        "target": "https://x.example/",
                    }
                ]
            },
            "rules.0.if",
        ),
        (
            {"rules": [{"if": {"after": "2030-01-02T00:00:00"}, "target": "https://x.example/"}]},
            "rules.0.if.after",
        ),
        ({"rules": [{"if": {"os": "ios"}, "target": "https://x.example/"}] * 21}, "rules"),
        ({"variants": [{"target": "https://x.example/", "weight": 1}]}, "variants"),
        ({"variants": [{"target": "https://x.example/", "weight": 0}] * 2}, "variants.0.weight"),
        ({"variants": [{"target": "https://x.example/", "weight": 1}] * 11}, "variants"),
        ({"variants": [{"target": "ftp://x.example/", "weight": 1}] * 2}, "variants.0.target"),
        ({"forward_query": "yes"}, "forward_query"),
        # MongoDB-wire stores refuse such field names: every store answers 422 (issue 22, item 8)
        (
            {"rules": [{"if": {"query": {"$where": "1"}}, "target": "https://x.example/"}]},
            "rules.0.if.query",
        ),
        (
            {"rules": [{"if": {"query": {"utm.source": "nl"}}, "target": "https://x.example/"}]},
            "rules.0.if.query",
        ),
        ({"expired_redirect": "not a url"}, "expired_redirect"),
        (
            {"valid_from": "2031-01-01T00:00:00Z", "expires_at": "2030-01-01T00:00:00Z"},
            "valid_from",
        ),
    ],
)
def test_bad_rules_and_variants_are_422_naming_the_field(
    client: FlaskClient, alice: dict[str, str], body: dict[str, Any], field: str
) -> None:
    response = client.post(
        "/api/v1/links", json={"target": "https://example.com/", **body}, headers=alice
    )
    assert response.status_code == 422, response.data
    assert response.mimetype == "application/problem+json"
    fields = {error["field"] for error in problem(response)["errors"]}
    assert any(f == field or f.startswith(field + ".") for f in fields), fields


def test_rules_and_variants_round_trip_and_can_be_removed(
    client: FlaskClient, alice: dict[str, str]
) -> None:
    link = create(
        client,
        alice,
        rules=[rule("https://example.com/m", device="mobile", after="2030-01-01T00:00:00+01:00")],
        variants=[
            {"target": "https://example.com/a", "weight": 3},
            {"target": "https://example.com/b", "weight": 1},
        ],
        forward_query=True,
    )
    assert link["rules"] == [
        {
            "if": {"device": ["mobile"], "after": "2029-12-31T23:00:00.000Z"},
            "target": "https://example.com/m",
        }
    ]
    assert link["variants"][0] == {"target": "https://example.com/a", "weight": 3}
    assert link["forward_query"] is True
    cleared = client.patch(
        f"/api/v1/links/{link['id']}",
        json={"rules": None, "variants": None, "forward_query": False},
        headers=alice,
    ).get_json()
    assert (cleared["rules"], cleared["variants"], cleared["forward_query"]) == ([], [], False)
    assert go(client, "/" + link["code"]) == "https://example.com/default"
