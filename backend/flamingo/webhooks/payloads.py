"""The ``data`` of each webhook event: the OpenAPI document's ``webhooks`` section names every
event with its payload schema, generated from these models (``link.created`` and
``link.updated`` carry the ``Link`` the API answers with)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from flamingo.core.timefmt import Timestamp
from flamingo.http.render import Answer
from flamingo.workspaces.models import WorkspaceRole


class _Payload(Answer):
    """A payload is written like an answer: the same schema rules."""


class LinkDeletedData(_Payload):
    id: str
    workspace_id: str
    domain: str | None
    code: str
    target: str


class ClickData(_Payload):
    model_config = ConfigDict(title="WebhookClick")
    link_id: str
    code: str
    workspace_id: str
    clicked_at: Timestamp
    referrer: str | None = Field(description="The referring host, if any.")
    country: str | None = Field(description="From the load balancer's geo header, if any.")
    bot: bool
    browser: str
    os: str
    device: str


class LinkClickedData(_Payload):
    clicks: list[ClickData] = Field(
        min_length=1,
        max_length=100,
        description="Clicks are batched: one delivery carries up to 100 of one workspace's "
        "clicks, so a hot link cannot flood a receiver. No IP, no visitor hash.",
    )


class MemberEventData(_Payload):
    workspace_id: str
    user_id: str
    role: WorkspaceRole


class DomainCreatedData(_Payload):
    host: str = Field(description="The new branded domain (instance-wide: every workspace).")


class WebhookTestData(_Payload):
    webhook_id: str
    workspace_id: str


PAYLOADS = (
    LinkDeletedData,
    ClickData,
    LinkClickedData,
    MemberEventData,
    DomainCreatedData,
    WebhookTestData,
)
