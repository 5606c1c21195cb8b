"""A webhook and a delivery: their fields as stored and as the API answers them (the OpenAPI
``Webhook``, ``WebhookCreated``, ``WebhookDelivery``… schemas are generated from here).

Documents::

    webhooks            _id ObjectId, workspace_id ObjectId, url, events [name], description,
                        enabled, secret "whsec_…", previous_secret | None,
                        previous_secret_until | None (the old secret still signs until then),
                        failures (consecutive deliveries whose every attempt failed),
                        disabled_reason | None, created_by, created_at, updated_at
    webhook_deliveries  _id "dlv_…", hook_id, workspace_id, msg_id "msg_…" (the ``webhook-id``
                        header: the same on every attempt and on a redelivery), event_type,
                        events (how many events the body carries), body (the exact signed
                        bytes, as text), status pending|delivered|failed, attempts, next_at,
                        last_attempt_at, status_code, latency_ms, response_excerpt, error,
                        created_at
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from bson import ObjectId
from pydantic import BaseModel, ConfigDict, Field, StrictStr
from typing_extensions import TypeAliasType

from flamingo.core.stored import Document, Oid, StoredModel, new_oid
from flamingo.core.timefmt import Timestamp
from flamingo.http.render import Answer

EventName = Literal[
    "link.created",
    "link.updated",
    "link.deleted",
    "link.clicked",
    "member.added",
    "member.removed",
    "domain.created",
]
EVENT_NAMES: tuple[str, ...] = get_args(EventName)
WebhookEvent = TypeAliasType("WebhookEvent", EventName)  # one named schema in the document
# What a delivery carries: an event, or the test event of POST …/webhooks/{id}/test.
WebhookDeliveryEvent = TypeAliasType("WebhookDeliveryEvent", Literal[EventName, "webhook.test"])
DeliveryStatus = Literal["pending", "delivered", "failed"]
TEST_EVENT = "webhook.test"  # POST …/webhooks/{id}/test: one attempt, never counted
SECRET_PREFIX = "whsec_"  # noqa: S105 - the format's prefix, not a secret
SECRET_BYTES = 32


def new_secret() -> str:
    """A signing secret in the Standard Webhooks form: ``whsec_`` + base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(18)}"


class _Stored(StoredModel):
    def changed(self, changes: Mapping[str, Any]) -> Any:
        return self.model_validate({**self.model_dump(), **changes})


class Webhook(_Stored):
    id: Oid = Field(default_factory=new_oid, validation_alias="_id")
    workspace_id: Oid
    url: str
    events: list[str]
    description: str | None = None
    enabled: bool = True
    secret: str
    previous_secret: str | None = None
    previous_secret_until: datetime | None = None
    failures: int = 0
    disabled_reason: str | None = None
    created_by: Oid | None = None
    updated_at: datetime

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Webhook:
        return cls.model_validate(doc)

    def to_doc(self) -> Document:
        doc = {"_id": ObjectId(self.id), **self.model_dump(exclude={"id"})}
        doc["workspace_id"] = ObjectId(self.workspace_id)
        if self.created_by is not None:
            doc["created_by"] = ObjectId(self.created_by)
        return doc

    def signing_secrets(self, moment: datetime) -> list[str]:
        """The current secret, and the previous one while it is still valid (after a rotation)."""
        keep = self.previous_secret is not None and (
            self.previous_secret_until is not None and moment < self.previous_secret_until
        )
        return [self.secret, *([self.previous_secret] if keep and self.previous_secret else [])]

    def wants(self, event_type: str) -> bool:
        return self.enabled and event_type in self.events

    def out(self) -> WebhookOut:
        return WebhookOut.model_validate(
            {
                **self.model_dump(include=set(WebhookOut.model_fields)),
                "previous_secret_expires_at": self.previous_secret_until
                if self.previous_secret
                else None,
            }
        )


class Delivery(_Stored):
    id: str = Field(default_factory=lambda: new_id("dlv"), validation_alias="_id")
    hook_id: Oid
    workspace_id: Oid
    msg_id: str = Field(default_factory=lambda: new_id("msg"))
    event_type: str
    events: int = 1
    body: str
    status: DeliveryStatus = "pending"
    attempts: int = 0
    next_at: datetime | None = None
    last_attempt_at: datetime | None = None
    status_code: int | None = None
    latency_ms: int | None = None
    response_excerpt: str | None = None
    error: str | None = None

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Delivery:
        return cls.model_validate(doc)

    def to_doc(self) -> Document:
        doc = {"_id": self.id, **self.model_dump(exclude={"id"})}
        doc["hook_id"] = ObjectId(self.hook_id)
        doc["workspace_id"] = ObjectId(self.workspace_id)
        return doc

    def out(self) -> DeliveryOut:
        fields = self.model_dump(include=set(DeliveryOut.model_fields))
        return DeliveryOut.model_validate(
            {**fields, "webhook_id": self.hook_id, "next_attempt_at": self.next_at}
        )


# --- requests ---------------------------------------------------------------------------------


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Url = Annotated[StrictStr, Field(min_length=1, max_length=2048, description="An http(s) URL.")]
Events = Annotated[
    list[WebhookEvent],
    Field(min_length=1, max_length=len(EVENT_NAMES), description="The events to deliver."),
]
Description = Annotated[StrictStr, Field(max_length=500)]


class WebhookCreate(_Body):
    url: Url
    events: Events
    description: Description | None = None
    enabled: bool = True


class WebhookPatch(_Body):
    model_config = ConfigDict(title="WebhookChange")
    url: Url | None = None
    events: Events | None = None
    description: Description | None = None
    enabled: bool | None = None


# --- answers ----------------------------------------------------------------------------------


class WebhookOut(Answer):
    model_config = ConfigDict(title="Webhook")
    id: str
    workspace_id: str
    url: str
    events: list[WebhookEvent]
    description: str | None
    enabled: bool
    disabled_reason: str | None = Field(
        description="Why the worker disabled it (`gone`: the receiver answered 410; "
        "`failing`: too many failed deliveries in a row); null when enabled or disabled by hand."
    )
    failures: int = Field(ge=0, description="Deliveries in a row whose every attempt failed.")
    previous_secret_expires_at: Timestamp | None = Field(
        description="After a rotation: until when the previous secret still signs (24 h)."
    )
    created_at: Timestamp
    updated_at: Timestamp


class WebhookCreated(WebhookOut):
    model_config = ConfigDict(title="WebhookCreated")
    secret: str = Field(
        pattern=r"^whsec_[A-Za-z0-9+/]{43}=$",
        description="The signing secret (Standard Webhooks): shown here only.",
    )


class WebhookList(Answer):
    items: list[WebhookOut]


class DeliveryOut(Answer):
    model_config = ConfigDict(title="WebhookDelivery")
    id: str
    webhook_id: str
    msg_id: str = Field(description="The `webhook-id` header: the same on every attempt.")
    event_type: WebhookDeliveryEvent
    events: int = Field(ge=1, description="Events in the body (link.clicked is batched).")
    status: DeliveryStatus
    attempts: int = Field(ge=0)
    status_code: int | None = Field(description="The receiver's last HTTP status.")
    latency_ms: int | None = Field(description="How long the last attempt took.")
    response_excerpt: str | None = Field(description="The start of the last answer's body.")
    error: str | None = Field(description="Why the last attempt failed, if it did.")
    created_at: Timestamp
    last_attempt_at: Timestamp | None
    next_attempt_at: Timestamp | None


class DeliveryList(Answer):
    items: list[DeliveryOut]
