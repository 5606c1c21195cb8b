from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.link_page import LinkPage
from ...models.list_links_sort import ListLinksSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    q: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    sort: ListLinksSort | Unset = "newest",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["limit"] = limit

    params["q"] = q

    params["workspace_id"] = workspace_id

    params["tag"] = tag

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort

    params["sort"] = json_sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/links",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LinkPage | Problem:
    if response.status_code == 200:
        response_200 = LinkPage.from_dict(response.json())

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
) -> Response[LinkPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    q: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    sort: ListLinksSort | Unset = "newest",
) -> Response[LinkPage | Problem]:
    """The caller's links, newest (or most clicked) first.

     Needs scope `links:read`. `q` searches title, target and code (substring, case-insensitive); `tag`
    keeps links carrying that tag. Each item carries its `clicks` (all-time and the last 7 UTC days) and
    its `state`.

    Args:
        cursor (str | Unset):
        limit (int | Unset):  Default: 20.
        q (str | Unset):
        workspace_id (str | Unset):
        tag (str | Unset):
        sort (ListLinksSort | Unset):  Default: 'newest'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LinkPage | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        q=q,
        workspace_id=workspace_id,
        tag=tag,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    q: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    sort: ListLinksSort | Unset = "newest",
) -> LinkPage | Problem | None:
    """The caller's links, newest (or most clicked) first.

     Needs scope `links:read`. `q` searches title, target and code (substring, case-insensitive); `tag`
    keeps links carrying that tag. Each item carries its `clicks` (all-time and the last 7 UTC days) and
    its `state`.

    Args:
        cursor (str | Unset):
        limit (int | Unset):  Default: 20.
        q (str | Unset):
        workspace_id (str | Unset):
        tag (str | Unset):
        sort (ListLinksSort | Unset):  Default: 'newest'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LinkPage | Problem
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        limit=limit,
        q=q,
        workspace_id=workspace_id,
        tag=tag,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    q: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    sort: ListLinksSort | Unset = "newest",
) -> Response[LinkPage | Problem]:
    """The caller's links, newest (or most clicked) first.

     Needs scope `links:read`. `q` searches title, target and code (substring, case-insensitive); `tag`
    keeps links carrying that tag. Each item carries its `clicks` (all-time and the last 7 UTC days) and
    its `state`.

    Args:
        cursor (str | Unset):
        limit (int | Unset):  Default: 20.
        q (str | Unset):
        workspace_id (str | Unset):
        tag (str | Unset):
        sort (ListLinksSort | Unset):  Default: 'newest'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LinkPage | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        q=q,
        workspace_id=workspace_id,
        tag=tag,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 20,
    q: str | Unset = UNSET,
    workspace_id: str | Unset = UNSET,
    tag: str | Unset = UNSET,
    sort: ListLinksSort | Unset = "newest",
) -> LinkPage | Problem | None:
    """The caller's links, newest (or most clicked) first.

     Needs scope `links:read`. `q` searches title, target and code (substring, case-insensitive); `tag`
    keeps links carrying that tag. Each item carries its `clicks` (all-time and the last 7 UTC days) and
    its `state`.

    Args:
        cursor (str | Unset):
        limit (int | Unset):  Default: 20.
        q (str | Unset):
        workspace_id (str | Unset):
        tag (str | Unset):
        sort (ListLinksSort | Unset):  Default: 'newest'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LinkPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            limit=limit,
            q=q,
            workspace_id=workspace_id,
            tag=tag,
            sort=sort,
        )
    ).parsed
