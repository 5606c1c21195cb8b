"""The scopes an API token can carry: the one list (auth, the tokens API, the CLI and the
OpenAPI document's enum, which a test compares with it)."""

from __future__ import annotations

from typing import Literal, get_args

Scope = Literal["links:read", "links:write", "stats:read"]
SCOPES: tuple[Scope, ...] = get_args(Scope)
