"""The scopes an API token can carry: the one list (auth, the tokens API, the CLI and the
OpenAPI document's ``Scope`` enum, generated from it)."""

from __future__ import annotations

from typing import Literal, get_args

from typing_extensions import TypeAliasType

ScopeName = Literal["links:read", "links:write", "stats:read"]
SCOPES: tuple[ScopeName, ...] = get_args(ScopeName)
# The named type the document's ``Scope`` schema is generated from.
Scope = TypeAliasType("Scope", ScopeName)
