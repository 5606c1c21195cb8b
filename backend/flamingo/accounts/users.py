"""The ``users`` collection: the one place that builds its queries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bson import ObjectId
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from flamingo.core.ids import object_id
from flamingo.core.pagination import Page, keyset_page
from flamingo.core.timefmt import iso, now

Document = dict[str, Any]
ROLES = ("user", "admin")


class EmailTaken(Exception):  # noqa: N818 - a domain outcome, not a failure
    """Another account already uses this (normalised) email."""


@dataclass(frozen=True)
class User:
    id: str
    email: str
    role: str
    disabled: bool
    password_hash: str
    created_at: datetime
    email_verified: bool = False

    @classmethod
    def from_doc(cls, doc: Document) -> User:
        role = doc.get("role", "user")
        verified = doc.get("email_verified")
        if verified is None:
            # Accounts from before email verification: only admins (vouched for by whoever ran
            # create-admin) and single sign-on accounts (the provider verified the address) are
            # trusted; every other one proves its address once (docs/security.md).
            verified = role == "admin" or bool(doc.get("oidc"))
        return cls(
            id=str(doc["_id"]),
            email=doc["email"],
            role=role,
            disabled=bool(doc.get("disabled", False)),
            password_hash=doc.get("password_hash", ""),
            created_at=doc["created_at"],
            email_verified=bool(verified),
        )

    def public(self) -> dict[str, Any]:
        """The user object every API answer shows (never the hash)."""
        return {
            "id": self.id,
            "email": self.email,
            "role": self.role,
            "email_verified": self.email_verified,
            "created_at": iso(self.created_at),
        }


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
        doc: Document = {
            "email": normalise_email(email),
            "password_hash": password_hash,
            "role": role,
            "disabled": False,
            "email_verified": email_verified,
            "created_at": moment,
            "updated_at": moment,
        }
        if oidc is not None:
            doc["oidc"] = {"issuer": oidc[0], "subject": oidc[1]}
        # The unique index settles races; this read gives the same answer where it is missing.
        if self.collection.find_one({"email": doc["email"]}, {"_id": 1}) is not None:
            raise EmailTaken(doc["email"])
        try:
            result = self.collection.insert_one(doc)
        except DuplicateKeyError:
            raise EmailTaken(doc["email"]) from None
        doc["_id"] = result.inserted_id
        return User.from_doc(doc)

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
