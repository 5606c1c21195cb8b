"""``Flamingo``: the generated client with a token, typed answers or :class:`ApiError`."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import httpx
from flamingo_client import AuthenticatedClient
from flamingo_client.api.links import (
    create_link,
    create_links,
    delete_link,
    get_link,
    get_link_qr_png,
    get_link_qr_svg,
    list_links,
)
from flamingo_client.api.stats import get_link_stats
from flamingo_client.api.workspaces import list_workspace_audit
from flamingo_client.models import (
    AuditEntry,
    AuditPage,
    BatchCreate,
    BatchResult,
    Link,
    LinkCreate,
    LinkDetail,
    LinkListItem,
    LinkPage,
    LinkStats,
    Problem,
)
from flamingo_client.types import UNSET, File, Response, Unset

from flamingo_sdk.pagination import paginate

TOKEN_VARIABLE = "FLAMINGO_TOKEN"  # noqa: S105 - the name of a variable, not a secret
URL_VARIABLE = "FLAMINGO_URL"
DEFAULT_URL = "http://localhost:8080"
# POST /api/v1/links/batch takes at most this many items.
BATCH_LIMIT = 1000
Answer = TypeVar("Answer")


class MissingToken(Exception):  # noqa: N818 - the name says what is missing
    """No API token was given and ``FLAMINGO_TOKEN`` is unset."""


class ApiError(Exception):
    """The API refused a request: its status and the ``application/problem+json`` body."""

    def __init__(self, status: int, problem: Problem | None, body: bytes = b"") -> None:
        self.status = status
        self.problem = problem
        # A body that is no problem document (a proxy's page, say) is shown only in part.
        detail = (
            problem.detail if problem and problem.detail else body[:200].decode(errors="replace")
        )
        title = problem.title if problem and problem.title else "error"
        super().__init__(f"{status} {title}: {detail}".rstrip(": "))


def _unset(value: Answer | None) -> Answer | Unset:
    return UNSET if value is None else value


def _answer(response: Response[Any], expected: type[Answer]) -> Answer:
    """The parsed answer when it is the expected one, else :class:`ApiError` (a problem document,
    or another body, such as a proxy's own page)."""
    parsed = response.parsed
    if isinstance(parsed, expected) and response.status_code < 400:
        return parsed
    problem = parsed if isinstance(parsed, Problem) else None
    raise ApiError(int(response.status_code), problem, response.content)


class Flamingo:
    """A Flamingo API with a bearer token.

    ``base_url`` defaults to ``FLAMINGO_URL`` (else ``http://localhost:8080``) and ``token`` to
    ``FLAMINGO_TOKEN``; create the token in the SPA's settings or with ``POST /api/v1/tokens``.
    """

    def __init__(
        self,
        base_url: str | None = None,
        token: str | None = None,
        *,
        timeout: float = 30.0,
    ) -> None:
        token = token if token is not None else os.environ.get(TOKEN_VARIABLE)
        if not token:
            raise MissingToken(f"no API token: pass token= or set {TOKEN_VARIABLE}")
        self.client = AuthenticatedClient(
            base_url=(base_url or os.environ.get(URL_VARIABLE) or DEFAULT_URL).rstrip("/"),
            token=token,
            timeout=httpx.Timeout(timeout),
        )

    def __enter__(self) -> Flamingo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.get_httpx_client().close()

    # links
    def shorten(self, target: str, alias: str | None = None, **fields: Any) -> Link:
        """A new short link to ``target``; ``fields`` are the other ``LinkCreate`` fields."""
        body = LinkCreate.from_dict(
            {"target": target, **fields, **({"alias": alias} if alias else {})}
        )
        return _answer(create_link.sync_detailed(client=self.client, body=body), Link)

    def link(self, link_id: str) -> LinkDetail:
        return _answer(get_link.sync_detailed(link_id, client=self.client), LinkDetail)

    def links(
        self, *, q: str | None = None, tag: str | None = None, page_size: int = 100
    ) -> Iterator[LinkListItem]:
        """Every link of the caller, newest first, fetched ``page_size`` at a time."""

        def page(cursor: str | Unset) -> LinkPage:
            response = list_links.sync_detailed(
                client=self.client, cursor=cursor, limit=page_size, q=_unset(q), tag=_unset(tag)
            )
            return _answer(response, LinkPage)

        return paginate(page)

    def delete(self, link_id: str) -> None:
        response = delete_link.sync_detailed(link_id, client=self.client)
        if response.status_code != 204:
            problem = response.parsed if isinstance(response.parsed, Problem) else None
            raise ApiError(int(response.status_code), problem, response.content)

    def create_many(self, items: Sequence[dict[str, Any]]) -> Iterator[BatchResult]:
        """``POST /api/v1/links/batch`` in chunks of at most 1,000 items, one result per chunk."""
        for start in range(0, len(items), BATCH_LIMIT):
            body = BatchCreate(
                items=[LinkCreate.from_dict(item) for item in items[start : start + BATCH_LIMIT]]
            )
            yield _answer(create_links.sync_detailed(client=self.client, body=body), BatchResult)

    # stats and QR codes
    def stats(
        self,
        link_id: str,
        start: datetime.date | None = None,
        end: datetime.date | None = None,
    ) -> LinkStats:
        response = get_link_stats.sync_detailed(
            link_id, client=self.client, from_=_unset(start), to=_unset(end)
        )
        return _answer(response, LinkStats)

    def qr_png(self, link_id: str, scale: int | None = None) -> bytes:
        response = get_link_qr_png.sync_detailed(link_id, client=self.client, scale=_unset(scale))
        return _answer(response, File).payload.read()

    def qr_svg(self, link_id: str, scale: int | None = None) -> bytes:
        response = get_link_qr_svg.sync_detailed(link_id, client=self.client, scale=_unset(scale))
        return _answer(response, File).payload.read()

    # audit
    def audit(self, workspace_id: str, *, page_size: int = 100) -> Iterator[AuditEntry]:
        """The workspace's audit log, newest first (owners and admins)."""

        def page(cursor: str | Unset) -> AuditPage:
            response = list_workspace_audit.sync_detailed(
                workspace_id, client=self.client, cursor=cursor, limit=page_size
            )
            return _answer(response, AuditPage)

        return paginate(page)
