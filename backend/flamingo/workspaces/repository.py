"""The ``workspaces``, ``memberships`` and ``invitations`` collections: every query of them.

Documents::

    workspaces   _id ObjectId (a personal workspace's _id IS its user's _id), name, personal bool,
                 owners [ObjectId] (the owners' user ids: see below), created_by ObjectId,
                 created_at, updated_at
    memberships  _id, workspace_id ObjectId, user_id ObjectId, role owner|admin|member|viewer,
                 created_at, updated_at          (unique: workspace_id + user_id)
    invitations  _id, workspace_id ObjectId, email (normalised), role, token_hash (SHA-256 of the
                 secret, unique), created_by ObjectId, created_at, expires_at,
                 accepted_at | None, accepted_by | None, revoked_at | None

The repository knows nothing of Flask or of who is asking; :mod:`flamingo.workspaces.service`
decides.

**At least one owner, under concurrency.** Counting owners and then writing lets two owners who
demote each other (or both leave) at the same moment both pass the count. FerretDB v1 has no
transactions, so the rule lives in one document: the workspace's ``owners`` array. An owner leaves
it only by ``$pull`` with the filter ``owners.1 exists`` — a single-document update, atomic on
every store — and only then does their membership change; of two such requests one finds a single
owner left and gets :class:`LastOwner`. A new owner is added to the array *before* their membership
says so. Workspaces made before the array existed get it from their memberships on first use.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from bson import ObjectId
from pymongo import ReturnDocument
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from flamingo.core.ids import object_id
from flamingo.core.timefmt import now

Document = dict[str, Any]
PERSONAL_NAME = "Personal"


class LastOwner(Exception):  # noqa: N818 - reads as the condition it is
    """The change would leave the workspace without an owner."""


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class WorkspaceRepository:
    def __init__(self, db: Database[Document]) -> None:
        self.workspaces = db["workspaces"]
        self.memberships = db["memberships"]
        self.invitations = db["invitations"]

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
            "owners": [ObjectId(creator_id)],
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
                    "owners": [oid],
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

    # --- owners (see the module's docstring) ---------------------------------------------------

    def _ensure_owners(self, workspace_id: ObjectId) -> None:
        """Give a workspace from before the ``owners`` array its array, from its memberships (of
        two processes doing this at once, the first one's write stands; both read the same)."""
        owners = [
            m["user_id"]
            for m in self.memberships.find({"workspace_id": workspace_id, "role": "owner"})
        ]
        self.workspaces.update_one(
            {"_id": workspace_id, "owners": {"$exists": False}}, {"$set": {"owners": owners}}
        )

    def _add_owner(self, workspace_id: ObjectId, user_id: ObjectId) -> None:
        self._ensure_owners(workspace_id)
        self.workspaces.update_one({"_id": workspace_id}, {"$addToSet": {"owners": user_id}})

    def _drop_owner(self, workspace_id: ObjectId, user_id: ObjectId) -> None:
        """Take ``user_id`` out of the owners only if another owner remains (one atomic update);
        :class:`LastOwner` otherwise."""
        self._ensure_owners(workspace_id)
        result = self.workspaces.update_one(
            {"_id": workspace_id, "owners": user_id, "owners.1": {"$exists": True}},
            {"$pull": {"owners": user_id}},
        )
        if result.modified_count == 1:
            return
        if self.workspaces.count_documents({"_id": workspace_id, "owners": user_id}):
            raise LastOwner(str(workspace_id))
        # Not in the array (e.g. made owner by a release from before it): nothing to take out.

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
        if role == "owner":
            self._add_owner(workspace_id, doc["user_id"])
        try:
            doc["_id"] = self.memberships.insert_one(doc).inserted_id
        except DuplicateKeyError:
            return None
        return doc

    def set_role(self, member: Document, role: str) -> Document | None:
        """Change a membership's role; :class:`LastOwner` when it would leave no owner."""
        if role == "owner" and member["role"] != "owner":
            self._add_owner(member["workspace_id"], member["user_id"])
        elif role != "owner" and member["role"] == "owner":
            self._drop_owner(member["workspace_id"], member["user_id"])
        return self.memberships.find_one_and_update(
            {"_id": member["_id"]},
            {"$set": {"role": role, "updated_at": now()}},
            return_document=ReturnDocument.AFTER,
        )

    def remove_member(self, member: Document) -> None:
        """Remove a membership; :class:`LastOwner` when it would leave no owner."""
        if member["role"] == "owner":
            self._drop_owner(member["workspace_id"], member["user_id"])
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
