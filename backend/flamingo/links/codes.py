"""Short codes: random base62 codes and user-chosen aliases.

Uniqueness is the unique index ``links.code_unique``'s job, not a read-then-write check: a random
code that collides raises ``DuplicateKeyError`` on insert and is simply drawn again.
"""

from __future__ import annotations

import re
import secrets
import string

from flamingo.links.reserved import is_reserved

BASE62 = string.digits + string.ascii_letters
ALIAS_PATTERN = r"[A-Za-z0-9_-]{3,64}"
# What the redirect route accepts: random codes (base62) and aliases. Anything else is a 404
# before the application looks anything up.
CODE_PATTERN = r"[A-Za-z0-9_-]{1,64}"
_ALIAS = re.compile(rf"^{ALIAS_PATTERN}$")
_CODE = re.compile(rf"^{CODE_PATTERN}$")
# How often to draw again on a collision before giving up. With 62^7 ≈ 3.5e12 codes, needing even
# a second draw is rare; eight in a row means the code space is nearly full (raise CODE_LENGTH).
MAX_CODE_ATTEMPTS = 8


class AliasError(ValueError):
    """An alias that is malformed or reserved; ``slug`` names which."""

    def __init__(self, slug: str, message: str) -> None:
        super().__init__(message)
        self.slug = slug


def random_code(length: int) -> str:
    """A random base62 code that is not a reserved name."""
    while True:
        code = "".join(secrets.choice(BASE62) for _ in range(length))
        if not is_reserved(code):
            return code


def check_alias(alias: str, *, kept: bool = False) -> str:
    """The alias itself if it is usable, else :class:`AliasError`. ``kept``: an existing code an
    import brings along may be anything the redirect route serves (YOURLS numbers its links
    ``1``, ``2``, … ``a``: codes of 1 and 2 characters are common there)."""
    if kept and not _CODE.match(alias):
        raise AliasError(
            "invalid-alias", "code must be 1 to 64 characters of A-Z, a-z, 0-9, '_' or '-'"
        )
    if not kept and not _ALIAS.match(alias):
        raise AliasError(
            "invalid-alias", "alias must be 3 to 64 characters of A-Z, a-z, 0-9, '_' or '-'"
        )
    if is_reserved(alias):
        raise AliasError("reserved-alias", f"alias {alias!r} is reserved by the service")
    return alias
