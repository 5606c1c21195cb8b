"""The last-owner rule under concurrency, on gunicorn (2 workers) and FerretDB (issue 22, item 9).

Two owners demote each other, or both leave, at the same moment. Counting the owners and then
writing let both requests pass the count, leaving the workspace ownerless (or memberless). The
rule must hold whatever the interleaving: the requests are released together, many times.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import pytest
import requests
from bson import ObjectId

from flamingo.workspaces.repository import WorkspaceRepository
from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration

ROUNDS = 15
PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def module_redis() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def service(ferretdb: FerretDB, module_redis: RedisServer) -> Iterator[Service]:
    with running_service(ferretdb, module_redis, RATELIMIT_ENABLED="false") as running:
        yield running


class Owner:
    """A signed-in browser (session cookie and CSRF header, as the SPA sends them)."""

    def __init__(self, service: Service) -> None:
        self.base = service.base
        self.http = requests.Session()
        email = f"{uuid.uuid4().hex[:12]}@example.com"
        answer = self.call(
            "POST", "/api/v1/auth/signup", json={"email": email, "password": PASSWORD}
        )
        assert answer.status_code == 201, answer.text
        self.id: str = answer.json()["id"]

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        token = self.http.cookies.get("flamingo_csrf")
        headers = {"X-CSRF-Token": token} if token else {}
        return self.http.request(method, self.base + path, headers=headers, timeout=30, **kwargs)


def _team(service: Service) -> tuple[str, Owner, Owner]:
    first, second = Owner(service), Owner(service)
    created = first.call("POST", "/api/v1/workspaces", json={"name": "Team"})
    assert created.status_code == 201, created.text
    workspace_id = created.json()["id"]
    # The second owner joins as an invitation would make them (the repository's own way).
    assert WorkspaceRepository(service.db).add_member(ObjectId(workspace_id), second.id, "owner")
    return workspace_id, first, second


def _together(*calls: Callable[[], requests.Response]) -> list[int]:
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], requests.Response]) -> int:
        barrier.wait()
        return call().status_code

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _roles(service: Service, workspace_id: str) -> list[str]:
    members = service.db["memberships"].find({"workspace_id": ObjectId(workspace_id)})
    return sorted(m["role"] for m in members)


def test_two_owners_demoting_each_other_leave_one_owner(service: Service) -> None:
    for _ in range(ROUNDS):
        workspace_id, first, second = _team(service)
        base = f"/api/v1/workspaces/{workspace_id}/members"
        statuses = _together(
            partial(first.call, "PATCH", f"{base}/{second.id}", json={"role": "admin"}),
            partial(second.call, "PATCH", f"{base}/{first.id}", json={"role": "admin"}),
        )
        assert _roles(service, workspace_id) == ["admin", "owner"], statuses
        assert sorted(statuses) in ([200, 409], [200, 403]), statuses


def test_two_owners_leaving_at_once_leave_one_owner(service: Service) -> None:
    for _ in range(ROUNDS):
        workspace_id, first, second = _team(service)
        base = f"/api/v1/workspaces/{workspace_id}/members"
        statuses = _together(
            partial(first.call, "DELETE", f"{base}/{first.id}"),
            partial(second.call, "DELETE", f"{base}/{second.id}"),
        )
        assert _roles(service, workspace_id) == ["owner"], statuses
        assert sorted(statuses) == [204, 409], statuses
