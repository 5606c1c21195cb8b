"""Many single-document updates in as few round trips as the store allows.

An update is our own :class:`Update` (filter, update document, upsert), turned into pymongo's
``UpdateOne`` only for a real ``Collection``: mongomock (the embedded stores of ``make run``)
cannot take pymongo 4.20's ``UpdateOne`` in ``bulk_write``, and reading it back through
pymongo's private attributes would tie us to its internals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pymongo import UpdateOne
from pymongo.collection import Collection

# FerretDB 1.24 never answers an update command of 100 or more statements (measured by the
# worker benchmark): send slices. On MongoDB this costs a few more round trips, nothing else.
BULK_SLICE = 50


@dataclass(frozen=True, slots=True)
class Update:
    filter: dict[str, Any]
    update: dict[str, Any]
    upsert: bool = False


def bulk_update(collection: Any, updates: Sequence[Update]) -> None:
    """Apply ``updates`` unordered; raises what the driver raises (``BulkWriteError`` names the
    refused ones), so a caller that acknowledges work does so only after every slice landed."""
    if isinstance(collection, Collection):
        ops = [UpdateOne(u.filter, u.update, upsert=u.upsert) for u in updates]
        for start in range(0, len(ops), BULK_SLICE):
            collection.bulk_write(ops[start : start + BULK_SLICE], ordered=False)
        return
    for u in updates:  # an embedded (mongomock) collection: one by one
        collection.update_one(u.filter, u.update, upsert=u.upsert)
