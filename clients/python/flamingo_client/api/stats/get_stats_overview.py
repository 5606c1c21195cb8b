import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.get_stats_overview_interval import (
    GetStatsOverviewInterval,
)
from ...models.problem import Problem
from ...models.stats_overview import StatsOverview
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
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
    interval: GetStatsOverviewInterval | Unset = "day",
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

    json_interval: str | Unset = UNSET
    if not isinstance(interval, Unset):
        json_interval = interval

    params["interval"] = json_interval

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
    interval: GetStatsOverviewInterval | Unset = "day",
    workspace_id: str | Unset = UNSET,
) -> Response[Problem | StatsOverview]:
    """A workspace's clicks over time and its most-clicked links.

     Needs scope `stats:read` and role `viewer` or above in the workspace (a non-member, or a token of
    another workspace, gets 404). Counts the links of that one workspace, whoever made them; instance
    admins may read any workspace's. Filters and `interval` as for a link's stats (from the raw events,
    within the retention).

    Args:
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
        interval (GetStatsOverviewInterval | Unset):  Default: 'day'.
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
        interval=interval,
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
    interval: GetStatsOverviewInterval | Unset = "day",
    workspace_id: str | Unset = UNSET,
) -> Problem | StatsOverview | None:
    """A workspace's clicks over time and its most-clicked links.

     Needs scope `stats:read` and role `viewer` or above in the workspace (a non-member, or a token of
    another workspace, gets 404). Counts the links of that one workspace, whoever made them; instance
    admins may read any workspace's. Filters and `interval` as for a link's stats (from the raw events,
    within the retention).

    Args:
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
        interval (GetStatsOverviewInterval | Unset):  Default: 'day'.
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
        interval=interval,
        workspace_id=workspace_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
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
    interval: GetStatsOverviewInterval | Unset = "day",
    workspace_id: str | Unset = UNSET,
) -> Response[Problem | StatsOverview]:
    """A workspace's clicks over time and its most-clicked links.

     Needs scope `stats:read` and role `viewer` or above in the workspace (a non-member, or a token of
    another workspace, gets 404). Counts the links of that one workspace, whoever made them; instance
    admins may read any workspace's. Filters and `interval` as for a link's stats (from the raw events,
    within the retention).

    Args:
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
        interval (GetStatsOverviewInterval | Unset):  Default: 'day'.
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
        interval=interval,
        workspace_id=workspace_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
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
    interval: GetStatsOverviewInterval | Unset = "day",
    workspace_id: str | Unset = UNSET,
) -> Problem | StatsOverview | None:
    """A workspace's clicks over time and its most-clicked links.

     Needs scope `stats:read` and role `viewer` or above in the workspace (a non-member, or a token of
    another workspace, gets 404). Counts the links of that one workspace, whoever made them; instance
    admins may read any workspace's. Filters and `interval` as for a link's stats (from the raw events,
    within the retention).

    Args:
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
        interval (GetStatsOverviewInterval | Unset):  Default: 'day'.
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
            interval=interval,
            workspace_id=workspace_id,
        )
    ).parsed
