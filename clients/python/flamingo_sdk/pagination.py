"""Cursor pagination as an iterator: one request per page, items as they come."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from flamingo_client.types import UNSET, Unset

Item_co = TypeVar("Item_co", covariant=True)


class Page(Protocol[Item_co]):
    """What every list answer of the API carries (``LinkPage``, ``AuditPage``…)."""

    @property
    def items(self) -> Sequence[Item_co]: ...

    @property
    def next_cursor(self) -> str | None: ...


def paginate(fetch: Callable[[str | Unset], Page[Item_co]]) -> Iterator[Item_co]:
    """Every item of a list: ``fetch(cursor)`` asks for one page (``UNSET`` for the first)."""
    cursor: str | Unset = UNSET
    while True:
        page = fetch(cursor)
        yield from page.items
        if not page.next_cursor:
            return
        cursor = page.next_cursor
