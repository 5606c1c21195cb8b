"""The compose stack for real (docker-compose.yml + deploy/compose/test.override.yml): every service
healthy, a click reaching stats through the worker container, restarts and stop/start losing no
link, session or click, and a redeploy of the backend that the frontend follows (issue 21 item 5:
Nginx kept proxying to the old container's address and answered 502 while compose said healthy).
The last test takes the stack down and checks nothing of it remains."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

from tests.containers.client import PASSWORD, User
from tests.containers.conftest import STACK_VERSION
from tests.containers.images import wait_for
from tests.support.docker import docker
from tests.support.images import base_tag
from tests.support.stack import Stack

# Builds and compose runs on 2 shared cores: generous bounds (the waits inside are bounded too).
pytestmark = pytest.mark.timeout(900)


TARGET = "https://example.com/containers"


def services(stack: Stack) -> dict[str, dict[str, Any]]:
    out = stack.compose("ps", "--all", "--format", "json").stdout.strip()
    rows = json.loads(out) if out.startswith("[") else [json.loads(x) for x in out.splitlines()]
    return {row["Service"]: row for row in rows}


def all_healthy(stack: Stack) -> bool:
    found = services(stack)
    one_shot = found.pop("ensure-indexes")
    return (
        one_shot["State"] == "exited"
        and one_shot["ExitCode"] == 0
        and all(row["State"] == "running" and row["Health"] == "healthy" for row in found.values())
    )


def wait_healthy(stack: Stack) -> None:
    wait_for(lambda: all_healthy(stack), "every service healthy again", timeout=180)


@pytest.fixture(scope="module")
def user(stack: Stack) -> User:
    # Made with the backend image's CLI (signups are limited per client IP, and the browser suite
    # has used them), then signed in through the frontend like any user.
    user = User(stack.base, "owner@containers.example.com")
    stack.compose(
        "exec",
        "-T",
        "backend",
        "flamingo",
        "create-admin",
        "--email",
        user.email,
        "--password-stdin",
        stdin=f"{PASSWORD}\n",
    )
    user.login()
    return user


def counted(user: User, link_id: str, expected: int) -> None:
    """Waits for the worker to fold ``expected`` clicks in; fails if it counts more."""
    wait_for(lambda: user.total_clicks(link_id) >= expected, f"{expected} clicks counted")
    assert user.total_clicks(link_id) == expected


def test_every_service_is_healthy_and_the_frontend_serves_the_spa_and_the_api(
    stack: Stack,
) -> None:
    assert all_healthy(stack), services(stack)
    status, body = stack.api("/api/v1/version")
    assert status == 200 and json.loads(body)["version"] == STACK_VERSION
    status, body = stack.api("/app/")
    assert status == 200 and b"<!doctype html>" in body.lower()


def test_a_click_reaches_stats_through_the_worker_container(stack: Stack, user: User) -> None:
    link = user.create_link(f"{TARGET}/click")
    assert user.click(link["code"]) == f"{TARGET}/click"
    counted(user, link["id"], 1)


@pytest.mark.parametrize(
    "bounce",
    [
        pytest.param(("restart", "backend", "worker"), id="restart-backend-and-worker"),
        pytest.param(("stop",), id="stop-and-start-everything"),
    ],
)
def test_a_restart_loses_no_link_session_or_click(
    stack: Stack, user: User, bounce: tuple[str, ...]
) -> None:
    link = user.create_link(f"{TARGET}/{bounce[0]}")
    for _ in range(3):
        user.click(link["code"])
    stack.compose(*bounce)
    if bounce == ("stop",):
        stack.compose("start")
    wait_healthy(stack)
    assert user.me() == 200, "the session did not survive"
    assert user.click(link["code"]) == f"{TARGET}/{bounce[0]}"
    counted(user, link["id"], 4)


def backend_address(stack: Stack) -> str:
    (cid,) = stack.compose("ps", "--quiet", "backend").stdout.split()
    template = "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}"
    return docker("inspect", "--format", template, cid).stdout.strip()


def test_a_redeployed_backend_is_found_by_the_frontend(stack: Stack, user: User) -> None:
    link = user.create_link(f"{TARGET}/redeploy")
    before = backend_address(stack)
    spa_failures: list[int] = []
    done = threading.Event()

    def watch_spa() -> None:  # the SPA is Nginx's own: it must answer throughout
        while not done.is_set():
            status, _ = stack.api("/app/")
            if status != 200:
                spa_failures.append(status)

    watcher = threading.Thread(target=watch_spa)
    watcher.start()
    placeholder = ""
    try:
        # What `up --build` does to a changed backend: a new container. When other containers are
        # recreated too, another one may get the old address (the case that broke); a placeholder
        # takes it here, so the new backend surely has another address.
        stack.compose("rm", "--stop", "--force", "backend")
        placeholder = docker(
            "run", "--detach", "--network", f"{stack.project}_default", base_tag(), "sleep", "600"
        ).stdout.strip()
        stack.compose("up", "--detach", "--wait", "--no-deps", "backend")
        assert backend_address(stack) != before
        # Compose calls the backend healthy; the frontend must reach it (a bounded wait for
        # Nginx's next lookup), then answer every API call and short link.
        wait_for(lambda: stack.api("/api/v1/version")[0] == 200, "the API through the frontend")
        statuses = [stack.api("/api/v1/version")[0] for _ in range(20)]
        assert statuses == [200] * 20
        assert user.click(link["code"]) == f"{TARGET}/redeploy"
        wait_healthy(stack)
    finally:
        done.set()
        watcher.join()
        if placeholder:
            docker("rm", "--force", placeholder, check=False)
    assert spa_failures == []


def test_stack_down_removes_every_container_network_and_volume(stack: Stack) -> None:
    label = f"label=com.docker.compose.project={stack.project}"
    assert docker("ps", "--all", "--quiet", "--filter", label).stdout.split()
    stack.down()
    assert docker("ps", "--all", "--quiet", "--filter", label).stdout.split() == []
    assert docker("network", "ls", "--quiet", "--filter", label).stdout.split() == []
    assert docker("volume", "ls", "--quiet", "--filter", label).stdout.split() == []
