"""API tokens (the ``api_tokens`` collection).

A token is ``flm_`` + 256 random bits (URL-safe base64). The prefix lets secret scanners spot a
leaked one. Only its SHA-256 is stored: the secret has full entropy, so a slow hash would add
request latency without adding safety. ``last_used_at`` is written at most once a minute per
token, by a conditional update, never a write per request.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bson import ObjectId
from pymongo.database import Database

from flamingo.core.ids import object_id
from flamingo.core.timefmt import aware, iso, now

Document = dict[str, Any]
TOKEN_PREFIX = "flm_"  # noqa: S105 - a public marker, not a secret
TOKEN_PATTERN = re.compile(r"^flm_[A-Za-z0-9_-]{43}$")
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class ApiToken:
    id: str
    user_id: str
    name: str
    scopes: tuple[str, ...]
    hint: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked: bool
    workspace_id: str  # tokens made before workspaces belong to the personal one (= user_id)

    @classmethod
    def from_doc(cls, doc: Document) -> ApiToken:
        return cls(
            id=str(doc["_id"]),
            user_id=str(doc["user_id"]),
            name=doc["name"],
            scopes=tuple(doc.get("scopes", ())),
            hint=doc.get("hint", TOKEN_PREFIX),
            created_at=aware(doc["created_at"]) or datetime.now(UTC),
            expires_at=aware(doc.get("expires_at")),
            last_used_at=aware(doc.get("last_used_at")),
            revoked=doc.get("revoked_at") is not None,
            workspace_id=str(doc.get("workspace_id") or doc["user_id"]),
        )

    def expired(self, moment: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= moment

    def public(self) -> dict[str, Any]:
        """What listing shows: never the secret, only a short hint to recognise it."""
        return {
            "id": self.id,
            "name": self.name,
            "workspace_id": self.workspace_id,
            "scopes": list(self.scopes),
            "hint": self.hint,
            "created_at": iso(self.created_at),
            "expires_at": iso(self.expires_at),
            "last_used_at": iso(self.last_used_at),
        }


class Tokens:
    def __init__(self, db: Database[Document]) -> None:
        self.collection = db["api_tokens"]

    def create(
        self,
        user_id: str,
        name: str,
        scopes: list[str],
        expires_at: datetime | None,
        workspace_id: str | None = None,
    ) -> tuple[ApiToken, str]:
        """Store a new token of one workspace (default: the user's personal one); returns it and
        the secret (the only time the secret exists)."""
        secret = new_secret()
        doc: Document = {
            "user_id": ObjectId(user_id),
            "workspace_id": ObjectId(workspace_id or user_id),
            "name": name,
            "scopes": sorted(set(scopes)),
            "token_hash": hash_secret(secret),
            "hint": secret[: len(TOKEN_PREFIX) + 4],
            "created_at": now(),
            "expires_at": expires_at,
            "last_used_at": None,
            "revoked_at": None,
        }
        doc["_id"] = self.collection.insert_one(doc).inserted_id
        return ApiToken.from_doc(doc), secret

    def by_secret(self, secret: str) -> ApiToken | None:
        """The token with this secret, revoked or not (the caller decides)."""
        if not TOKEN_PATTERN.match(secret):
            return None
        doc = self.collection.find_one({"token_hash": hash_secret(secret)})
        return ApiToken.from_doc(doc) if doc else None

    def list_for_user(self, user_id: str) -> list[ApiToken]:
        docs = self.collection.find({"user_id": ObjectId(user_id), "revoked_at": None}).sort(
            "_id", 1
        )
        return [ApiToken.from_doc(doc) for doc in docs]

    def revoke(self, user_id: str, token_id: str) -> ApiToken | None:
        """Revoke the user's live token and return it; None if it is not theirs, not found or
        revoked already (same answer)."""
        oid = object_id(token_id)
        if oid is None:
            return None
        doc = self.collection.find_one_and_update(
            {"_id": oid, "user_id": ObjectId(user_id), "revoked_at": None},
            {"$set": {"revoked_at": datetime.now(UTC)}},
        )
        return ApiToken.from_doc(doc) if doc is not None else None

    def revoke_in_workspace(self, user_id: str, workspace_id: str) -> int:
        """Revoke every live token of the user in that workspace (they left or were removed)."""
        result = self.collection.update_many(
            {
                "user_id": ObjectId(user_id),
                "workspace_id": ObjectId(workspace_id),
                "revoked_at": None,
            },
            {"$set": {"revoked_at": datetime.now(UTC)}},
        )
        return int(result.modified_count)

    def assign_personal_workspaces(self) -> int:
        """Tokens made before workspaces: each into its user's personal workspace (migration)."""
        changed = 0
        for user_id in self.collection.distinct("user_id", {"workspace_id": {"$exists": False}}):
            result = self.collection.update_many(
                {"user_id": user_id, "workspace_id": {"$exists": False}},
                {"$set": {"workspace_id": user_id}},
            )
            changed += int(result.modified_count)
        return changed

    def touch(self, token: ApiToken, moment: datetime) -> None:
        """Record use, at most once per minute per token (the filter makes it race-free)."""
        if token.last_used_at is not None and moment - token.last_used_at < LAST_USED_RESOLUTION:
            return
        stale = moment - LAST_USED_RESOLUTION
        self.collection.update_one(
            {
                "_id": ObjectId(token.id),
                "$or": [{"last_used_at": None}, {"last_used_at": {"$lt": stale}}],
            },
            {"$set": {"last_used_at": moment}},
        )
