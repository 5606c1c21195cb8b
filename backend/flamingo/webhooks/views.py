"""``/api/v1/workspaces/{id}/webhooks``: a workspace's webhooks, their secrets and delivery log.

Views parse, call :class:`WebhookService` (which decides who may) and render models.
"""

from __future__ import annotations

from flask import Blueprint, Response

from flamingo.accounts.auth import current_principal, require_auth
from flamingo.core import context
from flamingo.http.bodies import json_body
from flamingo.http.openapi import Contract
from flamingo.http.render import answer
from flamingo.webhooks.hook import (
    DeliveryList,
    DeliveryOut,
    WebhookCreate,
    WebhookCreated,
    WebhookList,
    WebhookOut,
    WebhookPatch,
)
from flamingo.webhooks.payloads import PAYLOADS
from flamingo.webhooks.service import WebhookService

bp = Blueprint("webhooks", __name__, url_prefix="/api/v1/workspaces/<workspace_id>/webhooks")

CONTRACT = Contract(
    requests=(WebhookCreate, WebhookPatch),
    responses=(WebhookOut, WebhookCreated, WebhookList, DeliveryOut, DeliveryList, *PAYLOADS),
)


def _service() -> WebhookService:
    return context.service(WebhookService)


@bp.post("")
@require_auth()
def create_webhook(workspace_id: str) -> tuple[Response, int, dict[str, str]]:
    body = json_body(WebhookCreate)
    hook = _service().create(current_principal(), workspace_id, body)
    location = f"/api/v1/workspaces/{workspace_id}/webhooks/{hook.id}"
    return answer(hook), 201, {"Location": location}


@bp.get("")
@require_auth()
def list_webhooks(workspace_id: str) -> Response:
    return answer(WebhookList(items=_service().hooks(current_principal(), workspace_id)))


@bp.get("/<hook_id>")
@require_auth()
def get_webhook(workspace_id: str, hook_id: str) -> Response:
    return answer(_service().get(current_principal(), workspace_id, hook_id))


@bp.patch("/<hook_id>")
@require_auth()
def patch_webhook(workspace_id: str, hook_id: str) -> Response:
    body = json_body(WebhookPatch)
    return answer(_service().update(current_principal(), workspace_id, hook_id, body))


@bp.delete("/<hook_id>")
@require_auth()
def delete_webhook(workspace_id: str, hook_id: str) -> Response:
    _service().delete(current_principal(), workspace_id, hook_id)
    return Response(status=204)


@bp.post("/<hook_id>/rotate-secret")
@require_auth()
def rotate_secret(workspace_id: str, hook_id: str) -> Response:
    return answer(_service().rotate(current_principal(), workspace_id, hook_id))


@bp.get("/<hook_id>/deliveries")
@require_auth()
def list_deliveries(workspace_id: str, hook_id: str) -> Response:
    items = _service().deliveries(current_principal(), workspace_id, hook_id)
    return answer(DeliveryList(items=items))


@bp.post("/<hook_id>/test")
@require_auth()
def send_test(workspace_id: str, hook_id: str) -> tuple[Response, int]:
    return answer(_service().send_test(current_principal(), workspace_id, hook_id)), 202


@bp.post("/<hook_id>/deliveries/<delivery_id>/redeliver")
@require_auth()
def redeliver(workspace_id: str, hook_id: str, delivery_id: str) -> tuple[Response, int]:
    service = _service()
    return answer(service.redeliver(current_principal(), workspace_id, hook_id, delivery_id)), 202
