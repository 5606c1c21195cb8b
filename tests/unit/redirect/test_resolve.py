"""The redirect decision on its own: every rule, with no app, cache or store involved."""

from __future__ import annotations

import dataclasses

import pytest

from flamingo.links.cache import CachedLink
from flamingo.redirect.resolve import NOT_FOUND, Outcome, cache_control, over_cap, resolve
from flamingo.redirect.visit import Visit

NOW = 1_800_000_000.0
MAX_AGE = 600
LINK = CachedLink(
    link_id="65f0c0ffee0000000000abcd",
    code="abc1234",
    target="https://example.com/landing",
    status=302,
    expires_at=None,
    max_clicks=None,
    protected=False,
    disabled=False,
)


def test_no_link_is_not_found() -> None:
    decision = resolve(None, Visit(NOW), permanent_max_age=MAX_AGE)
    assert decision is NOT_FOUND
    assert NOT_FOUND.status == 404 and NOT_FOUND.outcome is Outcome.NOT_FOUND


def test_a_plain_link_redirects_with_its_status_and_no_store() -> None:
    decision = resolve(LINK, Visit(NOW), permanent_max_age=MAX_AGE)
    assert decision.outcome is Outcome.REDIRECT and decision.plain
    assert (decision.status, decision.target) == (302, LINK.target)
    assert decision.cache_control == "private, no-store"


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirects_are_cached_for_the_max_age(status: int) -> None:
    decision = resolve(
        dataclasses.replace(LINK, status=status), Visit(NOW), permanent_max_age=MAX_AGE
    )
    assert decision.status == status and decision.cache_control == f"private, max-age={MAX_AGE}"


def test_a_permanent_redirect_is_never_cached_past_the_expiry() -> None:
    link = dataclasses.replace(LINK, status=301, expires_at=NOW + 42.5)
    assert cache_control(link, MAX_AGE, NOW) == "private, max-age=42"


def test_a_capped_permanent_redirect_is_not_cached_and_asks_for_the_cap() -> None:
    link = dataclasses.replace(LINK, status=308, max_clicks=3)
    decision = resolve(link, Visit(NOW), permanent_max_age=MAX_AGE)
    assert decision.outcome is Outcome.REDIRECT and not decision.plain
    assert decision.cap == 3 and decision.cache_control == "private, no-store"


def test_disabled_beats_everything_else() -> None:
    link = dataclasses.replace(LINK, disabled=True, protected=True, expires_at=NOW - 1)
    decision = resolve(link, Visit(NOW), permanent_max_age=MAX_AGE)
    assert (decision.outcome, decision.status) == (Outcome.GONE, 410)
    assert decision.reason == "This link has been disabled."


def test_expiry_is_inclusive_of_the_instant() -> None:
    link = dataclasses.replace(LINK, expires_at=NOW)
    assert resolve(link, Visit(NOW - 0.001), permanent_max_age=MAX_AGE).redirects
    gone = resolve(link, Visit(NOW), permanent_max_age=MAX_AGE)
    assert gone.outcome is Outcome.GONE and gone.reason == "This link has expired."


def test_a_protected_link_sends_to_the_unlock_page_until_unlocked() -> None:
    link = dataclasses.replace(LINK, protected=True)
    locked = resolve(link, Visit(NOW), permanent_max_age=MAX_AGE)
    assert (locked.outcome, locked.status) == (Outcome.UNLOCK, 302)
    assert locked.target == "/app/unlock/abc1234" and locked.cache_control == "no-store"
    unlocked = resolve(link, Visit(NOW, unlocked=True), permanent_max_age=MAX_AGE)
    assert unlocked.outcome is Outcome.REDIRECT and unlocked.target == LINK.target


def test_an_expired_protected_link_is_gone_not_locked() -> None:
    link = dataclasses.replace(LINK, protected=True, expires_at=NOW - 1)
    assert resolve(link, Visit(NOW), permanent_max_age=MAX_AGE).outcome is Outcome.GONE


def test_over_cap_is_a_410_with_its_reason() -> None:
    decision = over_cap(LINK, None)
    assert (decision.outcome, decision.status) == (Outcome.GONE, 410)
    assert decision.reason == "This link has reached its click limit."
