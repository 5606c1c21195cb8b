"""The invitation mail, sent through :mod:`flamingo.core.smtp` when ``SMTP_HOST`` is set."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage

from flamingo.core import smtp
from flamingo.core.config import Settings
from flamingo.core.timefmt import iso


def accept_url(settings: Settings, secret: str) -> str:
    """The SPA's accept page (it calls ``POST /api/v1/invitations/{token}/accept``)."""
    return f"{settings.public_base_url}/app/invite/{secret}"


def compose(
    settings: Settings, to: str, workspace: str, *, inviter: str, secret: str, expires_at: datetime
) -> EmailMessage:
    return smtp.message(
        settings,
        to,
        f"Join the workspace {workspace} on Flamingo",
        f"{inviter} invited you to the Flamingo workspace {workspace!r}.\n\n"
        f"Sign in as {to} and open this link to join:\n\n"
        f"  {accept_url(settings, secret)}\n\n"
        f"The invitation works once, until {iso(expires_at)}.\n"
        "If you did not expect it, ignore this mail.\n",
    )


def send(settings: Settings, message: EmailMessage) -> bool:
    """Send it; False when SMTP is off or fails: the inviter still has the token from the API."""
    return smtp.send(settings, message, "invitation")
