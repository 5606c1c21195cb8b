from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    code: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/{code}".format(
            code=quote(str(code), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem:
    if response.status_code == 301:
        response_301 = cast(Any, None)
        return response_301

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 307:
        response_307 = cast(Any, None)
        return response_307

    if response.status_code == 308:
        response_308 = cast(Any, None)
        return response_308

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    response_default = Problem.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Problem]:
    """Follow a short link.

     302 by default, or the link's own 301/307/308 (permanent ones with a bounded
    `Cache-Control: max-age`). A password-protected link redirects to the SPA's
    `/app/unlock/{code}`. Unknown codes answer 404, expired, disabled or exhausted links 410:
    a small HTML page, or problem+json when `Accept` prefers JSON.

    Args:
        code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        code=code,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    code: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Problem | None:
    """Follow a short link.

     302 by default, or the link's own 301/307/308 (permanent ones with a bounded
    `Cache-Control: max-age`). A password-protected link redirects to the SPA's
    `/app/unlock/{code}`. Unknown codes answer 404, expired, disabled or exhausted links 410:
    a small HTML page, or problem+json when `Accept` prefers JSON.

    Args:
        code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        code=code,
        client=client,
    ).parsed


async def asyncio_detailed(
    code: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Problem]:
    """Follow a short link.

     302 by default, or the link's own 301/307/308 (permanent ones with a bounded
    `Cache-Control: max-age`). A password-protected link redirects to the SPA's
    `/app/unlock/{code}`. Unknown codes answer 404, expired, disabled or exhausted links 410:
    a small HTML page, or problem+json when `Accept` prefers JSON.

    Args:
        code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        code=code,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    code: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Problem | None:
    """Follow a short link.

     302 by default, or the link's own 301/307/308 (permanent ones with a bounded
    `Cache-Control: max-age`). A password-protected link redirects to the SPA's
    `/app/unlock/{code}`. Unknown codes answer 404, expired, disabled or exhausted links 410:
    a small HTML page, or problem+json when `Accept` prefers JSON.

    Args:
        code (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            code=code,
            client=client,
        )
    ).parsed
