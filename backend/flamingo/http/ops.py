"""Operational endpoints: liveness, readiness, metrics and version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pymongo
import redis
from flask import Blueprint, Response, jsonify

from flamingo.core import context, lifecycle
from flamingo.core.config_sections import StoreSettings
from flamingo.core.metrics import DEPENDENCY_UP, render
from flamingo.core.problems import Problem
from flamingo.core.stores import Stores, redis_client

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    """Liveness: the process answers. Touches no dependency, so an outage never restarts pods."""
    return jsonify(status="ok")


READINESS_REDIS: context.Key[redis.Redis] = context.Key("readiness_redis")


def _check_mongo(stores: Stores, settings: StoreSettings) -> None:
    if stores.embedded_mongo:
        return
    with pymongo.timeout(settings.readiness_timeout_ms / 1000):
        stores.db.command("ping")


def _check_redis(stores: Stores, settings: StoreSettings) -> None:
    if stores.embedded_redis:
        return
    app = context.app()
    client = READINESS_REDIS.find(app)
    if client is None:
        # A dedicated client, so the check's short timeout never applies to real work.
        client = READINESS_REDIS.put(
            app, redis_client(settings, timeout_ms=settings.readiness_timeout_ms)
        )
    client.ping()


def _run_checks(stores: Stores, settings: StoreSettings) -> dict[str, str]:
    checks: dict[str, Callable[[Stores, StoreSettings], None]] = {
        "mongo": _check_mongo,
        "redis": _check_redis,
    }
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check(stores, settings)
        except Exception as exc:
            results[name] = f"failed: {type(exc).__name__}"
            DEPENDENCY_UP.labels(name).set(0)
        else:
            embedded = stores.embedded_mongo if name == "mongo" else stores.embedded_redis
            results[name] = "embedded" if embedded else "ok"
            DEPENDENCY_UP.labels(name).set(1)
    return results


@bp.get("/readyz")
def readyz() -> Response:
    """Readiness: MongoDB and Redis answer within the timeout, and we are not draining."""
    if lifecycle.is_draining():
        raise Problem(503, "draining", "shutting down: draining connections", checks={})
    stores: Stores = context.stores()
    checks = _run_checks(stores, context.settings().stores)
    failed = sorted(name for name, result in checks.items() if result.startswith("failed"))
    if failed:
        raise Problem(
            503, "not-ready", f"dependency unavailable: {', '.join(failed)}", checks=checks
        )
    return jsonify(status="ready", checks=checks)


@bp.get("/metrics")
def metrics() -> Response:
    body, content_type = render()
    return Response(body, content_type=content_type)


@bp.get("/api/v1/version")
def version() -> Response:
    server = context.settings().server
    payload: dict[str, Any] = {
        "version": server.app_version,
        "commit": server.git_commit,
        "built_at": server.build_time,
    }
    return jsonify(payload)
