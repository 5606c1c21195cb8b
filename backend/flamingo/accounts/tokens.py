"""API tokens (the ``api_tokens`` collection).

A token is ``flm_`` + 256 random bits (URL-safe base64). The prefix lets secret scanners spot a
leaked one. Only its SHA-256 is stored: the secret has full entropy, so a slow hash would add
request latency without adding safety. ``last_used_at`` is written at most once a minute per
token, by a conditional update, never a write per request.

A document is an :class:`ApiToken` (its fields named once; answered as :class:`ApiTokenOut`, the
OpenAPI ``ApiToken``)::

    _id            ObjectId
    user_id        ObjectId     who made it
    workspace_id   ObjectId | absent   the one workspace it acts in (absent before workspaces:
                                       the user's personal one, whose id is the user's)
    name           str
    scopes         list[str]    sorted
    token_hash     str          SHA-256 of the secret
    hint           str          ``flm_`` + the secret's first 4 characters
    created_at     datetime (UTC)
    expires_at, last_used_at, revoked_at   datetime | None
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from bson import ObjectId
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pymongo.database import Database

from flamingo.accounts.scopes import Scope
from flamingo.core.ids import object_id
from flamingo.core.timefmt import Timestamp, aware, now

Document = dict[str, Any]
TOKEN_PREFIX = "flm_"  # noqa: S105 - a public marker, not a secret
TOKEN_PATTERN = re.compile(r"^flm_[A-Za-z0-9_-]{43}$")
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


Id = Annotated[str, BeforeValidator(str)]  # stored as an ObjectId
_MOMENTS = ("created_at", "expires_at", "last_used_at", "revoked_at")


class ApiTokenOut(BaseModel):
    """What listing shows: never the secret, only a short hint to recognise it."""

    model_config = ConfigDict(
        title="ApiToken",
        frozen=True,
        extra="ignore",
        validate_by_name=True,
        json_schema_serialization_defaults_required=True,
    )
    id: Id = Field(default_factory=lambda: str(ObjectId()), validation_alias="_id")
    name: str
    workspace_id: Id = Field(
        description="The one workspace the token acts in (its other workspaces answer 404)."
    )
    scopes: list[Scope]
    hint: str = Field(
        default=TOKEN_PREFIX,
        description="The first characters of the secret (`flm_` + 4), to recognise it.",
    )
    created_at: Timestamp
    expires_at: Timestamp | None = None
    last_used_at: Timestamp | None = Field(
        default=None, description="Updated at most once a minute."
    )


class ApiTokenCreated(ApiTokenOut):
    model_config = ConfigDict(title="ApiTokenCreated")
    token: str = Field(
        pattern=r"^flm_[A-Za-z0-9_-]{43}$",
        description="The secret. Shown in this answer only; Flamingo keeps only its hash.",
    )


class ApiTokenList(BaseModel):
    model_config = ConfigDict(frozen=True)
    items: list[ApiTokenOut]


class ApiToken(ApiTokenOut):
    """A stored token (the ``api_tokens`` collection)."""

    model_config = ConfigDict(title="StoredApiToken")
    user_id: Id
    token_hash: str = ""
    revoked_at: datetime | None = None

    @model_validator(mode="before")
    @classmethod
    def _stored(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        values = {k: aware(v) if k in _MOMENTS else v for k, v in data.items()}
        # Tokens made before workspaces belong to the personal one (= user_id).
        values["workspace_id"] = values.get("workspace_id") or values.get("user_id")
        values["created_at"] = values.get("created_at") or datetime.now(UTC)
        return values

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> ApiToken:
        return cls.model_validate(doc)

    def to_doc(self) -> Document:
        doc = self.model_dump(exclude={"id", "user_id", "workspace_id"})
        return {
            "_id": ObjectId(self.id),
            "user_id": ObjectId(self.user_id),
            "workspace_id": ObjectId(self.workspace_id),
            **doc,
        }

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def expired(self, moment: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= moment

    def out(self) -> ApiTokenOut:
        return ApiTokenOut.model_validate(self.model_dump(include=set(ApiTokenOut.model_fields)))


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
        token = ApiToken.model_validate(
            {
                "user_id": user_id,
                "workspace_id": workspace_id or user_id,
                "name": name,
                "scopes": sorted(set(scopes)),
                "token_hash": hash_secret(secret),
                "hint": secret[: len(TOKEN_PREFIX) + 4],
                "created_at": now(),
                "expires_at": expires_at,
            }
        )
        self.collection.insert_one(token.to_doc())
        return token, secret

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
