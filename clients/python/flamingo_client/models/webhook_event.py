from typing import Literal

WebhookEvent = Literal[
    "domain.created",
    "link.clicked",
    "link.created",
    "link.deleted",
    "link.updated",
    "member.added",
    "member.removed",
]

WEBHOOK_EVENT_VALUES: set[WebhookEvent] = {
    "domain.created",
    "link.clicked",
    "link.created",
    "link.deleted",
    "link.updated",
    "member.added",
    "member.removed",
}


def check_webhook_event(value: str) -> WebhookEvent:
    if value in WEBHOOK_EVENT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WEBHOOK_EVENT_VALUES!r}")
