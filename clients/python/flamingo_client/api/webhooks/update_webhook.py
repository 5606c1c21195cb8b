from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook import Webhook
from ...models.webhook_change import WebhookChange
from ...types import Response


def _get_kwargs(
    id: str,
    hook_id: str,
    *,
    body: WebhookChange,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/workspaces/{id}/webhooks/{hook_id}".format(
            id=quote(str(id), safe=""),
            hook_id=quote(str(hook_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Webhook:
    if response.status_code == 200:
        response_200 = Webhook.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | Webhook]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    hook_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookChange,
) -> Response[Problem | Webhook]:
    """Change a webhook's URL, events, description or enabled flag (owners and admins).

     The URL passes the link-target policy (http(s) only, no credentials, not our own domains, not a
    blocked domain, and unless `ALLOW_PRIVATE_TARGETS` no private, loopback or link-local host, nor a
    name resolving to one): 422 with the rule's `type` (e.g. `target-private-address`, `target-scheme-
    not-allowed`) and `errors[0].field` = `url`. An unknown event name is a 422 validation error on
    `events`. Changes need a signed-in session (403 `session-required` for tokens).

    Args:
        id (str):
        hook_id (str):
        body (WebhookChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Webhook]
    """

    kwargs = _get_kwargs(
        id=id,
        hook_id=hook_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    hook_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookChange,
) -> Problem | Webhook | None:
    """Change a webhook's URL, events, description or enabled flag (owners and admins).

     The URL passes the link-target policy (http(s) only, no credentials, not our own domains, not a
    blocked domain, and unless `ALLOW_PRIVATE_TARGETS` no private, loopback or link-local host, nor a
    name resolving to one): 422 with the rule's `type` (e.g. `target-private-address`, `target-scheme-
    not-allowed`) and `errors[0].field` = `url`. An unknown event name is a 422 validation error on
    `events`. Changes need a signed-in session (403 `session-required` for tokens).

    Args:
        id (str):
        hook_id (str):
        body (WebhookChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Webhook
    """

    return sync_detailed(
        id=id,
        hook_id=hook_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    hook_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookChange,
) -> Response[Problem | Webhook]:
    """Change a webhook's URL, events, description or enabled flag (owners and admins).

     The URL passes the link-target policy (http(s) only, no credentials, not our own domains, not a
    blocked domain, and unless `ALLOW_PRIVATE_TARGETS` no private, loopback or link-local host, nor a
    name resolving to one): 422 with the rule's `type` (e.g. `target-private-address`, `target-scheme-
    not-allowed`) and `errors[0].field` = `url`. An unknown event name is a 422 validation error on
    `events`. Changes need a signed-in session (403 `session-required` for tokens).

    Args:
        id (str):
        hook_id (str):
        body (WebhookChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Webhook]
    """

    kwargs = _get_kwargs(
        id=id,
        hook_id=hook_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    hook_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookChange,
) -> Problem | Webhook | None:
    """Change a webhook's URL, events, description or enabled flag (owners and admins).

     The URL passes the link-target policy (http(s) only, no credentials, not our own domains, not a
    blocked domain, and unless `ALLOW_PRIVATE_TARGETS` no private, loopback or link-local host, nor a
    name resolving to one): 422 with the rule's `type` (e.g. `target-private-address`, `target-scheme-
    not-allowed`) and `errors[0].field` = `url`. An unknown event name is a 422 validation error on
    `events`. Changes need a signed-in session (403 `session-required` for tokens).

    Args:
        id (str):
        hook_id (str):
        body (WebhookChange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Webhook
    """

    return (
        await asyncio_detailed(
            id=id,
            hook_id=hook_id,
            client=client,
            body=body,
        )
    ).parsed
