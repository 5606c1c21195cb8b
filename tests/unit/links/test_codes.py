"""Random codes, aliases and the reserved list."""

from __future__ import annotations

import pytest
from flask import Flask
from pymongo.errors import DuplicateKeyError

from flamingo.app import create_app
from flamingo.core import context
from flamingo.core.problems import Problem
from flamingo.links import codes
from flamingo.links.codes import AliasError, check_alias, random_code
from flamingo.links.models import LinkCreate
from flamingo.links.repository import LinkRepository
from flamingo.links.reserved import RESERVED_ALIASES, is_reserved
from flamingo.links.service import LinkService
from tests.conftest import make_settings


@pytest.mark.parametrize("length", [5, 7, 12])
def test_random_codes_are_base62_of_the_length(length: int) -> None:
    drawn = {random_code(length) for _ in range(500)}
    assert len(drawn) == 500
    assert all(len(c) == length and set(c) <= set(codes.BASE62) for c in drawn)


def test_random_codes_skip_reserved_names(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = iter("healthz" + "abcdefg")
    monkeypatch.setattr(codes.secrets, "choice", lambda _: next(draws))
    assert random_code(7) == "abcdefg"


@pytest.mark.parametrize("alias", ["abc", "A-b_9", "x" * 64, "My-Alias"])
def test_good_aliases(alias: str) -> None:
    assert check_alias(alias) == alias


@pytest.mark.parametrize(
    ("alias", "slug"),
    [
        ("ab", "invalid-alias"),
        ("x" * 65, "invalid-alias"),
        ("has space", "invalid-alias"),
        ("dot.ted", "invalid-alias"),
        ("ünï", "invalid-alias"),
        ("app", "reserved-alias"),
        ("Healthz", "reserved-alias"),
        ("METRICS", "reserved-alias"),
    ],
)
def test_bad_aliases(alias: str, slug: str) -> None:
    with pytest.raises(AliasError) as caught:
        check_alias(alias)
    assert caught.value.slug == slug


def test_every_top_level_route_of_the_app_is_reserved() -> None:
    app = create_app(make_settings(LOG_REQUESTS="false"))
    for rule in app.url_map.iter_rules():
        first = rule.rule.strip("/").split("/")[0]
        if first and not first.startswith("<"):
            assert is_reserved(first), f"/{first} is a route but not a reserved alias"
    for name in ("app", "api", "static", "assets", "nginx-healthz", "favicon.ico", "robots.txt"):
        assert name in RESERVED_ALIASES


def test_a_colliding_random_code_is_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    app: Flask = create_app(make_settings(LOG_REQUESTS="false"))
    draws = iter(["taken01", "taken01", "fresh01"])
    monkeypatch.setattr("flamingo.links.service.random_code", lambda _length: next(draws))
    with app.app_context():
        service = context.service_of(app, LinkService)
        first = service.create("u1", LinkCreate(target="https://example.com/1"))
        second = service.create("u1", LinkCreate(target="https://example.com/2"))
    assert (first.code, second.code) == ("taken01", "fresh01")


def test_code_space_exhausted_is_503(monkeypatch: pytest.MonkeyPatch) -> None:
    app: Flask = create_app(make_settings(LOG_REQUESTS="false"))

    def always_taken(self: LinkRepository, doc: dict[str, object]) -> None:
        raise DuplicateKeyError("E11000")

    monkeypatch.setattr(LinkRepository, "insert", always_taken)
    with app.app_context(), pytest.raises(Problem) as caught:
        context.service_of(app, LinkService).create(
            "u1", LinkCreate(target="https://example.com/1")
        )
    assert caught.value.status == 503
