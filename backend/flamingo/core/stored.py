"""What every stored model shares (issue 20's one model per stored thing): the id type, the
document type at the driver boundary, and a base that reads a document as the driver hands it.

One place for the rules each collection's model otherwise repeated: ids are ObjectIds in MongoDB
and strings everywhere else, a document may carry fields the model does not name (an older or
newer version of the app wrote it), and every datetime read back is timezone-aware.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

from bson import ObjectId
from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

from flamingo.core.timefmt import aware

Document = dict[str, Any]
Oid = Annotated[str, BeforeValidator(str)]  # stored as an ObjectId


def new_oid() -> str:
    """A new id, as the API shows it (``str(ObjectId())``)."""
    return str(ObjectId())


class StoredModel(BaseModel):
    """A stored thing: immutable, read by field name or by the document's own name (``_id``),
    ignoring what it does not know, with every datetime aware."""

    model_config = ConfigDict(frozen=True, extra="ignore", validate_by_name=True)
    created_at: datetime

    @model_validator(mode="before")
    @classmethod
    def _aware(cls, data: Any) -> Any:
        # Drivers and mocks may hand back naive UTC datetimes: every comparison needs aware ones.
        if not isinstance(data, Mapping):
            return data
        return {k: aware(v) if isinstance(v, datetime) else v for k, v in data.items()}
