from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.invitation_create import InvitationCreate
from ...models.invitation_created import InvitationCreated
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: InvitationCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/workspaces/{id}/invitations".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InvitationCreated | Problem:
    if response.status_code == 201:
        response_201 = InvitationCreated.from_dict(response.json())

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
) -> Response[InvitationCreated | Problem]:
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
    body: InvitationCreate,
) -> Response[InvitationCreated | Problem]:
    """Invite an email address with a role (admins; owners to invite owners).

     Changes need a signed-in session (403 `session-required` for tokens). `token` is in this answer only
    (stored hashed); it is mailed when SMTP is configured. Single use, bound to the email, expiring
    after `INVITATION_TTL_HOURS`.

    Args:
        id (str):
        body (InvitationCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvitationCreated | Problem]
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
    body: InvitationCreate,
) -> InvitationCreated | Problem | None:
    """Invite an email address with a role (admins; owners to invite owners).

     Changes need a signed-in session (403 `session-required` for tokens). `token` is in this answer only
    (stored hashed); it is mailed when SMTP is configured. Single use, bound to the email, expiring
    after `INVITATION_TTL_HOURS`.

    Args:
        id (str):
        body (InvitationCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvitationCreated | Problem
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
    body: InvitationCreate,
) -> Response[InvitationCreated | Problem]:
    """Invite an email address with a role (admins; owners to invite owners).

     Changes need a signed-in session (403 `session-required` for tokens). `token` is in this answer only
    (stored hashed); it is mailed when SMTP is configured. Single use, bound to the email, expiring
    after `INVITATION_TTL_HOURS`.

    Args:
        id (str):
        body (InvitationCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InvitationCreated | Problem]
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
    body: InvitationCreate,
) -> InvitationCreated | Problem | None:
    """Invite an email address with a role (admins; owners to invite owners).

     Changes need a signed-in session (403 `session-required` for tokens). `token` is in this answer only
    (stored hashed); it is mailed when SMTP is configured. Single use, bound to the email, expiring
    after `INVITATION_TTL_HOURS`.

    Args:
        id (str):
        body (InvitationCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InvitationCreated | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
