from http import HTTPStatus
from typing import Any, cast

import httpx

from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: str | Unset = UNSET,
    code: str | Unset = UNSET,
    error: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["state"] = state

    params["code"] = code

    params["error"] = error

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/auth/oidc/callback",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem:
    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

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
    state: str | Unset = UNSET,
    code: str | Unset = UNSET,
    error: str | Unset = UNSET,
) -> Response[Any | Problem]:
    """The provider's redirect back; starts a session exactly as a password login.

     Takes the flow (single use), checks `state`, exchanges `code` with the PKCE verifier, verifies the
    ID token (JWKS signature, `iss`, `aud`/`azp`, `exp`, `iat`, `nonce`, each nonce used once), requires
    `email_verified` and an email domain in `OIDC_ALLOWED_DOMAINS`, creates the user at the first sign-
    in (no password), then sets the session and CSRF cookies and redirects to `/app/`. Every failure
    redirects to `/app/login?sso_error=<code>`, one of `flow-expired`, `state-mismatch`, `provider-
    refused`, `invalid-callback`, `code-exchange-failed`, `invalid-id-token`, `nonce-replayed`, `email-
    missing`, `email-unverified`, `domain-not-allowed`, `account-mismatch`, `account-disabled`,
    `provider-unavailable`, `provider-misconfigured`. Success and failure are both audited. Limited per
    client IP (`RATELIMIT_LOGIN`, a counter of its own).

    Args:
        state (str | Unset):
        code (str | Unset):
        error (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        code=code,
        error=error,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    state: str | Unset = UNSET,
    code: str | Unset = UNSET,
    error: str | Unset = UNSET,
) -> Any | Problem | None:
    """The provider's redirect back; starts a session exactly as a password login.

     Takes the flow (single use), checks `state`, exchanges `code` with the PKCE verifier, verifies the
    ID token (JWKS signature, `iss`, `aud`/`azp`, `exp`, `iat`, `nonce`, each nonce used once), requires
    `email_verified` and an email domain in `OIDC_ALLOWED_DOMAINS`, creates the user at the first sign-
    in (no password), then sets the session and CSRF cookies and redirects to `/app/`. Every failure
    redirects to `/app/login?sso_error=<code>`, one of `flow-expired`, `state-mismatch`, `provider-
    refused`, `invalid-callback`, `code-exchange-failed`, `invalid-id-token`, `nonce-replayed`, `email-
    missing`, `email-unverified`, `domain-not-allowed`, `account-mismatch`, `account-disabled`,
    `provider-unavailable`, `provider-misconfigured`. Success and failure are both audited. Limited per
    client IP (`RATELIMIT_LOGIN`, a counter of its own).

    Args:
        state (str | Unset):
        code (str | Unset):
        error (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        client=client,
        state=state,
        code=code,
        error=error,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    state: str | Unset = UNSET,
    code: str | Unset = UNSET,
    error: str | Unset = UNSET,
) -> Response[Any | Problem]:
    """The provider's redirect back; starts a session exactly as a password login.

     Takes the flow (single use), checks `state`, exchanges `code` with the PKCE verifier, verifies the
    ID token (JWKS signature, `iss`, `aud`/`azp`, `exp`, `iat`, `nonce`, each nonce used once), requires
    `email_verified` and an email domain in `OIDC_ALLOWED_DOMAINS`, creates the user at the first sign-
    in (no password), then sets the session and CSRF cookies and redirects to `/app/`. Every failure
    redirects to `/app/login?sso_error=<code>`, one of `flow-expired`, `state-mismatch`, `provider-
    refused`, `invalid-callback`, `code-exchange-failed`, `invalid-id-token`, `nonce-replayed`, `email-
    missing`, `email-unverified`, `domain-not-allowed`, `account-mismatch`, `account-disabled`,
    `provider-unavailable`, `provider-misconfigured`. Success and failure are both audited. Limited per
    client IP (`RATELIMIT_LOGIN`, a counter of its own).

    Args:
        state (str | Unset):
        code (str | Unset):
        error (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        code=code,
        error=error,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    state: str | Unset = UNSET,
    code: str | Unset = UNSET,
    error: str | Unset = UNSET,
) -> Any | Problem | None:
    """The provider's redirect back; starts a session exactly as a password login.

     Takes the flow (single use), checks `state`, exchanges `code` with the PKCE verifier, verifies the
    ID token (JWKS signature, `iss`, `aud`/`azp`, `exp`, `iat`, `nonce`, each nonce used once), requires
    `email_verified` and an email domain in `OIDC_ALLOWED_DOMAINS`, creates the user at the first sign-
    in (no password), then sets the session and CSRF cookies and redirects to `/app/`. Every failure
    redirects to `/app/login?sso_error=<code>`, one of `flow-expired`, `state-mismatch`, `provider-
    refused`, `invalid-callback`, `code-exchange-failed`, `invalid-id-token`, `nonce-replayed`, `email-
    missing`, `email-unverified`, `domain-not-allowed`, `account-mismatch`, `account-disabled`,
    `provider-unavailable`, `provider-misconfigured`. Success and failure are both audited. Limited per
    client IP (`RATELIMIT_LOGIN`, a counter of its own).

    Args:
        state (str | Unset):
        code (str | Unset):
        error (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            code=code,
            error=error,
        )
    ).parsed
