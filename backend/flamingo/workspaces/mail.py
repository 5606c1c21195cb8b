"""Mailing an invitation through SMTP (stdlib ``smtplib``) when ``SMTP_HOST`` is set."""

from __future__ import annotations

import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage

from flamingo.core.config import Settings
from flamingo.core.log import get_logger
from flamingo.core.timefmt import iso

log = get_logger(__name__)
SMTP_TIMEOUT_SECONDS = 10  # connect and each command: an invitation never hangs a request


def accept_url(settings: Settings, secret: str) -> str:
    """The SPA's accept page (it calls ``POST /api/v1/invitations/{token}/accept``)."""
    return f"{settings.public_base_url}/app/invite/{secret}"


def compose(
    settings: Settings, to: str, workspace: str, *, inviter: str, secret: str, expires_at: datetime
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = f"Join the workspace {workspace} on Flamingo"
    message.set_content(
        f"{inviter} invited you to the Flamingo workspace {workspace!r}.\n\n"
        f"Sign in as {to} and open this link to join:\n\n"
        f"  {accept_url(settings, secret)}\n\n"
        f"The invitation works once, until {iso(expires_at)}.\n"
        "If you did not expect it, ignore this mail.\n"
    )
    return message


def send(settings: Settings, message: EmailMessage) -> bool:
    """Send it; False (and a warning, without the token) when the SMTP server refuses or is
    unreachable: the inviter still has the token from the API answer."""
    if settings.smtp_host is None:
        return False
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                password = (
                    settings.smtp_password.get_secret_value() if settings.smtp_password else ""
                )
                smtp.login(settings.smtp_username, password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning(
            "invitation mail not sent", error=type(exc).__name__, smtp_host=settings.smtp_host
        )
        return False
    return True
