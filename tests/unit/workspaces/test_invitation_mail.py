"""Invitation mails through a real SMTP server on loopback (aiosmtpd), with SMTP AUTH; and an
unreachable server, which leaves the invitation made and its token with the inviter."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword

from tests.support.processes import free_port
from tests.support.workspaces import build_world
from tests.unit.accounts.test_accounts import accounts_app


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[Envelope, Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        content = envelope.content if isinstance(envelope.content, bytes) else b""
        self.messages.append((envelope, message_from_bytes(content)))
        return "250 OK"


def _authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        b"flamingo",
        b"s3cret",
    )
    return AuthResult(success=ok)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticator,
        auth_require_tls=False,  # loopback only: the tests' server has no certificate
    )
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_an_invitation_is_mailed_when_smtp_is_configured(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    app = accounts_app(
        RATELIMIT_ENABLED="false",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(port),
        SMTP_USERNAME="flamingo",
        SMTP_PASSWORD="s3cret",
        SMTP_STARTTLS="false",
        SMTP_FROM="links@example.com",
        PUBLIC_BASE_URL="https://flamingo.example",
    )
    world = build_world(app)  # it invites invitee@example.com
    owner = world["owner"]
    answer = owner.call(
        "POST",
        f"/api/v1/workspaces/{world.workspace_id}/invitations",
        {"email": "Dave@Example.com", "role": "member"},
    )
    assert answer.status_code == 201, answer.data
    body = answer.get_json()
    assert body["mailed"] is True
    envelope, message = inbox.messages[-1]
    assert envelope.rcpt_tos == ["dave@example.com"]
    assert envelope.mail_from == "links@example.com"
    assert message["Subject"] == "Join the workspace Team on Flamingo"
    text = message.get_payload(decode=True)
    assert isinstance(text, bytes)
    assert f"https://flamingo.example/app/invite/{body['token']}" in text.decode()
    assert "owner@example.com" in text.decode()
    invitations = [m for _, m in inbox.messages if m["Subject"].startswith("Join the workspace")]
    assert len(invitations) == 2


def test_an_unreachable_smtp_server_still_makes_the_invitation() -> None:
    app = accounts_app(
        RATELIMIT_ENABLED="false",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(free_port()),  # nobody listens
        SMTP_STARTTLS="false",
    )
    world = build_world(app)
    answer = world["owner"].call(
        "POST",
        f"/api/v1/workspaces/{world.workspace_id}/invitations",
        {"email": "erin@example.com", "role": "viewer"},
    )
    assert answer.status_code == 201
    assert answer.get_json()["mailed"] is False and answer.get_json()["token"].startswith("fli_")
