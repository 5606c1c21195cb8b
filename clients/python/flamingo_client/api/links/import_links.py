from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.import_links_body_type_0 import ImportLinksBodyType0
from ...models.import_links_body_type_1_item import ImportLinksBodyType1Item
from ...models.import_links_from import ImportLinksFrom
from ...models.import_report import ImportReport
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ImportLinksBodyType0 | list[ImportLinksBodyType1Item],
    from_: ImportLinksFrom,
    dry_run: bool | Unset = False,
    workspace_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_from_: str = from_
    params["from"] = json_from_

    params["dry_run"] = dry_run

    params["workspace_id"] = workspace_id

    params["domain"] = domain

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/links/import",
        "params": params,
    }

    if isinstance(body, ImportLinksBodyType0):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = []
        for body_type_1_item_data in body:
            body_type_1_item = body_type_1_item_data.to_dict()
            _kwargs["json"].append(body_type_1_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImportReport | Problem:
    if response.status_code == 200:
        response_200 = ImportReport.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[ImportReport | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImportLinksBodyType0 | list[ImportLinksBodyType1Item],
    from_: ImportLinksFrom,
    dry_run: bool | Unset = False,
    workspace_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
) -> Response[ImportReport | Problem]:
    """Import the links of another shortener (Shlink, YOURLS, Kutt, Bitly).

     Needs scope `links:write` and the member role in the workspace. The body is what the peer's list API
    answers, or a JSON array of such answers (pages): Shlink `GET /rest/v3/short-urls`, YOURLS
    `action=stats&format=json`, Kutt `GET /api/v2/links`, Bitly `GET /v4/groups/{group}/bitlinks`. Each
    record keeps its code, target, title, tags, creation time, expiry, click limit and visit count
    (`clicks_imported`) where the source has them. A code that exists with the same target in the
    workspace is skipped (a re-run creates nothing twice); a code another link holds is a `clash`, never
    overwritten; a bad record is an `error` row and stops nothing. `dry_run=true` checks everything and
    writes nothing. At most 2,000 records per request (413 `too-many-rows`; the body limit is
    MAX_REQUEST_BYTES); the `flamingo import --from` command has no such bound. Every created link is
    audited (`link.create`).

    Args:
        from_ (ImportLinksFrom):
        dry_run (bool | Unset):  Default: False.
        workspace_id (str | Unset):
        domain (str | Unset):
        body (ImportLinksBodyType0 | list[ImportLinksBodyType1Item]): One answer of the peer's
            list API, or an array of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReport | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        from_=from_,
        dry_run=dry_run,
        workspace_id=workspace_id,
        domain=domain,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ImportLinksBodyType0 | list[ImportLinksBodyType1Item],
    from_: ImportLinksFrom,
    dry_run: bool | Unset = False,
    workspace_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
) -> ImportReport | Problem | None:
    """Import the links of another shortener (Shlink, YOURLS, Kutt, Bitly).

     Needs scope `links:write` and the member role in the workspace. The body is what the peer's list API
    answers, or a JSON array of such answers (pages): Shlink `GET /rest/v3/short-urls`, YOURLS
    `action=stats&format=json`, Kutt `GET /api/v2/links`, Bitly `GET /v4/groups/{group}/bitlinks`. Each
    record keeps its code, target, title, tags, creation time, expiry, click limit and visit count
    (`clicks_imported`) where the source has them. A code that exists with the same target in the
    workspace is skipped (a re-run creates nothing twice); a code another link holds is a `clash`, never
    overwritten; a bad record is an `error` row and stops nothing. `dry_run=true` checks everything and
    writes nothing. At most 2,000 records per request (413 `too-many-rows`; the body limit is
    MAX_REQUEST_BYTES); the `flamingo import --from` command has no such bound. Every created link is
    audited (`link.create`).

    Args:
        from_ (ImportLinksFrom):
        dry_run (bool | Unset):  Default: False.
        workspace_id (str | Unset):
        domain (str | Unset):
        body (ImportLinksBodyType0 | list[ImportLinksBodyType1Item]): One answer of the peer's
            list API, or an array of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReport | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        from_=from_,
        dry_run=dry_run,
        workspace_id=workspace_id,
        domain=domain,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ImportLinksBodyType0 | list[ImportLinksBodyType1Item],
    from_: ImportLinksFrom,
    dry_run: bool | Unset = False,
    workspace_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
) -> Response[ImportReport | Problem]:
    """Import the links of another shortener (Shlink, YOURLS, Kutt, Bitly).

     Needs scope `links:write` and the member role in the workspace. The body is what the peer's list API
    answers, or a JSON array of such answers (pages): Shlink `GET /rest/v3/short-urls`, YOURLS
    `action=stats&format=json`, Kutt `GET /api/v2/links`, Bitly `GET /v4/groups/{group}/bitlinks`. Each
    record keeps its code, target, title, tags, creation time, expiry, click limit and visit count
    (`clicks_imported`) where the source has them. A code that exists with the same target in the
    workspace is skipped (a re-run creates nothing twice); a code another link holds is a `clash`, never
    overwritten; a bad record is an `error` row and stops nothing. `dry_run=true` checks everything and
    writes nothing. At most 2,000 records per request (413 `too-many-rows`; the body limit is
    MAX_REQUEST_BYTES); the `flamingo import --from` command has no such bound. Every created link is
    audited (`link.create`).

    Args:
        from_ (ImportLinksFrom):
        dry_run (bool | Unset):  Default: False.
        workspace_id (str | Unset):
        domain (str | Unset):
        body (ImportLinksBodyType0 | list[ImportLinksBodyType1Item]): One answer of the peer's
            list API, or an array of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReport | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        from_=from_,
        dry_run=dry_run,
        workspace_id=workspace_id,
        domain=domain,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ImportLinksBodyType0 | list[ImportLinksBodyType1Item],
    from_: ImportLinksFrom,
    dry_run: bool | Unset = False,
    workspace_id: str | Unset = UNSET,
    domain: str | Unset = UNSET,
) -> ImportReport | Problem | None:
    """Import the links of another shortener (Shlink, YOURLS, Kutt, Bitly).

     Needs scope `links:write` and the member role in the workspace. The body is what the peer's list API
    answers, or a JSON array of such answers (pages): Shlink `GET /rest/v3/short-urls`, YOURLS
    `action=stats&format=json`, Kutt `GET /api/v2/links`, Bitly `GET /v4/groups/{group}/bitlinks`. Each
    record keeps its code, target, title, tags, creation time, expiry, click limit and visit count
    (`clicks_imported`) where the source has them. A code that exists with the same target in the
    workspace is skipped (a re-run creates nothing twice); a code another link holds is a `clash`, never
    overwritten; a bad record is an `error` row and stops nothing. `dry_run=true` checks everything and
    writes nothing. At most 2,000 records per request (413 `too-many-rows`; the body limit is
    MAX_REQUEST_BYTES); the `flamingo import --from` command has no such bound. Every created link is
    audited (`link.create`).

    Args:
        from_ (ImportLinksFrom):
        dry_run (bool | Unset):  Default: False.
        workspace_id (str | Unset):
        domain (str | Unset):
        body (ImportLinksBodyType0 | list[ImportLinksBodyType1Item]): One answer of the peer's
            list API, or an array of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReport | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            from_=from_,
            dry_run=dry_run,
            workspace_id=workspace_id,
            domain=domain,
        )
    ).parsed
