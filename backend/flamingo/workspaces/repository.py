"""The ``workspaces``, ``memberships`` and ``invitations`` collections: every query of them.

Each document is a model of :mod:`flamingo.workspaces.workspace` (its shape is there); this
module turns documents into them and back.

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
from flamingo.workspaces.workspace import Invitation, Membership, Workspace

Document = dict[str, Any]
PERSONAL_NAME = "Personal"
LOCK_STALE: Final = timedelta(seconds=10)  # far longer than a count and a write take
LOCK_WAIT_SECONDS: Final = 5.0
_LOCK_POLL_SECONDS: Final = 0.02


class LastOwner(Exception):  # noqa: N818 - reads as the condition it is
    """The change would leave the workspace without an owner."""


class OwnersBusy(Exception):  # noqa: N818 - reads as the condition it is
    """Another change of the workspace's owners held the lock for too long."""


def _without(doc: Document, *names: str) -> Document:
    return {k: v for k, v in doc.items() if k not in names}


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class WorkspaceRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.workspaces = db["workspaces"]
        self.memberships = db["memberships"]
        self.invitations = db["invitations"]
        self.locks = db["workspace_locks"]

    # --- workspaces ---------------------------------------------------------------------------

    def get(self, workspace_id: str) -> Workspace | None:
        oid = object_id(workspace_id)
        doc = None if oid is None else self.workspaces.find_one({"_id": oid})
        return None if doc is None else Workspace.from_doc(doc)

    def create(self, name: str, creator_id: str) -> Workspace:
        moment = now()
        workspace = Workspace(
            name=name, created_by=creator_id, created_at=moment, updated_at=moment
        )
        self.workspaces.insert_one(workspace.to_doc())
        self.add_member(workspace.id, creator_id, "owner")
        return workspace

    def ensure_personal(self, user_id: str) -> bool:
        """The user's personal workspace (its id is the user's) with them as owner; idempotent
        (upserts). True when anything was created."""
        moment = now()
        oid = ObjectId(user_id)
        personal = Workspace.model_validate(
            {
                "_id": user_id,
                "name": PERSONAL_NAME,
                "personal": True,
                "created_by": user_id,
                "created_at": moment,
                "updated_at": moment,
            }
        ).to_doc()
        result = self.workspaces.update_one(
            {"_id": oid}, {"$setOnInsert": _without(personal, "_id")}, upsert=True
        )
        owner = Membership(
            workspace_id=user_id,
            user_id=user_id,
            role="owner",
            created_at=moment,
            updated_at=moment,
        ).to_doc()
        member = self.memberships.update_one(
            {"workspace_id": oid, "user_id": oid},
            # The membership's own _id is the driver's on insert, as it always was.
            {"$setOnInsert": _without(owner, "_id", "workspace_id", "user_id")},
            upsert=True,
        )
        return result.upserted_id is not None or member.upserted_id is not None

    def rename(self, workspace: Workspace, name: str) -> Workspace | None:
        doc = self.workspaces.find_one_and_update(
            {"_id": ObjectId(workspace.id)},
            {"$set": {"name": name, "updated_at": now()}},
            return_document=ReturnDocument.AFTER,
        )
        return None if doc is None else Workspace.from_doc(doc)

    def delete(self, workspace: Workspace) -> None:
        oid = ObjectId(workspace.id)
        self.invitations.delete_many({"workspace_id": oid})
        self.memberships.delete_many({"workspace_id": oid})
        self.workspaces.delete_one({"_id": oid})

    def many(self, ids: list[str]) -> list[Workspace]:
        oids = [oid for oid in map(object_id, ids) if oid is not None]
        docs = self.workspaces.find({"_id": {"$in": oids}}).sort("_id", 1)
        return [Workspace.from_doc(doc) for doc in docs]

    # --- memberships --------------------------------------------------------------------------

    def membership(self, workspace_id: str, user_id: str) -> Membership | None:
        oid, wid = object_id(user_id), object_id(workspace_id)
        if oid is None or wid is None:
            return None
        doc = self.memberships.find_one({"workspace_id": wid, "user_id": oid})
        return None if doc is None else Membership.from_doc(doc)

    def memberships_of(self, user_id: str) -> list[Membership]:
        docs = self.memberships.find({"user_id": ObjectId(user_id)}).sort("_id", 1)
        return [Membership.from_doc(doc) for doc in docs]

    def members(self, workspace_id: str) -> list[Membership]:
        docs = self.memberships.find({"workspace_id": ObjectId(workspace_id)}).sort("_id", 1)
        return [Membership.from_doc(doc) for doc in docs]

    def count_owners(self, workspace_id: str) -> int:
        return self.memberships.count_documents(
            {"workspace_id": ObjectId(workspace_id), "role": "owner"}
        )

    def add_member(self, workspace_id: str, user_id: str, role: str) -> Membership | None:
        """A new membership; None when the user is a member already (the unique index)."""
        moment = now()
        member = Membership.model_validate(
            {
                "workspace_id": workspace_id,
                "user_id": user_id,
                "role": role,
                "created_at": moment,
                "updated_at": moment,
            }
        )
        if self.membership(workspace_id, user_id) is not None:
            return None
        try:
            self.memberships.insert_one(member.to_doc())
        except DuplicateKeyError:
            return None
        return member

    @contextmanager
    def _owners_locked(self, workspace_id: str) -> Iterator[None]:
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

    def _another_owner_remains(self, member: Membership) -> None:
        if self.count_owners(member.workspace_id) <= 1:
            raise LastOwner(member.workspace_id)

    def _write_role(self, member: Membership, role: str) -> Membership | None:
        doc = self.memberships.find_one_and_update(
            {"_id": ObjectId(member.id)},
            {"$set": {"role": role, "updated_at": now()}},
            return_document=ReturnDocument.AFTER,
        )
        return None if doc is None else Membership.from_doc(doc)

    def set_role(self, member: Membership, role: str) -> Membership | None:
        """Change a membership's role; :class:`LastOwner` when it would leave no owner."""
        if member.role != "owner" or role == "owner":  # cannot remove an owner: no lock
            return self._write_role(member, role)
        with self._owners_locked(member.workspace_id):
            self._another_owner_remains(member)
            return self._write_role(member, role)

    def remove_member(self, member: Membership) -> None:
        """Remove a membership; :class:`LastOwner` when it would leave no owner."""
        if member.role != "owner":
            self.memberships.delete_one({"_id": ObjectId(member.id)})
            return
        with self._owners_locked(member.workspace_id):
            self._another_owner_remains(member)
            self.memberships.delete_one({"_id": ObjectId(member.id)})

    # --- invitations --------------------------------------------------------------------------

    def invite(
        self,
        workspace_id: str,
        email: str,
        role: str,
        *,
        secret: str,
        creator_id: str,
        expires_at: datetime,
    ) -> Invitation:
        invitation = Invitation.model_validate(
            {
                "workspace_id": workspace_id,
                "email": email,
                "role": role,
                "token_hash": hash_token(secret),
                "created_by": creator_id,
                "created_at": now(),
                "expires_at": expires_at,
            }
        )
        self.invitations.insert_one(invitation.to_doc())
        return invitation

    def open_invitations(self, workspace_id: str, moment: datetime) -> list[Invitation]:
        """Neither accepted, revoked nor expired; oldest first."""
        docs = self.invitations.find(
            {
                "workspace_id": ObjectId(workspace_id),
                "accepted_at": None,
                "revoked_at": None,
                "expires_at": {"$gt": moment},
            }
        ).sort("_id", 1)
        return [Invitation.from_doc(doc) for doc in docs]

    def invitation_by_secret(self, secret: str) -> Invitation | None:
        doc = self.invitations.find_one({"token_hash": hash_token(secret)})
        return None if doc is None else Invitation.from_doc(doc)

    def revoke_invitation(self, workspace_id: str, invitation_id: str) -> bool:
        oid = object_id(invitation_id)
        if oid is None:
            return False
        result = self.invitations.update_one(
            {
                "_id": oid,
                "workspace_id": ObjectId(workspace_id),
                "accepted_at": None,
                "revoked_at": None,
            },
            {"$set": {"revoked_at": now()}},
        )
        return result.modified_count == 1

    def consume_invitation(self, invitation: Invitation, user_id: str) -> bool:
        """Mark it accepted, once: of two concurrent accepts only one gets True."""
        result = self.invitations.update_one(
            {"_id": ObjectId(invitation.id), "accepted_at": None, "revoked_at": None},
            {"$set": {"accepted_at": now(), "accepted_by": ObjectId(user_id)}},
        )
        return result.modified_count == 1
