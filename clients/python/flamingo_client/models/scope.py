from typing import Literal

Scope = Literal["links:read", "links:write", "stats:read"]

SCOPE_VALUES: set[Scope] = {
    "links:read",
    "links:write",
    "stats:read",
}


def check_scope(value: str) -> Scope:
    if value in SCOPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SCOPE_VALUES!r}")
