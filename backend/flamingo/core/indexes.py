"""Every MongoDB index the application needs, in one place.

Created by ``flamingo ensure-indexes`` (a Helm hook Job in production, once per release), never at
the start of each replica. ``create_index`` is idempotent, so running it twice is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.database import Database


@dataclass(frozen=True)
class IndexSpec:
    collection: str
    keys: list[tuple[str, int]]
    name: str
    options: dict[str, Any] = field(default_factory=dict)


INDEXES: list[IndexSpec] = [
    IndexSpec("users", [("email", ASCENDING)], "email_unique", {"unique": True}),
    # Single sign-on finds a user by the provider's subject (``oidc: {issuer, subject}``).
    IndexSpec("users", [("oidc.subject", ASCENDING)], "oidc_subject"),
    # Bearer-token lookup is by hash on every token-authenticated request; listing is per user.
    IndexSpec("api_tokens", [("token_hash", ASCENDING)], "token_hash_unique", {"unique": True}),
    IndexSpec("api_tokens", [("user_id", ASCENDING)], "user_tokens"),
    # Codes are unique per branded domain (links.domains): a.example/x and b.example/x differ.
    IndexSpec(
        "links",
        [("domain", ASCENDING), ("code", ASCENDING)],
        "domain_code_unique",
        {"unique": True},
    ),
    # A user's links, newest first (the list endpoint pages on _id within an owner).
    IndexSpec("links", [("owner_id", ASCENDING), ("_id", DESCENDING)], "owner_newest"),
    # A workspace's links, newest first (GET /api/v1/links?workspace_id=).
    IndexSpec("links", [("workspace_id", ASCENDING), ("_id", DESCENDING)], "workspace_newest"),
    # ... and most clicked first (GET /api/v1/links?sort=clicks; links.listing).
    IndexSpec(
        "links",
        [("workspace_id", ASCENDING), ("clicks_total", DESCENDING), ("_id", DESCENDING)],
        "workspace_most_clicked",
    ),
    # Workspaces: one membership per user and workspace; a user's workspaces; invitations by
    # the hash of their secret and per workspace. Tokens of a member in one workspace.
    IndexSpec(
        "memberships",
        [("workspace_id", ASCENDING), ("user_id", ASCENDING)],
        "workspace_user_unique",
        {"unique": True},
    ),
    IndexSpec("memberships", [("user_id", ASCENDING)], "user_memberships"),
    IndexSpec("invitations", [("token_hash", ASCENDING)], "token_hash_unique", {"unique": True}),
    # Email verification links: looked up by the hash of their token, replaced per user.
    IndexSpec(
        "email_verifications",
        [("token_hash", ASCENDING)],
        "verification_token_hash_unique",
        {"unique": True},
    ),
    IndexSpec("email_verifications", [("user_id", ASCENDING)], "verification_user"),
    IndexSpec("invitations", [("workspace_id", ASCENDING)], "workspace_invitations"),
    IndexSpec(
        "api_tokens", [("user_id", ASCENDING), ("workspace_id", ASCENDING)], "user_workspace"
    ),
    # Click buckets: a stats query reads one link's (or one owner's) days in a date range.
    IndexSpec("click_days", [("link_id", ASCENDING), ("day", ASCENDING)], "link_day"),
    IndexSpec("click_months", [("link_id", ASCENDING), ("month", ASCENDING)], "link_month"),
    IndexSpec("click_owner_days", [("owner_id", ASCENDING), ("day", ASCENDING)], "owner_day"),
    # Raw click events (stats.events): a link's or a workspace's, newest first; every read is an
    # ``_id`` range (its first bytes are the click's time). Retention: stats.retention.
    IndexSpec("click_events", [("link_id", ASCENDING), ("_id", DESCENDING)], "link_newest"),
    IndexSpec(
        "click_events", [("workspace_id", ASCENDING), ("_id", DESCENDING)], "workspace_newest"
    ),
    # The audit log, newest first: all of it (``_id``), one action, and (later) one workspace.
    IndexSpec("audit_log", [("action", ASCENDING), ("_id", DESCENDING)], "action_newest"),
    IndexSpec("audit_log", [("workspace_id", ASCENDING), ("_id", DESCENDING)], "workspace_newest"),
]


# Indexes of earlier releases that would now be wrong (``code_unique``: codes were global).
RETIRED: list[tuple[str, str]] = [("links", "code_unique")]


def ensure_indexes(db: Database[dict[str, Any]]) -> list[str]:
    """Create every index that is missing and drop retired ones; returns ``collection.name`` of
    each index ensured."""
    for collection, name in RETIRED:
        if name in db[collection].index_information():
            db[collection].drop_index(name)
    ensured = []
    for spec in INDEXES:
        db[spec.collection].create_index(spec.keys, name=spec.name, **spec.options)
        ensured.append(f"{spec.collection}.{spec.name}")
    return ensured
