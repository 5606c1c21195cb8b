"""Password hashing with argon2id (argon2-cffi), parameters from settings.

A hash made with other parameters still verifies; :func:`needs_rehash` tells the login to store a
fresh one, so raising the cost reaches every active user without a migration.
"""

from __future__ import annotations

import functools
from typing import Protocol

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

# Longest password accepted: bounds the work an attacker can make one hash cost.
MAX_PASSWORD_CHARS = 256


@functools.lru_cache(maxsize=8)
def _hasher(time_cost: int, memory_kib: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(
        time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism, type=Type.ID
    )


class HashCost(Protocol):
    """The argon2id parameters (``SecuritySettings`` has them)."""

    @property
    def password_hash_time_cost(self) -> int: ...
    @property
    def password_hash_memory_kib(self) -> int: ...
    @property
    def password_hash_parallelism(self) -> int: ...


def hasher(cost: HashCost) -> PasswordHasher:
    return _hasher(
        cost.password_hash_time_cost,
        cost.password_hash_memory_kib,
        cost.password_hash_parallelism,
    )


def hash_password(cost: HashCost, password: str) -> str:
    return hasher(cost).hash(password)


def verify_password(cost: HashCost, password_hash: str, password: str) -> bool:
    try:
        return hasher(cost).verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(cost: HashCost, password_hash: str) -> bool:
    try:
        return hasher(cost).check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


@functools.lru_cache(maxsize=8)
def _dummy_hash(time_cost: int, memory_kib: int, parallelism: int) -> str:
    return _hasher(time_cost, memory_kib, parallelism).hash("flamingo-timing-equaliser")


def burn_verify(cost: HashCost, password: str) -> None:
    """Spend the time of one verification, so an unknown email answers as slowly as a known one."""
    dummy = _dummy_hash(
        cost.password_hash_time_cost,
        cost.password_hash_memory_kib,
        cost.password_hash_parallelism,
    )
    verify_password(cost, dummy, password)
