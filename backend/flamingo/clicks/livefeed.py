"""``LiveFeeds``: who may watch which feed, how many feeds a process holds, and the stream itself.

A feed is a long-lived HTTP answer. In a sync gunicorn worker it would take the worker — the one
that serves redirects — for as long as the browser stays, so a process holds feeds only when it
was made for them: ``LIVE_MAX_CONNECTIONS`` > 0, and gunicorn then runs that many threads more
than it would otherwise (``flamingo.gunicorn_config``), so a feed never takes a thread that
serves anything else. Beyond the cap the answer is 503 ``live-capacity`` with ``Retry-After``.

Each feed reads its Redis stream (:mod:`flamingo.clicks.live`) with a blocking ``XREAD`` of at
most :data:`BLOCK_MS`, writes every event as it comes, and a keep-alive comment when nothing was
written for ``LIVE_HEARTBEAT_SECONDS`` (proxies and load balancers close silent connections).
A client that went away is noticed at the next write (at the latest the next heartbeat): the
write fails, gunicorn closes the generator, and the slot is released. A process that drains
(SIGTERM) ends its feeds after the current read, so browsers reconnect to another pod with their
``Last-Event-ID``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import redis
from flask import Flask

from flamingo.accounts.auth import Principal
from flamingo.clicks import live
from flamingo.core import context, lifecycle
from flamingo.core.log import get_logger
from flamingo.core.problems import Problem, dependency_unavailable
from flamingo.core.stores import redis_client
from flamingo.links.service import LinkService

log = get_logger(__name__)

BLOCK_MS = 5000  # how long one read waits: also how soon a draining process ends its feeds
RETRY_MS = 2000  # the reconnection delay the stream asks EventSource to use
_READ_MARGIN_MS = 5000


@dataclass
class Feed:
    """One open feed: its stream, where it resumes, and the slot it holds until it ends."""

    client: redis.Redis
    stream: str
    after: str
    heartbeat_seconds: float
    release: Callable[[], None]
    draining: Callable[[], bool] = lifecycle.is_draining

    def frames(self) -> Iterator[str]:
        """The SSE text, message by message, until the client leaves, Redis fails or the
        process drains. Always releases the slot."""
        try:
            yield f"retry: {RETRY_MS}\n\n"
            last_write = time.monotonic()
            while not self.draining():
                wait = self.heartbeat_seconds - (time.monotonic() - last_write)
                events = live.read(self.client, self.stream, self.after, _block_ms(wait))
                for entry_id, data in events:
                    self.after = entry_id
                    yield live.frame(entry_id, data)
                if events:
                    last_write = time.monotonic()
                elif time.monotonic() - last_write >= self.heartbeat_seconds:
                    yield ": keep-alive\n\n"
                    last_write = time.monotonic()
        except redis.RedisError as exc:
            # The client reconnects (after RETRY_MS) with its Last-Event-ID: nothing is lost.
            log.warning("live feed: Redis failed; closing the feed", error=type(exc).__name__)
        finally:
            self.release()


def _block_ms(wait_seconds: float) -> int:
    return max(1, min(BLOCK_MS, int(wait_seconds * 1000)))


class LiveFeeds:
    """Opens feeds: authorises them like the stats they mirror and counts them per process."""

    def __init__(
        self,
        links: LinkService,
        client: redis.Redis,
        *,
        max_connections: int,
        heartbeat_seconds: float,
    ) -> None:
        self.links = links
        self.client = client
        self.max_connections = max_connections
        self.heartbeat_seconds = heartbeat_seconds
        self._slots = threading.BoundedSemaphore(max(max_connections, 1))

    @classmethod
    def build(cls, app: Flask) -> LiveFeeds:
        settings = context.settings_of(app)
        clicks = settings.clicks
        # Its own client: a blocking read must not trip the short timeout of the app's client.
        client = redis_client(settings.stores, timeout_ms=BLOCK_MS + _READ_MARGIN_MS)
        return cls(
            context.service_of(app, LinkService),
            client,
            max_connections=clicks.live_max_connections,
            heartbeat_seconds=clicks.live_heartbeat_seconds,
        )

    @property
    def served_here(self) -> bool:
        """Does this process hold feeds (or send them to the live process)?"""
        return self.max_connections > 0

    def link(self, principal: Principal, link_id: str, last_event_id: str | None) -> Feed:
        """The feed of a link, for whoever may read its stats (404 otherwise, like stats)."""
        link = self.links.get_owned(principal, link_id)
        return self._open(live.link_feed(link.id), last_event_id)

    def workspace(self, principal: Principal, workspace_id: str, last_event_id: str | None) -> Feed:
        """Every click of a workspace's links (viewer and up, like the workspace's stats)."""
        self.links.workspaces.require(principal, workspace_id, "stats.read")
        return self._open(live.workspace_feed(workspace_id), last_event_id)

    def _open(self, stream: str, last_event_id: str | None) -> Feed:
        if last_event_id is not None and not live.valid_entry_id(last_event_id):
            raise Problem(
                400,
                "invalid-last-event-id",
                "Last-Event-ID must be an event id this feed sent (such as 1700000000000-0)",
            )
        if not self.served_here:
            # 421 Misdirected Request: this server cannot answer for the URI (a routing fault,
            # not an outage), as RFC 9110 has it.
            raise Problem(
                421,
                "live-not-served-here",
                "this process serves no live feeds: route /api/v1/live/ to the live process",
            )
        if not self._slots.acquire(blocking=False):
            raise Problem(
                503,
                "live-capacity",
                f"this server already holds {self.max_connections} live feeds; retry shortly",
                headers={"Retry-After": "5"},
            )
        try:
            after = last_event_id or live.latest_id(self.client, stream)
        except redis.RedisError:
            self._slots.release()
            raise dependency_unavailable("redis") from None
        return Feed(self.client, stream, after, self.heartbeat_seconds, self._slots.release)
