"""The ``users`` collection: the one place that builds its queries, and the user's fields.

A ``users`` document is a :class:`User` (named once here; the answers' ``User`` and ``AdminUser``
schemas are generated from :class:`UserOut` and :class:`AdminUser`)::

    _id             ObjectId   the user's id is ``str(_id)``
    email           str        normalised (trimmed, lower-case); unique
    password_hash   str        argon2id; empty for single sign-on accounts
    role            str        "user" or "admin"
    disabled        bool
    email_verified  bool | absent   absent on accounts from before verification (see below)
    oidc            {issuer, subject} | absent   the provider account linked at the first SSO
    created_at, updated_at   datetime (UTC)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, Literal

from bson import ObjectId
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from flamingo.core.ids import object_id
from flamingo.core.pagination import Page, keyset_page
from flamingo.core.timefmt import Timestamp, now

Document = dict[str, Any]
Role = Literal["user", "admin"]
ROLES: tuple[Role, ...] = ("user", "admin")


class EmailTaken(Exception):  # noqa: N818 - a domain outcome, not a failure
    """Another account already uses this (normalised) email."""


def _new_id() -> str:
    return str(ObjectId())


class UserOut(BaseModel):
    """A user as every API answer shows them (never the hash)."""

    model_config = ConfigDict(
        title="User",
        frozen=True,
        extra="ignore",
        validate_by_name=True,
        json_schema_serialization_defaults_required=True,
    )
    id: Annotated[str, BeforeValidator(str)] = Field(
        default_factory=_new_id, validation_alias="_id"
    )
    email: str = Field(description="Normalised (trimmed, lower-case).")
    role: Role = "user"
    email_verified: bool = Field(
        default=False,
        description="Whether the owner of `email` proved it (the link of "
        "`POST /api/v1/auth/verify-email`, or single sign-on with the provider's "
        "`email_verified`); needed to accept a workspace invitation.",
    )
    created_at: Timestamp


class AdminUser(UserOut):
    """A user as administrators see them: with ``disabled``."""

    model_config = ConfigDict(title="AdminUser")
    disabled: bool = False


class OidcAccount(BaseModel):
    model_config = ConfigDict(frozen=True)
    issuer: str
    subject: str


class User(AdminUser):
    """A stored user (the ``users`` collection); only this module turns it into a document."""

    model_config = ConfigDict(title="StoredUser")
    password_hash: str = ""
    oidc: OidcAccount | None = None
    updated_at: datetime | None = None

    @model_validator(mode="before")
    @classmethod
    def _legacy(cls, data: Any) -> Any:
        if not isinstance(data, Mapping) or data.get("email_verified") is not None:
            return data
        # Accounts from before email verification: only admins (vouched for by whoever ran
        # create-admin) and single sign-on accounts (the provider verified the address) are
        # trusted; every other one proves its address once (docs/security.md).
        trusted = data.get("role", "user") == "admin" or bool(data.get("oidc"))
        return {**data, "email_verified": trusted}

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> User:
        return cls.model_validate(doc)

    def to_doc(self) -> Document:
        doc = {"_id": ObjectId(self.id), **self.model_dump(exclude={"id"})}
        return {k: v for k, v in doc.items() if v is not None}

    def out(self) -> UserOut:
        return UserOut.model_validate(self.model_dump(include=set(UserOut.model_fields)))

    def admin_view(self) -> AdminUser:
        return AdminUser.model_validate(self.model_dump(include=set(AdminUser.model_fields)))


class AdminUserPage(BaseModel):
    model_config = ConfigDict(frozen=True)
    items: list[AdminUser]
    next_cursor: str | None


def normalise_email(email: str) -> str:
    """Trim and lower-case; what the unique index compares."""
    return email.strip().lower()


class Users:
    def __init__(self, db: Database[Document]) -> None:
        self.collection = db["users"]

    def get(self, user_id: str) -> User | None:
        oid = object_id(user_id)
        if oid is None:
            return None
        doc = self.collection.find_one({"_id": oid})
        return User.from_doc(doc) if doc else None

    def emails_of(self, user_ids: Sequence[str]) -> dict[str, str]:
        """``{user_id: email}`` of the users that exist, in one ``$in`` query (audit labels)."""
        oids = [oid for oid in map(object_id, user_ids) if oid is not None]
        docs = self.collection.find({"_id": {"$in": oids}}, {"email": 1})
        return {str(doc["_id"]): str(doc["email"]) for doc in docs}

    def all_ids(self) -> Iterator[str]:
        """Every user's id, oldest first (migrations walk them)."""
        for doc in self.collection.find({}, {"_id": 1}).sort("_id", 1):
            yield str(doc["_id"])

    def by_email(self, email: str) -> User | None:
        doc = self.collection.find_one({"email": normalise_email(email)})
        return User.from_doc(doc) if doc else None

    def by_oidc(self, issuer: str, subject: str) -> User | None:
        """The user a provider's account was linked to at its first single sign-on."""
        doc = self.collection.find_one({"oidc.subject": subject, "oidc.issuer": issuer})
        return User.from_doc(doc) if doc else None

    def oidc_subject(self, user_id: str, issuer: str) -> str | None:
        """The provider account (``sub``) linked to this user at ``issuer``, if any."""
        doc = self.collection.find_one({"_id": ObjectId(user_id)}, {"oidc": 1})
        linked = (doc or {}).get("oidc") or {}
        return linked.get("subject") if linked.get("issuer") == issuer else None

    def link_oidc(self, user_id: str, issuer: str, subject: str) -> None:
        self.collection.update_one(
            {"_id": ObjectId(user_id)},
            {"$set": {"oidc": {"issuer": issuer, "subject": subject}, "updated_at": now()}},
        )

    def create(
        self,
        email: str,
        password_hash: str,
        role: str = "user",
        oidc: tuple[str, str] | None = None,
        *,
        email_verified: bool = False,
    ) -> User:
        """A new user; ``password_hash`` is empty for accounts made by single sign-on (no
        password verifies against it), ``oidc`` their ``(issuer, subject)``."""
        moment = now()
        user = User.model_validate(
            {
                "email": normalise_email(email),
                "password_hash": password_hash,
                "role": role,
                "email_verified": email_verified,
                "oidc": None if oidc is None else {"issuer": oidc[0], "subject": oidc[1]},
                "created_at": moment,
                "updated_at": moment,
            }
        )
        # The unique index settles races; this read gives the same answer where it is missing.
        if self.collection.find_one({"email": user.email}, {"_id": 1}) is not None:
            raise EmailTaken(user.email)
        try:
            self.collection.insert_one(user.to_doc())
        except DuplicateKeyError:
            raise EmailTaken(user.email) from None
        return user

    def set_password_hash(self, user_id: str, password_hash: str) -> None:
        self.collection.update_one(
            {"_id": ObjectId(user_id)},
            {"$set": {"password_hash": password_hash, "updated_at": now()}},
        )

    def mark_email_verified(self, user_id: str, email: str) -> bool:
        """Record that the owner of ``email`` proved it; False when the account's email is no
        longer that one (a proof for an old address proves nothing about the new one)."""
        oid = object_id(user_id)
        if oid is None:
            return False
        result = self.collection.update_one(
            {"_id": oid, "email": normalise_email(email)},
            {"$set": {"email_verified": True, "updated_at": now()}},
        )
        return result.matched_count == 1

    def set_role(self, user_id: str, role: str) -> None:
        self.collection.update_one(
            {"_id": ObjectId(user_id)}, {"$set": {"role": role, "updated_at": now()}}
        )

    def set_disabled(self, user_id: str, disabled: bool) -> User | None:
        oid = object_id(user_id)
        if oid is None:
            return None
        self.collection.update_one(
            {"_id": oid}, {"$set": {"disabled": disabled, "updated_at": now()}}
        )
        return self.get(user_id)

    def page(self, cursor: str | None, limit: int) -> Page[User]:
        """Users in signup order (see :mod:`flamingo.core.pagination`)."""
        return keyset_page(
            self.collection,
            {},
            cursor=cursor,
            limit=limit,
            newest_first=False,
            convert=User.from_doc,
        )
