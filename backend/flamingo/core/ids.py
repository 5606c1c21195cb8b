"""Object ids: the API shows ``str(ObjectId)``; anything that cannot be one is simply not found."""

from __future__ import annotations

from bson import ObjectId
from bson.errors import InvalidId


def object_id(value: object) -> ObjectId | None:
    """The ObjectId of an API id, or None when it cannot be one (callers answer 404)."""
    if isinstance(value, ObjectId):
        return value
    try:
        return ObjectId(value)  # type: ignore[arg-type]
    except (InvalidId, TypeError):
        return None
