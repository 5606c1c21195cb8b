"""Email verification: a link per signup (logged without SMTP, mailed with it), single use,
expiring, replaced by a resend; an unverified account cannot accept an invitation."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.accounts.oidc import Identity
from flamingo.accounts.passwords import hash_password
from flamingo.accounts.service import AccountService
from flamingo.accounts.users import Users
from flamingo.core import context
from flamingo.core.problems import Problem
from flamingo.core.timefmt import now
from tests.conftest import problem
from tests.support.workspaces import World, build_world
from tests.unit.accounts.test_accounts import PASSWORD, accounts_app, csrf, signup
from tests.unit.workspaces.test_invitation_mail import Inbox, smtp  # noqa: F401 - smtp: the fixture

LOGGED = re.compile(r"email verification link for (\S+): (https?://[^\s'\"]+)")


def _slug(response: Any) -> str:
    return str(problem(response)["type"]).rsplit("/", 1)[-1]


def _links(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    """(email, link) of every verification line logged so far, one per log record."""
    found = []
    for record in caplog.records:
        matches = LOGGED.findall(record.getMessage())
        assert len(matches) <= 1
        found.extend(matches)
    return found


def _token(link: str) -> str:
    return link.rsplit("/", 1)[-1]


@pytest.fixture
def app() -> Flask:
    return accounts_app(
        RATELIMIT_VERIFY_EMAIL="2/hour",
        RATELIMIT_SIGNUP="1000/hour",
        PUBLIC_BASE_URL="https://fl.example",
    )


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


def _invite(world: World, email: str) -> str:
    answer = world["owner"].call(
        "POST",
        f"/api/v1/workspaces/{world.workspace_id}/invitations",
        {"email": email, "role": "member"},
    )
    assert answer.status_code == 201, answer.data
    return str(answer.get_json()["token"])


def test_signup_logs_one_verification_link_without_smtp(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        user = signup(client, "Ann@Example.com")
    assert user["email_verified"] is False
    [(email, link)] = _links(caplog)
    assert email == "ann@example.com"
    assert re.fullmatch(r"https://fl.example/app/verify-email/flv_[A-Za-z0-9_-]{43}", link)


def test_an_unverified_invitee_is_refused_until_the_link_is_opened(
    app: Flask, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    token = _invite(world, "carol@example.com")
    carol = app.test_client()
    with caplog.at_level(logging.INFO):
        signup(carol, "carol@example.com")
    [(_, link)] = [found for found in _links(caplog) if found[0] == "carol@example.com"]
    assert link.startswith("https://fl.example/app/verify-email/")

    refused = carol.post(f"/api/v1/invitations/{token}/accept", headers=csrf(carol))
    assert refused.status_code == 403 and _slug(refused) == "email-unverified"
    body = problem(refused)
    assert "carol@example.com" in body["detail"] and "verification link" in body["detail"]
    assert body["resend_url"] == "/api/v1/auth/verify-email/resend"

    # The link works in any browser: no session needed.
    verified = app.test_client().post("/api/v1/auth/verify-email", json={"token": _token(link)})
    assert verified.status_code == 200, verified.data
    assert verified.get_json() == {"email": "carol@example.com", "email_verified": True}
    assert carol.get("/api/v1/me").get_json()["email_verified"] is True
    joined = carol.post(f"/api/v1/invitations/{token}/accept", headers=csrf(carol))
    assert joined.status_code == 200, joined.data

    audit = world["instance_admin"].call("GET", "/api/v1/admin/audit?action=user.verify_email")
    [entry] = audit.get_json()["items"]
    assert entry["target_id"] == entry["actor_id"] and entry["changes"] == {
        "email": "carol@example.com"
    }


def test_a_link_works_once_and_not_after_it_expires(
    app: Flask, client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        signup(client, "dan@example.com")
    [(_, link)] = _links(caplog)
    other = app.test_client()
    assert other.post("/api/v1/auth/verify-email", json={"token": _token(link)}).status_code == 200
    again = other.post("/api/v1/auth/verify-email", json={"token": _token(link)})
    assert again.status_code == 409 and _slug(again) == "verification-used"

    with caplog.at_level(logging.INFO):
        signup(other, "eve@example.com")
    [(_, late)] = [found for found in _links(caplog) if found[0] == "eve@example.com"]
    context.stores_of(app).db["email_verifications"].update_many(
        {"email": "eve@example.com"}, {"$set": {"expires_at": now() - timedelta(seconds=1)}}
    )
    expired = other.post("/api/v1/auth/verify-email", json={"token": _token(late)})
    assert expired.status_code == 410 and _slug(expired) == "verification-expired"
    assert other.get("/api/v1/me").get_json()["email_verified"] is False


@pytest.mark.parametrize(
    ("body", "status", "slug"),
    [
        ({"token": "flv_" + "x" * 43}, 404, "verification-not-found"),
        ({"token": "fli_" + "x" * 43}, 404, "verification-not-found"),
        ({"token": "flv_" + "x" * 150}, 404, "verification-not-found"),
        ({"token": "flv_\ud800" + "x" * 40}, 422, "validation-error"),
        ({"token": "flv_\u00e9" + "x" * 40}, 404, "verification-not-found"),
        ({"token": ""}, 422, "validation-error"),
        ({"token": 7}, 422, "validation-error"),
        ({}, 422, "validation-error"),
    ],
)
def test_a_bad_token_is_a_clear_problem(
    client: FlaskClient, body: dict[str, Any], status: int, slug: str
) -> None:
    answer = client.post("/api/v1/auth/verify-email", json=body)
    assert answer.status_code == status and _slug(answer) == slug


def test_a_resent_link_replaces_the_old_one_and_resends_are_limited(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    assert client.post("/api/v1/auth/verify-email/resend").status_code == 401
    with caplog.at_level(logging.INFO):
        signup(client, "fay@example.com")
        resent = client.post("/api/v1/auth/verify-email/resend", headers=csrf(client))
    assert resent.status_code == 202, resent.data
    assert resent.get_json() == {"email": "fay@example.com", "mailed": False}
    first, second = (link for _, link in _links(caplog))
    assert first != second
    old = client.post("/api/v1/auth/verify-email", json={"token": _token(first)})
    assert old.status_code == 404 and _slug(old) == "verification-not-found"
    assert client.post("/api/v1/auth/verify-email/resend", headers=csrf(client)).status_code == 202
    limited = client.post("/api/v1/auth/verify-email/resend", headers=csrf(client))
    assert limited.status_code == 429 and "Retry-After" in limited.headers


def test_a_verified_user_is_not_sent_another_link(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        signup(client, "gus@example.com")
    [(_, link)] = _links(caplog)
    assert client.post("/api/v1/auth/verify-email", json={"token": _token(link)}).status_code == 200
    again = client.post("/api/v1/auth/verify-email/resend", headers=csrf(client))
    assert again.status_code == 409 and _slug(again) == "already-verified"


def test_accounts_from_before_verification(app: Flask) -> None:
    """Older documents have no ``email_verified``: admins and SSO accounts count as verified."""
    users = context.stores_of(app).db["users"]
    for email, extra in (
        ("old-user@example.com", {}),
        ("old-admin@example.com", {"role": "admin"}),
        ("old-sso@example.com", {"oidc": {"issuer": "https://idp", "subject": "1"}}),
    ):
        users.insert_one(
            {"email": email, "password_hash": "", "role": "user", "created_at": now(), **extra}
        )
    verified = {
        u.email: u.email_verified for u in Users(context.stores_of(app).db).page(None, 10).items
    }
    assert verified == {
        "old-user@example.com": False,
        "old-admin@example.com": True,
        "old-sso@example.com": True,
    }


def test_single_sign_on_verifies_and_takes_over_an_unverified_account(app: Flask) -> None:
    """The provider verified the address; whoever set the unverified account's password may not
    own it, so that password stops working."""
    settings = context.settings_of(app)
    users = Users(context.stores_of(app).db)
    squatter = users.create("hal@example.com", hash_password(settings.security, PASSWORD))
    identity = Identity("https://idp.example", "sub-1", "hal@example.com", None)
    accounts = context.service_of(app, AccountService)
    user, created, taken_over = accounts.sso_user(identity)
    assert not created and taken_over and user.id == squatter.id and user.email_verified
    with pytest.raises(Problem):
        accounts.login("hal@example.com", PASSWORD)
    again = accounts.sso_user(identity)
    assert again == (user, False, False)  # the next sign-in changes nothing
    fresh, created, _ = accounts.sso_user(
        Identity("https://idp.example", "sub-2", "ivy@example.com", None)
    )
    assert created and fresh.email_verified


def test_with_smtp_the_link_is_mailed_not_logged(
    smtp: tuple[Inbox, int],  # noqa: F811 - the imported fixture
    caplog: pytest.LogCaptureFixture,
) -> None:
    inbox, port = smtp
    app = accounts_app(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(port),
        SMTP_USERNAME="flamingo",
        SMTP_PASSWORD="s3cret",
        SMTP_STARTTLS="false",
        SMTP_FROM="links@example.com",
        PUBLIC_BASE_URL="https://flamingo.example",
    )
    client = app.test_client()
    with caplog.at_level(logging.INFO):
        signup(client, "Jo@Example.com")
    assert _links(caplog) == []
    [(envelope, message)] = inbox.messages
    assert envelope.rcpt_tos == ["jo@example.com"]
    assert message["Subject"] == "Confirm your email address for Flamingo"
    text = message.get_payload(decode=True)
    assert isinstance(text, bytes)
    [link] = re.findall(r"https://flamingo\.example/app/verify-email/\S+", text.decode())
    assert client.post("/api/v1/auth/verify-email", json={"token": _token(link)}).status_code == 200
    resent = client.post("/api/v1/auth/verify-email/resend", headers=csrf(client))
    assert resent.status_code == 409  # verified now
