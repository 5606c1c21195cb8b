"""Email verification: proof that a user owns their email, before they may accept an invitation.

A link ``<PUBLIC_BASE_URL>/app/verify-email/<token>`` goes to the address (mailed through SMTP;
without ``SMTP_HOST`` the server logs it, one line). The token (``flv_`` + 256 random bits) is
single use and expires after ``EMAIL_VERIFICATION_TTL_HOURS``; only its SHA-256 is stored, bound
to the user and the address it was sent to. A new link replaces the user's older ones.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bson import ObjectId
from flask import Flask
from pymongo import ReturnDocument
from pymongo.database import Database

from flamingo.accounts.users import User, Users
from flamingo.core import context, smtp
from flamingo.core.config_identity import MailSettings
from flamingo.core.log import get_logger
from flamingo.core.problems import Problem
from flamingo.core.timefmt import aware, iso, now

log = get_logger(__name__)
TOKEN_PREFIX = "flv_"  # noqa: S105 - a prefix, not a secret
# What new_secret makes; anything else is refused before it is hashed (or reaches a query).
_TOKEN_SHAPE = re.compile(r"flv_[A-Za-z0-9_-]{20,96}")
Document = dict[str, Any]


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def verify_url(base_url: str, secret: str) -> str:
    """The SPA's page, which posts the token to ``POST /api/v1/auth/verify-email``."""
    return f"{base_url}/app/verify-email/{secret}"


@dataclass(frozen=True)
class Proof:
    """A spent token: who proved which address."""

    user_id: str
    email: str


class Verifications:
    """The ``email_verifications`` collection."""

    def __init__(self, db: Database[Document]) -> None:
        self.collection = db["email_verifications"]

    def issue(self, user: User, ttl: timedelta) -> tuple[str, Document]:
        """A new token for ``user``'s current email; the user's unused older ones stop working."""
        self.collection.delete_many({"user_id": ObjectId(user.id), "used_at": None})
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        moment = now()
        doc: Document = {
            "user_id": ObjectId(user.id),
            "email": user.email,
            "token_hash": _hash(secret),
            "created_at": moment,
            "expires_at": moment + ttl,
            "used_at": None,
        }
        doc["_id"] = self.collection.insert_one(doc).inserted_id
        return secret, doc

    def spend(self, secret: str) -> Proof:
        """Use a token once: 404 unknown (or replaced), 409 used, 410 expired."""
        if not _TOKEN_SHAPE.fullmatch(secret):
            raise invalid_link()
        doc = self.collection.find_one({"token_hash": _hash(secret)})
        if doc is None:
            raise invalid_link()
        if doc.get("used_at") is not None:
            raise Problem(409, "verification-used", "this verification link has been used already")
        expires_at = aware(doc["expires_at"])
        if expires_at is not None and expires_at <= now():
            raise Problem(
                410,
                "verification-expired",
                "this verification link has expired: sign in and ask for a new one",
            )
        # The filter on used_at makes two concurrent uses of one token one success.
        spent = self.collection.find_one_and_update(
            {"_id": doc["_id"], "used_at": None},
            {"$set": {"used_at": now()}},
            return_document=ReturnDocument.AFTER,
        )
        if spent is None:
            raise Problem(409, "verification-used", "this verification link has been used already")
        return Proof(str(doc["user_id"]), doc["email"])


def invalid_link() -> Problem:
    return Problem(
        404,
        "verification-not-found",
        "this verification link is not valid: it may be incomplete, or a newer one was sent",
    )


class EmailVerification:
    """Verification links of one app (``context.service(EmailVerification)``): issued and
    mailed (or logged), then spent."""

    def __init__(
        self, mail: MailSettings, base_url: str, verifications: Verifications, users: Users
    ) -> None:
        self.mail = mail
        self.base_url = base_url
        self.verifications = verifications
        self.users = users

    @classmethod
    def build(cls, app: Flask) -> EmailVerification:
        settings, db = context.settings_of(app), context.stores_of(app).db
        return cls(settings.mail, settings.server.public_base_url, Verifications(db), Users(db))

    def send_link(self, user: User) -> bool:
        """Issue a link for ``user`` and mail it; without SMTP, log it (one line). True if
        mailed."""
        settings = self.mail
        ttl = timedelta(hours=settings.email_verification_ttl_hours)
        secret, doc = self.verifications.issue(user, ttl)
        link = verify_url(self.base_url, secret)
        if settings.smtp_host is None:
            # No mail server (e.g. `make run`): whoever runs the instance copies the link here.
            log.info(f"email verification link for {user.email}: {link}")
            return False
        mail = smtp.message(
            settings,
            user.email,
            "Confirm your email address for Flamingo",
            f"Open this link to confirm that {user.email} is yours:\n\n"
            f"  {link}\n\n"
            f"It works once, until {iso(doc['expires_at'])}. You need it to join workspaces you "
            "are\ninvited to. If you did not sign up for Flamingo, ignore this mail.\n",
        )
        return smtp.send(settings, mail, "verification")

    def verify(self, secret: str) -> User:
        """Spend the token and mark its user's address verified; the user as it is now."""
        proof = self.verifications.spend(secret)
        if not self.users.mark_email_verified(proof.user_id, proof.email):
            raise invalid_link()  # the account is gone, or its email is no longer this one
        user = self.users.get(proof.user_id)
        if user is None:
            raise invalid_link()
        return user


def require_unverified(user: User) -> None:
    if user.email_verified:
        raise Problem(409, "already-verified", f"{user.email} is verified already")


def require_verified(user: User) -> None:
    """403 ``email-unverified`` for an account that has not proved its address yet."""
    if not user.email_verified:
        raise Problem(
            403,
            "email-unverified",
            f"confirm your email address first: open the verification link sent to {user.email} "
            "(or ask for a new one), then accept the invitation again",
            resend_url="/api/v1/auth/verify-email/resend",
        )
