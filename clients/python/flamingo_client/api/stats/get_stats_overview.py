import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.stats_overview import StatsOverview
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params["workspace_id"] = workspace_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/stats/overview",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StatsOverview:
    if response.status_code == 200:
        response_200 = StatsOverview.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | StatsOverview]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
) -> Response[Problem | StatsOverview]:
    """A workspace's clicks over time and its most-clicked links.

     Needs scope `stats:read` and role `viewer` or above in the workspace (a non-member, or a token of
    another workspace, gets 404). Counts the links of that one workspace, whoever made them; instance
    admins may read any workspace's.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatsOverview]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        workspace_id=workspace_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
) -> Problem | StatsOverview | None:
    """A workspace's clicks over time and its most-clicked links.

     Needs scope `stats:read` and role `viewer` or above in the workspace (a non-member, or a token of
    another workspace, gets 404). Counts the links of that one workspace, whoever made them; instance
    admins may read any workspace's.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatsOverview
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        workspace_id=workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
) -> Response[Problem | StatsOverview]:
    """A workspace's clicks over time and its most-clicked links.

     Needs scope `stats:read` and role `viewer` or above in the workspace (a non-member, or a token of
    another workspace, gets 404). Counts the links of that one workspace, whoever made them; instance
    admins may read any workspace's.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatsOverview]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        workspace_id=workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
) -> Problem | StatsOverview | None:
    """A workspace's clicks over time and its most-clicked links.

     Needs scope `stats:read` and role `viewer` or above in the workspace (a non-member, or a token of
    another workspace, gets 404). Counts the links of that one workspace, whoever made them; instance
    admins may read any workspace's.

    Args:
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        workspace_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatsOverview
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            workspace_id=workspace_id,
        )
    ).parsed
