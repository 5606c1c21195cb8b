from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.webhook_create import WebhookCreate
from ...models.webhook_created import WebhookCreated
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: WebhookCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/workspaces/{id}/webhooks".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | WebhookCreated:
    if response.status_code == 201:
        response_201 = WebhookCreated.from_dict(response.json())

        return response_201

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Problem | WebhookCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookCreate,
) -> Response[Problem | WebhookCreated]:
    """Create a webhook (owners and admins); the answer carries its signing secret, shown once.

     The URL passes the link-target policy (http(s) only, no credentials, not our own domains, not a
    blocked domain, and unless `ALLOW_PRIVATE_TARGETS` no private, loopback or link-local host, nor a
    name resolving to one): 422 with the rule's `type` (e.g. `target-private-address`, `target-scheme-
    not-allowed`) and `errors[0].field` = `url`. An unknown event name is a 422 validation error on
    `events`. Changes need a signed-in session (403 `session-required` for tokens).

    Args:
        id (str):
        body (WebhookCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookCreated]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookCreate,
) -> Problem | WebhookCreated | None:
    """Create a webhook (owners and admins); the answer carries its signing secret, shown once.

     The URL passes the link-target policy (http(s) only, no credentials, not our own domains, not a
    blocked domain, and unless `ALLOW_PRIVATE_TARGETS` no private, loopback or link-local host, nor a
    name resolving to one): 422 with the rule's `type` (e.g. `target-private-address`, `target-scheme-
    not-allowed`) and `errors[0].field` = `url`. An unknown event name is a 422 validation error on
    `events`. Changes need a signed-in session (403 `session-required` for tokens).

    Args:
        id (str):
        body (WebhookCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookCreated
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookCreate,
) -> Response[Problem | WebhookCreated]:
    """Create a webhook (owners and admins); the answer carries its signing secret, shown once.

     The URL passes the link-target policy (http(s) only, no credentials, not our own domains, not a
    blocked domain, and unless `ALLOW_PRIVATE_TARGETS` no private, loopback or link-local host, nor a
    name resolving to one): 422 with the rule's `type` (e.g. `target-private-address`, `target-scheme-
    not-allowed`) and `errors[0].field` = `url`. An unknown event name is a 422 validation error on
    `events`. Changes need a signed-in session (403 `session-required` for tokens).

    Args:
        id (str):
        body (WebhookCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookCreated]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    body: WebhookCreate,
) -> Problem | WebhookCreated | None:
    """Create a webhook (owners and admins); the answer carries its signing secret, shown once.

     The URL passes the link-target policy (http(s) only, no credentials, not our own domains, not a
    blocked domain, and unless `ALLOW_PRIVATE_TARGETS` no private, loopback or link-local host, nor a
    name resolving to one): 422 with the rule's `type` (e.g. `target-private-address`, `target-scheme-
    not-allowed`) and `errors[0].field` = `url`. An unknown event name is a 422 validation error on
    `events`. Changes need a signed-in session (403 `session-required` for tokens).

    Args:
        id (str):
        body (WebhookCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookCreated
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
