from typing import Literal

WebhookDeliveryEvent = Literal[
    "domain.created",
    "link.clicked",
    "link.created",
    "link.deleted",
    "link.updated",
    "member.added",
    "member.removed",
    "webhook.test",
]

WEBHOOK_DELIVERY_EVENT_VALUES: set[WebhookDeliveryEvent] = {
    "domain.created",
    "link.clicked",
    "link.created",
    "link.deleted",
    "link.updated",
    "member.added",
    "member.removed",
    "webhook.test",
}


def check_webhook_delivery_event(value: str) -> WebhookDeliveryEvent:
    if value in WEBHOOK_DELIVERY_EVENT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WEBHOOK_DELIVERY_EVENT_VALUES!r}"
    )
