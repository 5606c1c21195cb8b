from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.email_verified import EmailVerified
from ...models.problem import Problem
from ...models.verify_email import VerifyEmail
from ...types import Response


def _get_kwargs(
    *,
    body: VerifyEmail,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/verify-email",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EmailVerified | Problem:
    if response.status_code == 200:
        response_200 = EmailVerified.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

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
) -> Response[EmailVerified | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyEmail,
) -> Response[EmailVerified | Problem]:
    """Prove an email address with the token of a verification link.

     The token of `<PUBLIC_BASE_URL>/app/verify-email/<token>`, sent at signup and by `POST
    /api/v1/auth/verify-email/resend` (mailed; without `SMTP_HOST` logged as one line `email
    verification link for <email>:<link>`). Single use, expiring after `EMAIL_VERIFICATION_TTL_HOURS`;
    no sign-in needed (the link may be opened on another device). 404 `verification-not-found` for an
    unknown, replaced or malformed token, 409 `verification-used`, 410 `verification-expired`.

    Args:
        body (VerifyEmail):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmailVerified | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyEmail,
) -> EmailVerified | Problem | None:
    """Prove an email address with the token of a verification link.

     The token of `<PUBLIC_BASE_URL>/app/verify-email/<token>`, sent at signup and by `POST
    /api/v1/auth/verify-email/resend` (mailed; without `SMTP_HOST` logged as one line `email
    verification link for <email>:<link>`). Single use, expiring after `EMAIL_VERIFICATION_TTL_HOURS`;
    no sign-in needed (the link may be opened on another device). 404 `verification-not-found` for an
    unknown, replaced or malformed token, 409 `verification-used`, 410 `verification-expired`.

    Args:
        body (VerifyEmail):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmailVerified | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyEmail,
) -> Response[EmailVerified | Problem]:
    """Prove an email address with the token of a verification link.

     The token of `<PUBLIC_BASE_URL>/app/verify-email/<token>`, sent at signup and by `POST
    /api/v1/auth/verify-email/resend` (mailed; without `SMTP_HOST` logged as one line `email
    verification link for <email>:<link>`). Single use, expiring after `EMAIL_VERIFICATION_TTL_HOURS`;
    no sign-in needed (the link may be opened on another device). 404 `verification-not-found` for an
    unknown, replaced or malformed token, 409 `verification-used`, 410 `verification-expired`.

    Args:
        body (VerifyEmail):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EmailVerified | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyEmail,
) -> EmailVerified | Problem | None:
    """Prove an email address with the token of a verification link.

     The token of `<PUBLIC_BASE_URL>/app/verify-email/<token>`, sent at signup and by `POST
    /api/v1/auth/verify-email/resend` (mailed; without `SMTP_HOST` logged as one line `email
    verification link for <email>:<link>`). Single use, expiring after `EMAIL_VERIFICATION_TTL_HOURS`;
    no sign-in needed (the link may be opened on another device). 404 `verification-not-found` for an
    unknown, replaced or malformed token, 409 `verification-used`, 410 `verification-expired`.

    Args:
        body (VerifyEmail):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EmailVerified | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
