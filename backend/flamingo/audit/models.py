"""The audit list's query string (``?cursor&limit&action``) and its answer: a page of entries,
each with who and what it names for people (the OpenAPI ``AuditPage`` and ``AuditEntry``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flamingo.audit.actions import ACTIONS
from flamingo.audit.repository import AuditEntry

DEFAULT_PAGE = 50
MAX_PAGE = 200


class AuditQuery(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    cursor: Annotated[str, Field(max_length=64)] | None = None
    limit: Annotated[int, Field(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE
    action: Annotated[str, Field(max_length=64)] | None = None

    @field_validator("action")
    @classmethod
    def _known(cls, value: str | None) -> str | None:
        if value is not None and value not in ACTIONS:
            raise ValueError(f"unknown action; one of: {', '.join(sorted(ACTIONS))}")
        return value


class AuditEntryOut(AuditEntry):
    model_config = ConfigDict(title="AuditEntry", extra="forbid")
    actor_email: str | None = Field(
        description="The acting user's email, looked up when the page is read; null without an "
        "actor or once the user is gone."
    )
    target_label: str | None = Field(
        description="What the target is called for people, looked up when the page is read — a "
        "user's or member's email, a link's `host/code`, a workspace's name, a domain's host; "
        "for an object deleted since, the email, name, host or code the entry recorded in "
        "`changes`; else null."
    )


class AuditPage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    items: list[AuditEntryOut]
    next_cursor: str | None
