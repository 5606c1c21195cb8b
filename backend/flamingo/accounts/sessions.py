"""Server-side sessions in Redis.

The cookie carries a random 256-bit id; Redis stores only its SHA-256, so a copy of Redis (a dump,
a replica, a ``MONITOR``) cannot be replayed as cookies. A session ends at whichever comes first:
``SESSION_IDLE_SECONDS`` without use (the key's TTL, refreshed on every use) or
``SESSION_ABSOLUTE_SECONDS`` after login (checked against the stored creation time).

A session's Redis hash (``flamingo:session:<sha256 of the id>``) is a :class:`Session` (its
fields named once)::

    user_id      str
    csrf         str     the CSRF token of the session's SPA
    created_at   str     epoch seconds (``repr`` of a float)
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Mapping

import redis
from pydantic import BaseModel, ConfigDict, Field
from redis.typing import EncodableT, FieldT

_KEY = "flamingo:session:"
_USER_KEY = "flamingo:user-sessions:"


def clock() -> float:
    """Seconds since the epoch; a function so tests can move time forward."""
    return time.time()


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class Session(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", validate_by_name=True)
    id: str = Field(exclude=True)  # the secret cookie value; never stored, never logged
    user_id: str
    csrf_token: str = Field(default="", validation_alias="csrf")
    created_at: float = 0.0

    @classmethod
    def from_hash(cls, session_id: str, data: Mapping[str, str]) -> Session:
        return cls.model_validate({**data, "id": session_id})

    def to_hash(self) -> dict[FieldT, EncodableT]:
        return {
            "user_id": self.user_id,
            "csrf": self.csrf_token,
            "created_at": repr(self.created_at),
        }


class SessionStore:
    def __init__(self, client: redis.Redis, idle_seconds: int, absolute_seconds: int) -> None:
        self.redis = client
        self.idle = idle_seconds
        self.absolute = absolute_seconds

    def create(self, user_id: str) -> Session:
        """A brand-new session (new id, new CSRF token): the caller drops any previous one."""
        session = Session(
            id=secrets.token_urlsafe(32),
            user_id=user_id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=clock(),
        )
        digest = _digest(session.id)
        pipe = self.redis.pipeline()
        pipe.hset(_KEY + digest, mapping=session.to_hash())
        pipe.expire(_KEY + digest, min(self.idle, self.absolute))
        # An index of the user's sessions, so a password change or a disable can end them all.
        pipe.sadd(_USER_KEY + user_id, digest)
        pipe.expire(_USER_KEY + user_id, self.absolute)
        pipe.execute()
        return session

    def get(self, session_id: str) -> Session | None:
        """The live session for this cookie value, its idle lifetime renewed; else None."""
        if not session_id or len(session_id) > 128:
            return None
        key = _KEY + _digest(session_id)
        # Read and renew in one round trip; EXPIRE on a missing key is a no-op.
        pipe = self.redis.pipeline(transaction=False)
        pipe.hgetall(key)
        pipe.expire(key, min(self.idle, self.absolute))
        data: dict[str, str] = pipe.execute()[0]
        if not data or "user_id" not in data:
            return None
        session = Session.from_hash(session_id, data)
        remaining = self.absolute - (clock() - session.created_at)
        if remaining <= 0:
            self.redis.delete(key)
            return None
        if remaining < self.idle:  # the last stretch: never outlive the absolute end
            self.redis.expire(key, max(1, int(remaining)))
        return session

    def delete(self, session_id: str) -> None:
        self.redis.delete(_KEY + _digest(session_id))

    def delete_all_for_user(self, user_id: str, keep: str | None = None) -> int:
        """End every session of a user (except ``keep``, a cookie value); returns how many."""
        kept = _digest(keep) if keep else None
        members: set[str] = self.redis.smembers(_USER_KEY + user_id)  # type: ignore[assignment]
        digests = [d for d in members if d != kept]
        if not digests:
            return 0
        pipe = self.redis.pipeline()
        for digest in digests:
            pipe.delete(_KEY + digest)
        pipe.srem(_USER_KEY + user_id, *digests)
        results = pipe.execute()
        return sum(int(r) for r in results[:-1])
