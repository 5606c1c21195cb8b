"""A database as the release before workspaces left it: users, their links and tokens, none
with a ``workspace_id`` (and no workspaces or memberships)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bson import ObjectId

from flamingo.accounts.tokens import hash_secret, new_secret


def seed_legacy(db: Any, users: int = 3, links_each: int = 4) -> dict[str, Any]:
    """Users (ids), links per user and one token per user, shaped as before workspaces."""
    moment = datetime.now(UTC)
    seeded: dict[str, Any] = {"users": [], "links": {}, "tokens": {}}
    for index in range(users):
        user_id = ObjectId()
        db["users"].insert_one(
            {
                "_id": user_id,
                "email": f"legacy{index}@example.com",
                "password_hash": "not-a-hash",
                "role": "user",
                "disabled": False,
                "created_at": moment,
                "updated_at": moment,
            }
        )
        seeded["users"].append(str(user_id))
        link_ids = []
        for number in range(links_each):
            result = db["links"].insert_one(
                {
                    "owner_id": str(user_id),
                    "domain": "localhost",
                    "code": f"legacy{index}x{number}",
                    "target": f"https://example.com/{index}/{number}",
                    "title": None,
                    "tags": [],
                    "expires_at": None,
                    "max_clicks": None,
                    "password_hash": None,
                    "redirect_status": 302,
                    "disabled": False,
                    "disabled_by_admin": False,
                    "created_at": moment,
                    "updated_at": moment,
                }
            )
            link_ids.append(str(result.inserted_id))
        seeded["links"][str(user_id)] = link_ids
        secret = new_secret()
        db["api_tokens"].insert_one(
            {
                "user_id": user_id,
                "name": "legacy",
                "scopes": ["links:read", "links:write", "stats:read"],
                "token_hash": hash_secret(secret),
                "hint": secret[:8],
                "created_at": moment,
                "expires_at": None,
                "last_used_at": None,
                "revoked_at": None,
            }
        )
        seeded["tokens"][str(user_id)] = secret
    return seeded


def assert_migrated(db: Any, seeded: dict[str, Any]) -> None:
    """Every user owns a personal workspace (its id = theirs), their links and tokens in it."""
    for user_id in seeded["users"]:
        workspace = db["workspaces"].find_one({"_id": ObjectId(user_id)})
        assert workspace is not None and workspace["personal"] is True
        member = db["memberships"].find_one({"workspace_id": ObjectId(user_id)})
        assert member is not None and member["role"] == "owner"
        assert str(member["user_id"]) == user_id
        links = list(db["links"].find({"owner_id": user_id}))
        assert links and {link["workspace_id"] for link in links} == {user_id}
        token = db["api_tokens"].find_one({"user_id": ObjectId(user_id)})
        assert token is not None and token["workspace_id"] == ObjectId(user_id)
    assert db["workspaces"].count_documents({}) == len(seeded["users"])
    assert db["memberships"].count_documents({}) == len(seeded["users"])
