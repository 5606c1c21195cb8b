"""The one timestamp format of the API: RFC 3339 in UTC with milliseconds, ``…T12:34:56.789Z``.

Milliseconds because that is what BSON stores: a value the API answers with equals what a later
read returns. The OpenAPI document describes it once (``components.schemas.Timestamp``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, overload

from pydantic import PlainSerializer, WithJsonSchema
from typing_extensions import TypeAliasType


def aware(moment: datetime | None) -> datetime | None:
    """Drivers and mocks may hand back naive UTC datetimes; make them explicit."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


@overload
def iso(moment: datetime) -> str: ...
@overload
def iso(moment: None) -> None: ...
@overload
def iso(moment: datetime | None) -> str | None: ...
def iso(moment: datetime | None) -> str | None:
    moment = aware(moment)
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now() -> datetime:
    """The current instant, truncated to what BSON stores (milliseconds)."""
    moment = datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


# A datetime that answers as :func:`iso` (JSON mode only: stored documents keep the datetime).
# Its JSON Schema is the document's one ``components.schemas.Timestamp`` (see http.openapi).
Timestamp = TypeAliasType(
    "Timestamp",
    Annotated[
        datetime,
        PlainSerializer(iso, return_type=str, when_used="json"),
        WithJsonSchema(
            {
                "type": "string",
                "format": "date-time",
                "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$",
                "description": "The one timestamp format of every answer: RFC 3339 in UTC with"
                " milliseconds (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339"
                " instant with an offset.",
                "examples": ["2026-12-01T18:57:24.123Z"],
            },
            mode="serialization",
        ),
    ],
)
