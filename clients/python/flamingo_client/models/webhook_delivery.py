from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_delivery_event import (
    WebhookDeliveryEvent,
    check_webhook_delivery_event,
)
from ..models.webhook_delivery_status import (
    WebhookDeliveryStatus,
    check_webhook_delivery_status,
)

T = TypeVar("T", bound="WebhookDelivery")


@_attrs_define
class WebhookDelivery:
    """
    Attributes:
        attempts (int):
        created_at (datetime.datetime): The one timestamp format of every answer: RFC 3339 in UTC with milliseconds
            (`2026-12-01T18:57:24.123Z`). Request fields accept any RFC 3339 instant with an offset.
        error (None | str): Why the last attempt failed, if it did.
        event_type (WebhookDeliveryEvent):
        events (int): Events in the body (link.clicked is batched).
        id (str):
        last_attempt_at (datetime.datetime | None):
        latency_ms (int | None): How long the last attempt took.
        msg_id (str): The `webhook-id` header: the same on every attempt.
        next_attempt_at (datetime.datetime | None):
        response_excerpt (None | str): The start of the last answer's body.
        status (WebhookDeliveryStatus):
        status_code (int | None): The receiver's last HTTP status.
        webhook_id (str):
    """

    attempts: int
    created_at: datetime.datetime
    error: None | str
    event_type: WebhookDeliveryEvent
    events: int
    id: str
    last_attempt_at: datetime.datetime | None
    latency_ms: int | None
    msg_id: str
    next_attempt_at: datetime.datetime | None
    response_excerpt: None | str
    status: WebhookDeliveryStatus
    status_code: int | None
    webhook_id: str

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        created_at = self.created_at.isoformat()

        error: None | str
        error = self.error

        event_type: str = self.event_type

        events = self.events

        id = self.id

        last_attempt_at: None | str
        if isinstance(self.last_attempt_at, datetime.datetime):
            last_attempt_at = self.last_attempt_at.isoformat()
        else:
            last_attempt_at = self.last_attempt_at

        latency_ms: int | None
        latency_ms = self.latency_ms

        msg_id = self.msg_id

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        response_excerpt: None | str
        response_excerpt = self.response_excerpt

        status: str = self.status

        status_code: int | None
        status_code = self.status_code

        webhook_id = self.webhook_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attempts": attempts,
                "created_at": created_at,
                "error": error,
                "event_type": event_type,
                "events": events,
                "id": id,
                "last_attempt_at": last_attempt_at,
                "latency_ms": latency_ms,
                "msg_id": msg_id,
                "next_attempt_at": next_attempt_at,
                "response_excerpt": response_excerpt,
                "status": status,
                "status_code": status_code,
                "webhook_id": webhook_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attempts = d.pop("attempts")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        event_type = check_webhook_delivery_event(d.pop("event_type"))

        events = d.pop("events")

        id = d.pop("id")

        def _parse_last_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_attempt_at = _parse_last_attempt_at(d.pop("last_attempt_at"))

        def _parse_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms"))

        msg_id = d.pop("msg_id")

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        def _parse_response_excerpt(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        response_excerpt = _parse_response_excerpt(d.pop("response_excerpt"))

        status = check_webhook_delivery_status(d.pop("status"))

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))

        webhook_id = d.pop("webhook_id")

        webhook_delivery = cls(
            attempts=attempts,
            created_at=created_at,
            error=error,
            event_type=event_type,
            events=events,
            id=id,
            last_attempt_at=last_attempt_at,
            latency_ms=latency_ms,
            msg_id=msg_id,
            next_attempt_at=next_attempt_at,
            response_excerpt=response_excerpt,
            status=status,
            status_code=status_code,
            webhook_id=webhook_id,
        )

        return webhook_delivery
