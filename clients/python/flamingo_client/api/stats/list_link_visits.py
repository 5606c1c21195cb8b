import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.list_link_visits_format import (
    ListLinkVisitsFormat,
)
from ...models.problem import Problem
from ...models.visit_page import VisitPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    format_: ListLinkVisitsFormat | Unset = "json",
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    country: list[str] | Unset = UNSET,
    device: list[str] | Unset = UNSET,
    os: list[str] | Unset = UNSET,
    browser: list[str] | Unset = UNSET,
    referrer: list[str] | Unset = UNSET,
    language: list[str] | Unset = UNSET,
    utm_source: list[str] | Unset = UNSET,
    utm_medium: list[str] | Unset = UNSET,
    utm_campaign: list[str] | Unset = UNSET,
    rule: list[str] | Unset = UNSET,
    variant: list[str] | Unset = UNSET,
    bot: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["limit"] = limit

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    json_country: list[str] | Unset = UNSET
    if not isinstance(country, Unset):
        json_country = country

    params["country"] = json_country

    json_device: list[str] | Unset = UNSET
    if not isinstance(device, Unset):
        json_device = device

    params["device"] = json_device

    json_os: list[str] | Unset = UNSET
    if not isinstance(os, Unset):
        json_os = os

    params["os"] = json_os

    json_browser: list[str] | Unset = UNSET
    if not isinstance(browser, Unset):
        json_browser = browser

    params["browser"] = json_browser

    json_referrer: list[str] | Unset = UNSET
    if not isinstance(referrer, Unset):
        json_referrer = referrer

    params["referrer"] = json_referrer

    json_language: list[str] | Unset = UNSET
    if not isinstance(language, Unset):
        json_language = language

    params["language"] = json_language

    json_utm_source: list[str] | Unset = UNSET
    if not isinstance(utm_source, Unset):
        json_utm_source = utm_source

    params["utm_source"] = json_utm_source

    json_utm_medium: list[str] | Unset = UNSET
    if not isinstance(utm_medium, Unset):
        json_utm_medium = utm_medium

    params["utm_medium"] = json_utm_medium

    json_utm_campaign: list[str] | Unset = UNSET
    if not isinstance(utm_campaign, Unset):
        json_utm_campaign = utm_campaign

    params["utm_campaign"] = json_utm_campaign

    json_rule: list[str] | Unset = UNSET
    if not isinstance(rule, Unset):
        json_rule = rule

    params["rule"] = json_rule

    json_variant: list[str] | Unset = UNSET
    if not isinstance(variant, Unset):
        json_variant = variant

    params["variant"] = json_variant

    params["bot"] = bot

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/links/{id}/visits".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | VisitPage:
    if response.status_code == 200:
        response_200 = VisitPage.from_dict(response.json())

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

    if response.status_code == 414:
        response_414 = Problem.from_dict(response.json())

        return response_414

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
) -> Response[Problem | VisitPage]:
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
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    format_: ListLinkVisitsFormat | Unset = "json",
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    country: list[str] | Unset = UNSET,
    device: list[str] | Unset = UNSET,
    os: list[str] | Unset = UNSET,
    browser: list[str] | Unset = UNSET,
    referrer: list[str] | Unset = UNSET,
    language: list[str] | Unset = UNSET,
    utm_source: list[str] | Unset = UNSET,
    utm_medium: list[str] | Unset = UNSET,
    utm_campaign: list[str] | Unset = UNSET,
    rule: list[str] | Unset = UNSET,
    variant: list[str] | Unset = UNSET,
    bot: bool | Unset = UNSET,
) -> Response[Problem | VisitPage]:
    """The link's visits (raw click events), newest first; JSON pages or CSV.

     Needs scope `stats:read`; whoever may read the link. One item per click, never an IP:
    `visitor` is a key that only matches the same visitor within one UTC day. The range
    (`from`/`to`, default the whole retention) must start within
    `CLICK_EVENTS_RETENTION_DAYS` (422 `range-beyond-retention`). Filters as for the stats.

    `format=csv` answers the same visits as `text/csv` (an attachment; a plain link a
    browser can download): one row per visit, the columns are `Visit`'s properties in
    order, formula-like cells prefixed with `'`; `limit` defaults to and may be up to
    100,000 rows there, and when more remain the `X-Next-Cursor` header carries the cursor
    of the next part. In JSON `limit` is 1-1000 (default 50).

    Args:
        id (str):
        cursor (str | Unset):
        limit (int | Unset):
        format_ (ListLinkVisitsFormat | Unset):  Default: 'json'.
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        country (list[str] | Unset):
        device (list[str] | Unset):
        os (list[str] | Unset):
        browser (list[str] | Unset):
        referrer (list[str] | Unset):
        language (list[str] | Unset):
        utm_source (list[str] | Unset):
        utm_medium (list[str] | Unset):
        utm_campaign (list[str] | Unset):
        rule (list[str] | Unset):
        variant (list[str] | Unset):
        bot (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VisitPage]
    """

    kwargs = _get_kwargs(
        id=id,
        cursor=cursor,
        limit=limit,
        format_=format_,
        from_=from_,
        to=to,
        country=country,
        device=device,
        os=os,
        browser=browser,
        referrer=referrer,
        language=language,
        utm_source=utm_source,
        utm_medium=utm_medium,
        utm_campaign=utm_campaign,
        rule=rule,
        variant=variant,
        bot=bot,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    format_: ListLinkVisitsFormat | Unset = "json",
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    country: list[str] | Unset = UNSET,
    device: list[str] | Unset = UNSET,
    os: list[str] | Unset = UNSET,
    browser: list[str] | Unset = UNSET,
    referrer: list[str] | Unset = UNSET,
    language: list[str] | Unset = UNSET,
    utm_source: list[str] | Unset = UNSET,
    utm_medium: list[str] | Unset = UNSET,
    utm_campaign: list[str] | Unset = UNSET,
    rule: list[str] | Unset = UNSET,
    variant: list[str] | Unset = UNSET,
    bot: bool | Unset = UNSET,
) -> Problem | VisitPage | None:
    """The link's visits (raw click events), newest first; JSON pages or CSV.

     Needs scope `stats:read`; whoever may read the link. One item per click, never an IP:
    `visitor` is a key that only matches the same visitor within one UTC day. The range
    (`from`/`to`, default the whole retention) must start within
    `CLICK_EVENTS_RETENTION_DAYS` (422 `range-beyond-retention`). Filters as for the stats.

    `format=csv` answers the same visits as `text/csv` (an attachment; a plain link a
    browser can download): one row per visit, the columns are `Visit`'s properties in
    order, formula-like cells prefixed with `'`; `limit` defaults to and may be up to
    100,000 rows there, and when more remain the `X-Next-Cursor` header carries the cursor
    of the next part. In JSON `limit` is 1-1000 (default 50).

    Args:
        id (str):
        cursor (str | Unset):
        limit (int | Unset):
        format_ (ListLinkVisitsFormat | Unset):  Default: 'json'.
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        country (list[str] | Unset):
        device (list[str] | Unset):
        os (list[str] | Unset):
        browser (list[str] | Unset):
        referrer (list[str] | Unset):
        language (list[str] | Unset):
        utm_source (list[str] | Unset):
        utm_medium (list[str] | Unset):
        utm_campaign (list[str] | Unset):
        rule (list[str] | Unset):
        variant (list[str] | Unset):
        bot (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VisitPage
    """

    return sync_detailed(
        id=id,
        client=client,
        cursor=cursor,
        limit=limit,
        format_=format_,
        from_=from_,
        to=to,
        country=country,
        device=device,
        os=os,
        browser=browser,
        referrer=referrer,
        language=language,
        utm_source=utm_source,
        utm_medium=utm_medium,
        utm_campaign=utm_campaign,
        rule=rule,
        variant=variant,
        bot=bot,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    format_: ListLinkVisitsFormat | Unset = "json",
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    country: list[str] | Unset = UNSET,
    device: list[str] | Unset = UNSET,
    os: list[str] | Unset = UNSET,
    browser: list[str] | Unset = UNSET,
    referrer: list[str] | Unset = UNSET,
    language: list[str] | Unset = UNSET,
    utm_source: list[str] | Unset = UNSET,
    utm_medium: list[str] | Unset = UNSET,
    utm_campaign: list[str] | Unset = UNSET,
    rule: list[str] | Unset = UNSET,
    variant: list[str] | Unset = UNSET,
    bot: bool | Unset = UNSET,
) -> Response[Problem | VisitPage]:
    """The link's visits (raw click events), newest first; JSON pages or CSV.

     Needs scope `stats:read`; whoever may read the link. One item per click, never an IP:
    `visitor` is a key that only matches the same visitor within one UTC day. The range
    (`from`/`to`, default the whole retention) must start within
    `CLICK_EVENTS_RETENTION_DAYS` (422 `range-beyond-retention`). Filters as for the stats.

    `format=csv` answers the same visits as `text/csv` (an attachment; a plain link a
    browser can download): one row per visit, the columns are `Visit`'s properties in
    order, formula-like cells prefixed with `'`; `limit` defaults to and may be up to
    100,000 rows there, and when more remain the `X-Next-Cursor` header carries the cursor
    of the next part. In JSON `limit` is 1-1000 (default 50).

    Args:
        id (str):
        cursor (str | Unset):
        limit (int | Unset):
        format_ (ListLinkVisitsFormat | Unset):  Default: 'json'.
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        country (list[str] | Unset):
        device (list[str] | Unset):
        os (list[str] | Unset):
        browser (list[str] | Unset):
        referrer (list[str] | Unset):
        language (list[str] | Unset):
        utm_source (list[str] | Unset):
        utm_medium (list[str] | Unset):
        utm_campaign (list[str] | Unset):
        rule (list[str] | Unset):
        variant (list[str] | Unset):
        bot (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VisitPage]
    """

    kwargs = _get_kwargs(
        id=id,
        cursor=cursor,
        limit=limit,
        format_=format_,
        from_=from_,
        to=to,
        country=country,
        device=device,
        os=os,
        browser=browser,
        referrer=referrer,
        language=language,
        utm_source=utm_source,
        utm_medium=utm_medium,
        utm_campaign=utm_campaign,
        rule=rule,
        variant=variant,
        bot=bot,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    format_: ListLinkVisitsFormat | Unset = "json",
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
    country: list[str] | Unset = UNSET,
    device: list[str] | Unset = UNSET,
    os: list[str] | Unset = UNSET,
    browser: list[str] | Unset = UNSET,
    referrer: list[str] | Unset = UNSET,
    language: list[str] | Unset = UNSET,
    utm_source: list[str] | Unset = UNSET,
    utm_medium: list[str] | Unset = UNSET,
    utm_campaign: list[str] | Unset = UNSET,
    rule: list[str] | Unset = UNSET,
    variant: list[str] | Unset = UNSET,
    bot: bool | Unset = UNSET,
) -> Problem | VisitPage | None:
    """The link's visits (raw click events), newest first; JSON pages or CSV.

     Needs scope `stats:read`; whoever may read the link. One item per click, never an IP:
    `visitor` is a key that only matches the same visitor within one UTC day. The range
    (`from`/`to`, default the whole retention) must start within
    `CLICK_EVENTS_RETENTION_DAYS` (422 `range-beyond-retention`). Filters as for the stats.

    `format=csv` answers the same visits as `text/csv` (an attachment; a plain link a
    browser can download): one row per visit, the columns are `Visit`'s properties in
    order, formula-like cells prefixed with `'`; `limit` defaults to and may be up to
    100,000 rows there, and when more remain the `X-Next-Cursor` header carries the cursor
    of the next part. In JSON `limit` is 1-1000 (default 50).

    Args:
        id (str):
        cursor (str | Unset):
        limit (int | Unset):
        format_ (ListLinkVisitsFormat | Unset):  Default: 'json'.
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):
        country (list[str] | Unset):
        device (list[str] | Unset):
        os (list[str] | Unset):
        browser (list[str] | Unset):
        referrer (list[str] | Unset):
        language (list[str] | Unset):
        utm_source (list[str] | Unset):
        utm_medium (list[str] | Unset):
        utm_campaign (list[str] | Unset):
        rule (list[str] | Unset):
        variant (list[str] | Unset):
        bot (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VisitPage
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            cursor=cursor,
            limit=limit,
            format_=format_,
            from_=from_,
            to=to,
            country=country,
            device=device,
            os=os,
            browser=browser,
            referrer=referrer,
            language=language,
            utm_source=utm_source,
            utm_medium=utm_medium,
            utm_campaign=utm_campaign,
            rule=rule,
            variant=variant,
            bot=bot,
        )
    ).parsed
