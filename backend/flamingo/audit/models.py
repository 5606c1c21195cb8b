"""The audit list's query string: ``?cursor&limit&action`` (the same page shape as every list)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flamingo.audit.actions import ACTIONS

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
