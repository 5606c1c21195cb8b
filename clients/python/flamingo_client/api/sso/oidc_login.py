from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    next_: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["next"] = next_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/auth/oidc/login",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem:
    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    next_: str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Start a single sign-on; 302 to the provider.

     Authorization code with PKCE (S256); `state`, `nonce` and the code verifier stay in Redis for
    `OIDC_FLOW_SECONDS`, bound to this browser by the HttpOnly `flamingo_oidc` cookie. A browser
    navigation, not an API call. When the provider cannot be reached, 302 to
    `/app/login?sso_error=provider-unavailable`. Limited per client IP (`RATELIMIT_LOGIN`).

    Args:
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        next_=next_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    next_: str | Unset = UNSET,
) -> Any | Problem | None:
    """Start a single sign-on; 302 to the provider.

     Authorization code with PKCE (S256); `state`, `nonce` and the code verifier stay in Redis for
    `OIDC_FLOW_SECONDS`, bound to this browser by the HttpOnly `flamingo_oidc` cookie. A browser
    navigation, not an API call. When the provider cannot be reached, 302 to
    `/app/login?sso_error=provider-unavailable`. Limited per client IP (`RATELIMIT_LOGIN`).

    Args:
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        client=client,
        next_=next_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    next_: str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Start a single sign-on; 302 to the provider.

     Authorization code with PKCE (S256); `state`, `nonce` and the code verifier stay in Redis for
    `OIDC_FLOW_SECONDS`, bound to this browser by the HttpOnly `flamingo_oidc` cookie. A browser
    navigation, not an API call. When the provider cannot be reached, 302 to
    `/app/login?sso_error=provider-unavailable`. Limited per client IP (`RATELIMIT_LOGIN`).

    Args:
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        next_=next_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    next_: str | Unset = UNSET,
) -> Any | Problem | None:
    """Start a single sign-on; 302 to the provider.

     Authorization code with PKCE (S256); `state`, `nonce` and the code verifier stay in Redis for
    `OIDC_FLOW_SECONDS`, bound to this browser by the HttpOnly `flamingo_oidc` cookie. A browser
    navigation, not an API call. When the provider cannot be reached, 302 to
    `/app/login?sso_error=provider-unavailable`. Limited per client IP (`RATELIMIT_LOGIN`).

    Args:
        next_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            next_=next_,
        )
    ).parsed
