"""Sending a mail through SMTP (stdlib ``smtplib``) when ``SMTP_HOST`` is set: the one transport
of invitations (flamingo.workspaces.mail) and email verification (flamingo.accounts.verification).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from flamingo.core.config_identity import MailSettings
from flamingo.core.log import get_logger

log = get_logger(__name__)
SMTP_TIMEOUT_SECONDS = 10  # connect and each command: a mail never hangs a request


def message(settings: MailSettings, to: str, subject: str, body: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.smtp_from
    mail["To"] = to
    mail["Subject"] = subject
    mail.set_content(body)
    return mail


def send(settings: MailSettings, mail: EmailMessage, what: str) -> bool:
    """Send it; False without ``SMTP_HOST``, and False (with a warning naming ``what``, never the
    mail's content: it carries a secret link) when the server refuses or is unreachable."""
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
            smtp.send_message(mail)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning(f"{what} mail not sent", error=type(exc).__name__, smtp_host=settings.smtp_host)
        return False
    return True
