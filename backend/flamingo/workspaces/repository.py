"""The ``workspaces``, ``memberships`` and ``invitations`` collections: every query of them.

Documents::

    workspaces   _id ObjectId (a personal workspace's _id IS its user's _id), name, personal bool,
                 created_by ObjectId, created_at, updated_at
    memberships  _id, workspace_id ObjectId, user_id ObjectId, role owner|admin|member|viewer,
                 created_at, updated_at          (unique: workspace_id + user_id)
    invitations  _id, workspace_id ObjectId, email (normalised), role, token_hash (SHA-256 of the
                 secret, unique), created_by ObjectId, created_at, expires_at,
                 accepted_at | None, accepted_by | None, revoked_at | None

The repository knows nothing of Flask or of who is asking; :mod:`flamingo.workspaces.service`
decides.

**At least one owner, under concurrency.** Counting the owners and then writing let two owners
who demote each other (or both leave) at the same moment both pass the count. A conditional
update cannot close that on FerretDB v1: it has no transactions, and its update reads, changes
and writes a document in separate steps, so two concurrent ``$pull``s guarded by a filter both
succeed (measured: tests/integration/test_last_owner_race.py). What it does enforce atomically is
a unique key. So a change that may remove an owner first inserts the lock document
``workspace_locks {_id: "owners:<workspace>"}`` — of two such changes one insert fails and that one
waits — then counts and writes, then deletes the lock: the second change counts after the first
wrote, and refuses with :class:`LastOwner`. A lock older than :data:`LOCK_STALE` (its holder
died) is taken over.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, Final

from bson import ObjectId
from pymongo import ReturnDocument
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from flamingo.core.ids import object_id
from flamingo.core.timefmt import now

Document = dict[str, Any]
PERSONAL_NAME = "Personal"
LOCK_STALE: Final = timedelta(seconds=10)  # far longer than a count and a write take
LOCK_WAIT_SECONDS: Final = 5.0
_LOCK_POLL_SECONDS: Final = 0.02


class LastOwner(Exception):  # noqa: N818 - reads as the condition it is
    """The change would leave the workspace without an owner."""


class OwnersBusy(Exception):  # noqa: N818 - reads as the condition it is
    """Another change of the workspace's owners held the lock for too long."""


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class WorkspaceRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.workspaces = db["workspaces"]
        self.memberships = db["memberships"]
        self.invitations = db["invitations"]
        self.locks = db["workspace_locks"]

    # --- workspaces ---------------------------------------------------------------------------

    def get(self, workspace_id: str | ObjectId) -> Document | None:
        oid = object_id(workspace_id)
        return None if oid is None else self.workspaces.find_one({"_id": oid})

    def create(self, name: str, creator_id: str) -> Document:
        moment = now()
        doc: Document = {
            "name": name,
            "personal": False,
            "created_by": ObjectId(creator_id),
            "created_at": moment,
            "updated_at": moment,
        }
        doc["_id"] = self.workspaces.insert_one(doc).inserted_id
        self.add_member(doc["_id"], creator_id, "owner")
        return doc

    def ensure_personal(self, user_id: str) -> bool:
        """The user's personal workspace (its id is the user's) with them as owner; idempotent
        (upserts). True when anything was created."""
        moment = now()
        oid = ObjectId(user_id)
        result = self.workspaces.update_one(
            {"_id": oid},
            {
                "$setOnInsert": {
                    "name": PERSONAL_NAME,
                    "personal": True,
                    "created_by": oid,
                    "created_at": moment,
                    "updated_at": moment,
                }
            },
            upsert=True,
        )
        member = self.memberships.update_one(
            {"workspace_id": oid, "user_id": oid},
            {"$setOnInsert": {"role": "owner", "created_at": moment, "updated_at": moment}},
            upsert=True,
        )
        return result.upserted_id is not None or member.upserted_id is not None

    def rename(self, workspace_id: ObjectId, name: str) -> Document | None:
        return self.workspaces.find_one_and_update(
            {"_id": workspace_id},
            {"$set": {"name": name, "updated_at": now()}},
            return_document=ReturnDocument.AFTER,
        )

    def delete(self, workspace_id: ObjectId) -> None:
        self.invitations.delete_many({"workspace_id": workspace_id})
        self.memberships.delete_many({"workspace_id": workspace_id})
        self.workspaces.delete_one({"_id": workspace_id})

    def many(self, ids: list[ObjectId]) -> list[Document]:
        return list(self.workspaces.find({"_id": {"$in": ids}}).sort("_id", 1))

    # --- memberships --------------------------------------------------------------------------

    def membership(self, workspace_id: ObjectId, user_id: str) -> Document | None:
        oid = object_id(user_id)
        if oid is None:
            return None
        return self.memberships.find_one({"workspace_id": workspace_id, "user_id": oid})

    def memberships_of(self, user_id: str) -> list[Document]:
        return list(self.memberships.find({"user_id": ObjectId(user_id)}).sort("_id", 1))

    def members(self, workspace_id: ObjectId) -> list[Document]:
        return list(self.memberships.find({"workspace_id": workspace_id}).sort("_id", 1))

    def count_owners(self, workspace_id: ObjectId) -> int:
        return self.memberships.count_documents({"workspace_id": workspace_id, "role": "owner"})

    def add_member(self, workspace_id: ObjectId, user_id: str, role: str) -> Document | None:
        """A new membership; None when the user is a member already (the unique index)."""
        moment = now()
        doc: Document = {
            "workspace_id": workspace_id,
            "user_id": ObjectId(user_id),
            "role": role,
            "created_at": moment,
            "updated_at": moment,
        }
        if self.membership(workspace_id, user_id) is not None:
            return None
        try:
            doc["_id"] = self.memberships.insert_one(doc).inserted_id
        except DuplicateKeyError:
            return None
        return doc

    @contextmanager
    def _owners_locked(self, workspace_id: ObjectId) -> Iterator[None]:
        """Hold the workspace's owners lock (see the module's docstring)."""
        key = f"owners:{workspace_id}"
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                self.locks.insert_one({"_id": key, "at": now()})
                break
            except DuplicateKeyError:
                self.locks.delete_one({"_id": key, "at": {"$lt": now() - LOCK_STALE}})
                if time.monotonic() > deadline:
                    raise OwnersBusy(str(workspace_id)) from None
                time.sleep(_LOCK_POLL_SECONDS)
        try:
            yield
        finally:
            self.locks.delete_one({"_id": key})

    def _another_owner_remains(self, member: Document) -> None:
        if self.count_owners(member["workspace_id"]) <= 1:
            raise LastOwner(str(member["workspace_id"]))

    def set_role(self, member: Document, role: str) -> Document | None:
        """Change a membership's role; :class:`LastOwner` when it would leave no owner."""
        update: Document = {"$set": {"role": role, "updated_at": now()}}
        if member["role"] != "owner" or role == "owner":  # cannot remove an owner: no lock
            return self.memberships.find_one_and_update(
                {"_id": member["_id"]}, update, return_document=ReturnDocument.AFTER
            )
        with self._owners_locked(member["workspace_id"]):
            self._another_owner_remains(member)
            return self.memberships.find_one_and_update(
                {"_id": member["_id"]}, update, return_document=ReturnDocument.AFTER
            )

    def remove_member(self, member: Document) -> None:
        """Remove a membership; :class:`LastOwner` when it would leave no owner."""
        if member["role"] != "owner":
            self.memberships.delete_one({"_id": member["_id"]})
            return
        with self._owners_locked(member["workspace_id"]):
            self._another_owner_remains(member)
            self.memberships.delete_one({"_id": member["_id"]})

    # --- invitations --------------------------------------------------------------------------

    def invite(
        self,
        workspace_id: ObjectId,
        email: str,
        role: str,
        *,
        secret: str,
        creator_id: str,
        expires_at: datetime,
    ) -> Document:
        doc: Document = {
            "workspace_id": workspace_id,
            "email": email,
            "role": role,
            "token_hash": hash_token(secret),
            "created_by": ObjectId(creator_id),
            "created_at": now(),
            "expires_at": expires_at,
            "accepted_at": None,
            "accepted_by": None,
            "revoked_at": None,
        }
        doc["_id"] = self.invitations.insert_one(doc).inserted_id
        return doc

    def open_invitations(self, workspace_id: ObjectId, moment: datetime) -> list[Document]:
        """Neither accepted, revoked nor expired; oldest first."""
        return list(
            self.invitations.find(
                {
                    "workspace_id": workspace_id,
                    "accepted_at": None,
                    "revoked_at": None,
                    "expires_at": {"$gt": moment},
                }
            ).sort("_id", 1)
        )

    def invitation_by_secret(self, secret: str) -> Document | None:
        return self.invitations.find_one({"token_hash": hash_token(secret)})

    def revoke_invitation(self, workspace_id: ObjectId, invitation_id: str) -> bool:
        oid = object_id(invitation_id)
        if oid is None:
            return False
        result = self.invitations.update_one(
            {"_id": oid, "workspace_id": workspace_id, "accepted_at": None, "revoked_at": None},
            {"$set": {"revoked_at": now()}},
        )
        return result.modified_count == 1

    def consume_invitation(self, invitation_id: ObjectId, user_id: str) -> bool:
        """Mark it accepted, once: of two concurrent accepts only one gets True."""
        result = self.invitations.update_one(
            {"_id": invitation_id, "accepted_at": None, "revoked_at": None},
            {"$set": {"accepted_at": now(), "accepted_by": ObjectId(user_id)}},
        )
        return result.modified_count == 1
