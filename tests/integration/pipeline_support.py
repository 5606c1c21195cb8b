"""Helpers of the click-pipeline integration tests: the worker process, links, counts."""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pymongo
import redis
import requests

from flamingo.accounts.tokens import Tokens
from flamingo.accounts.users import Users
from flamingo.clicks.events import STREAM
from flamingo.clicks.worker import GROUP
from tests.support.processes import Process, free_port

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
BOTS = ("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Twitterbot/1.0", "curl/8.5")


class Worker(Process):
    """``flamingo worker``, run from an empty directory (no developer .env leaks in)."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.metrics_port = free_port()
        super().__init__(
            "worker",
            [sys.executable, "-m", "flamingo.cli", "worker"],
            env={**env, "WORKER_METRICS_PORT": str(self.metrics_port)},
            cwd=Path(tempfile.mkdtemp(prefix="flamingo-worker-")),
        )

    def ready(self) -> bool:
        return requests.get(self.metrics_url, timeout=1).ok

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}/metrics"

    def metric(self, name: str) -> float:
        return metric(requests.get(self.metrics_url, timeout=5).text, name)


def metric(text: str, name: str) -> float:
    """Sum of every sample of ``name`` (all label sets) in a Prometheus exposition."""
    pattern = re.compile(rf"^{re.escape(name)}(?:\{{[^}}]*\}})? (\S+)$", re.M)
    return sum(float(v) for v in pattern.findall(text))


def owner_and_token(db: pymongo.database.Database[Any], email: str) -> tuple[str, str]:
    user = Users(db).create(email, "not-a-real-hash")
    _, secret = Tokens(db).create(
        user.id, "test", ["links:write", "links:read", "stats:read"], None
    )
    return user.id, secret


def create_link(
    base: str, token: str, target: str = "https://example.com/landing"
) -> dict[str, Any]:
    response = requests.post(
        f"{base}/api/v1/links",
        json={"target": target},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def stored_totals(db: pymongo.database.Database[Any], link_id: str) -> tuple[int, int, int]:
    docs = list(db.click_days.find({"link_id": link_id}))
    return (
        sum(int(d.get("total", 0)) for d in docs),
        sum(int(d.get("human", 0)) for d in docs),
        sum(int(d.get("bot", 0)) for d in docs),
    )


def settled(client: redis.Redis) -> bool:
    """Every event in the stream was delivered and acknowledged."""
    groups: Any = client.xinfo_groups(STREAM)
    group = next(g for g in groups if g["name"] == GROUP)
    return int(group["pending"]) == 0 and int(group.get("lag") or 0) == 0
