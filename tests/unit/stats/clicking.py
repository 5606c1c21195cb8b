"""Helpers of the raw-event tests: an app on embedded stores, users, links, clicks, the worker."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Flask

from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import Users
from flamingo.app import create_app
from flamingo.clicks import events as clicks
from flamingo.clicks.events import STREAM, record_click
from flamingo.clicks.worker import ClickWorker
from flamingo.core import context
from flamingo.links.repository import LinkRepository
from tests.conftest import make_settings

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
BOT = "Twitterbot/1.0"


def make_app(**settings: str) -> Flask:
    app = create_app(
        make_settings(LOG_REQUESTS="false", CLICK_FLUSH_INTERVAL_MS="3600000", **settings)
    )
    stores = context.stores_of(app)
    stores.redis.delete(STREAM)  # one embedded Redis per process
    stores.db["click_events"].delete_many({})
    return app


def db(app: Flask) -> Any:
    return context.stores_of(app).db


def user(app: Flask, email: str, role: str = "user") -> str:
    return Users(db(app)).create(email, "not-a-real-hash", role=role).id


def auth(app: Flask, user_id: str, *scopes: str, workspace_id: str | None = None) -> dict[str, str]:
    _, secret = Tokens(db(app)).create(
        user_id, "t", list(scopes or ("stats:read",)), None, workspace_id
    )
    return {"Authorization": f"Bearer {secret}"}


def link(app: Flask, owner_id: str, code: str = "abc", workspace_id: str | None = None) -> str:
    now = datetime.now(UTC)
    result = LinkRepository(db(app)).collection.insert_one(
        {
            "code": code,
            "domain": "localhost",
            "owner_id": owner_id,
            "workspace_id": workspace_id or owner_id,
            "target": "https://example.com/",
            "title": code,
            "tags": [],
            "redirect_status": 302,
            "disabled": False,
            "created_at": now,
            "updated_at": now,
        }
    )
    return str(result.inserted_id)


def click(
    app: Flask,
    code: str,
    link_id: str,
    ua: str = CHROME,
    *,
    ip: str = "198.51.100.1",
    query: str = "",
    rule: int | None = None,
    variant: int | None = None,
    **headers: str,
) -> None:
    path = f"/{code}?{query}" if query else f"/{code}"
    with app.test_request_context(
        path, headers={"User-Agent": ua, **headers}, environ_base={"REMOTE_ADDR": ip}
    ):
        record_click(code, link_id, is_head=False, rule=rule, variant=variant)


def process(app: Flask) -> ClickWorker:
    clicks.buffer_of(app).flush()
    stores = context.stores_of(app)
    worker = ClickWorker(stores.redis, stores.db, consumer="test")
    worker.ensure_group()
    while worker.step(block_ms=0):
        pass
    return worker
