"""The max-clicks counter: one atomic Redis ``INCR`` per click, only for links that have a cap.

``INCR`` is atomic, so concurrent visitors (any number of processes and pods) each get a distinct
number and exactly ``max_clicks`` of them are let through: the counter never overshoots. Counting
attempts rather than successes means a refused visitor still bumps it, which is harmless (it is
already past the cap).

Redis is the authority for the cap. When it cannot be reached, a capped link answers 503 rather
than guess (failing open could overshoot); links without a cap keep redirecting from MongoDB.
"""

from __future__ import annotations

import contextlib

import redis

from flamingo.core.problems import Problem, dependency_unavailable

KEY_PREFIX = "clicks:cap:"


def key(link_id: str) -> str:
    return KEY_PREFIX + link_id


def _unavailable() -> Problem:
    return dependency_unavailable(
        "redis", "this link's click limit cannot be checked right now; try again shortly"
    )


def take(client: redis.Redis, link_id: str, max_clicks: int) -> bool:
    """Count one click; False when the link had already reached ``max_clicks``."""
    try:
        count = int(client.incr(key(link_id)))
    except redis.RedisError:
        raise _unavailable() from None
    return count <= max_clicks


def exhausted(client: redis.Redis, link_id: str, max_clicks: int) -> bool:
    """Whether the cap is reached, without counting (HEAD requests are not clicks)."""
    try:
        raw = client.get(key(link_id))
    except redis.RedisError:
        raise _unavailable() from None
    return raw is not None and int(str(raw)) >= max_clicks


def used(client: redis.Redis, link_id: str) -> int | None:
    """Clicks counted against the cap so far, or None when Redis cannot tell."""
    try:
        raw = client.get(key(link_id))
    except redis.RedisError:
        return None
    return min(int(str(raw)), 2**53) if raw is not None else 0


def used_many(client: redis.Redis, link_ids: list[str]) -> dict[str, int | None]:
    """``used`` of several links in one ``MGET`` (a page of the links list); None when Redis
    cannot tell."""
    if not link_ids:
        return {}
    try:
        raw = client.mget([key(link_id) for link_id in link_ids])
    except redis.RedisError:
        return dict.fromkeys(link_ids)
    return {
        link_id: int(str(value)) if value is not None else 0
        for link_id, value in zip(link_ids, raw, strict=True)
    }


def forget(client: redis.Redis, link_id: str) -> None:
    """Drop the counter of a deleted link (best effort: a stale key harms nothing)."""
    with contextlib.suppress(redis.RedisError):
        client.delete(key(link_id))


def seed(client: redis.Redis, link_id: str, used: int) -> None:
    """Start the counter of a new imported link at the visits its source already counted against
    the same limit (Shlink's ``maxVisits`` counts every visit), unless it has started."""
    with contextlib.suppress(redis.RedisError):  # best effort: the cap then starts from zero
        client.set(key(link_id), used, nx=True)
