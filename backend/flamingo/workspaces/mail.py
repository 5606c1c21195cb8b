"""The invitation mail, sent through :mod:`flamingo.core.smtp` when ``SMTP_HOST`` is set."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage

from flamingo.core import smtp
from flamingo.core.config_identity import MailSettings
from flamingo.core.timefmt import iso


def accept_url(base_url: str, secret: str) -> str:
    """The SPA's accept page (it calls ``POST /api/v1/invitations/{token}/accept``)."""
    return f"{base_url}/app/invite/{secret}"


def compose(
    settings: MailSettings,
    base_url: str,
    to: str,
    workspace: str,
    *,
    inviter: str,
    secret: str,
    expires_at: datetime,
) -> EmailMessage:
    return smtp.message(
        settings,
        to,
        f"Join the workspace {workspace} on Flamingo",
        f"{inviter} invited you to the Flamingo workspace {workspace!r}.\n\n"
        f"Sign in as {to} and open this link to join:\n\n"
        f"  {accept_url(base_url, secret)}\n\n"
        f"The invitation works once, until {iso(expires_at)}.\n"
        "If you did not expect it, ignore this mail.\n",
    )


def send(settings: MailSettings, message: EmailMessage) -> bool:
    """Send it; False when SMTP is off or fails: the inviter still has the token from the API."""
    return smtp.send(settings, message, "invitation")
