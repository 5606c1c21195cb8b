"""Account rules: signup, login (with rehash), password change. No HTTP here."""

from __future__ import annotations

import re

from flask import Flask

from flamingo.accounts.oidc import Identity, OidcError
from flamingo.accounts.passwords import (
    MAX_PASSWORD_CHARS,
    burn_verify,
    hash_password,
    needs_rehash,
    verify_password,
)
from flamingo.accounts.users import EmailTaken, User, Users, normalise_email
from flamingo.core import context
from flamingo.core.config_sections import SecuritySettings
from flamingo.core.problems import Problem, field_problem

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
MAX_EMAIL_CHARS = 254
INVALID_LOGIN = "invalid email or password"


def invalid_field(field: str, message: str, slug: str = "validation-error") -> Problem:
    return field_problem(422, slug, field, message, detail=f"invalid fields: {field}")


def valid_email(email: str) -> str:
    normalised = normalise_email(email)
    if len(normalised) > MAX_EMAIL_CHARS or not _EMAIL.match(normalised):
        raise invalid_field("email", "not a valid email address")
    return normalised


class AccountService:
    """The account rules of one app (``context.service(AccountService)``)."""

    def __init__(self, settings: SecuritySettings, users: Users) -> None:
        self.settings = settings
        self.users = users

    @classmethod
    def build(cls, app: Flask) -> AccountService:
        return cls(context.settings_of(app).security, Users(context.stores_of(app).db))

    def check_new_password(self, password: str, field: str = "password") -> None:
        minimum = self.settings.password_min_length
        if len(password) < minimum:
            raise invalid_field(field, f"use at least {minimum} characters", "weak-password")
        if len(password) > MAX_PASSWORD_CHARS:
            raise invalid_field(field, f"use at most {MAX_PASSWORD_CHARS} characters")

    def signup(self, email: str, password: str, role: str = "user") -> User:
        address = valid_email(email)
        self.check_new_password(password)
        try:
            # An admin is made by whoever runs the instance, who vouches for the address.
            return self.users.create(
                address,
                hash_password(self.settings, password),
                role=role,
                email_verified=role == "admin",
            )
        except EmailTaken:
            raise field_problem(
                409, "email-taken", "email", "an account with this email already exists"
            ) from None

    def login(self, email: str, password: str) -> User:
        """The user these credentials belong to; one answer for every kind of failure."""
        settings, users = self.settings, self.users
        failure = Problem(401, "invalid-credentials", INVALID_LOGIN)
        if len(password) > MAX_PASSWORD_CHARS:
            raise failure
        user = users.by_email(email)
        if user is None:
            burn_verify(settings, password)  # an unknown email takes as long as a wrong password
            raise failure
        if not verify_password(settings, user.password_hash, password) or user.disabled:
            raise failure
        if needs_rehash(settings, user.password_hash):
            users.set_password_hash(user.id, hash_password(settings, password))
        return user

    def change_password(self, user: User, current: str, new: str) -> None:
        if len(current) > MAX_PASSWORD_CHARS or not verify_password(
            self.settings, user.password_hash, current
        ):
            raise invalid_field(
                "current_password", "the current password is wrong", "wrong-password"
            )
        self.check_new_password(new, field="new_password")
        self.users.set_password_hash(user.id, hash_password(self.settings, new))

    def ensure_admin(self, email: str, password: str | None) -> str:
        """Create an admin, or promote an existing user; returns "created" or "promoted"."""
        users = self.users
        existing = users.by_email(valid_email(email))
        if existing is not None:
            users.set_role(existing.id, "admin")
            users.mark_email_verified(existing.id, existing.email)
            if password is not None:
                self.check_new_password(password)
                users.set_password_hash(existing.id, hash_password(self.settings, password))
            return "promoted"
        if password is None:
            raise invalid_field("password", "a new admin needs a password")
        self.signup(email, password, role="admin")
        return "created"

    def bootstrap_admin(self, email: str, password: str) -> User:
        """``ADMIN_EMAIL`` / ``ADMIN_PASSWORD`` of an embedded instance: its admin, at start."""
        self.ensure_admin(email, password)
        admin = self.users.by_email(email)
        if admin is None:  # ensure_admin made or promoted it a moment ago
            raise RuntimeError(f"admin {email} vanished")
        return admin

    def sso_user(self, identity: Identity) -> tuple[User, bool, bool]:
        """The account of a verified single sign-on, made at its first sign-in: ``(user,
        created, taken_over)``, ``taken_over`` when an unverified account of that email became
        verified here (its password was cleared; the caller ends its sessions).

        Found by the provider's ``(issuer, sub)``, else by the verified email (an existing
        password account is linked to the provider account then); an account already linked to
        another provider account of the same issuer is refused, and so is a disabled one.
        """
        users = self.users
        user = users.by_oidc(identity.issuer, identity.subject)
        created = taken_over = False
        if user is None:
            user = users.by_email(identity.email)
            if user is None:
                try:
                    user = users.create(
                        identity.email,
                        "",
                        oidc=(identity.issuer, identity.subject),
                        email_verified=True,  # Identity is only made with email_verified true
                    )
                    created = True
                except EmailTaken:  # a concurrent first sign-in made it a moment ago
                    user = users.by_email(identity.email)
                    if user is None:
                        raise
            if not created:
                linked = users.oidc_subject(user.id, identity.issuer)
                if linked is not None and linked != identity.subject:
                    raise OidcError(
                        "account-mismatch", "this email belongs to another account of the provider"
                    )
                if linked is None:
                    users.link_oidc(user.id, identity.issuer, identity.subject)
                if not user.email_verified:
                    # The provider verified this address (Identity); whoever set the password of
                    # this unverified account may not be its owner: that password stops working.
                    users.set_password_hash(user.id, "")
                    users.mark_email_verified(user.id, identity.email)
                    user = users.get(user.id) or user
                    taken_over = True
        if user.disabled:
            raise OidcError("account-disabled", "this account is disabled")
        return user, created, taken_over
