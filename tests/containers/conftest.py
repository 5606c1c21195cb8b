"""Our images and the compose stack on a real engine (`make test-containers`).

Run only when tests/containers is named (they need the engine tools `make containers-tools`
installs). One private dockerd, one registry, one image build and one compose stack serve the
whole session; all are stopped and removed at the end (the engine's data root, the registry's
storage and the stand-ins stay in the versioned tools folder as the cache). With CI=true an engine
that cannot start is a failure, as it is everywhere else.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.launch import ComposeStack
from tests.e2e.mailbox import Mailbox, mailbox
from tests.support.collection import only_when_requested
from tests.support.docker import Engine
from tests.support.processes import REPO
from tests.support.stack import Stack

HERE = Path(__file__).resolve().parent
APP_VERSION = "9.8.7-containers"  # of `make images` here
STACK_VERSION = "0.0.0-e2e"
STACK_COMMIT = "e2e0123456789abcdef"
IMAGE_LINE = re.compile(
    r"image (backend|frontend) (127\.0\.0\.1:\d+/\S+:\S+)@(sha256:[0-9a-f]{64})"
)

pytest_ignore_collect = only_when_requested(HERE)


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    engine = Engine()
    lease = f"pytest-{os.getpid()}"
    try:
        engine.acquire(lease, holder=os.getpid())
    except RuntimeError as exc:
        pytest.fail(f"the Docker engine could not start: {exc}")
    yield engine
    engine.release(lease)


@pytest.fixture(scope="session")
def image_lines(engine: Engine) -> list[str]:
    """What `make images APP_VERSION=…` prints (the same command, on the same engine)."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.images", "build", "--app-version", APP_VERSION],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


@pytest.fixture(scope="session")
def images(image_lines: list[str]) -> dict[str, str]:
    """Image name → ``<ref>@sha256:<digest>``."""
    found = {}
    for line in image_lines:
        match = IMAGE_LINE.fullmatch(line)
        assert match, f"not an image line: {line!r}"
        found[match.group(1)] = f"{match.group(2)}@{match.group(3)}"
    return found


@pytest.fixture(scope="session")
def mail(engine: Engine) -> Iterator[Mailbox]:
    """The browser suite's mailbox, where the backend containers reach the host: the engine's
    bridge gateway (the SMTP side; the specs read it over loopback)."""
    try:
        with mailbox(ComposeStack.mail_host()) as box:
            yield box
    finally:
        engine.release(f"e2e-mail-{os.getpid()}")  # the lease mail_host took


@pytest.fixture(scope="session")
def stack(engine: Engine, mail: Mailbox) -> Iterator[Stack]:
    stack = Stack(project=f"flamingo-test-{os.getpid()}")
    # The browser suite's footer check wants the native e2e mode's version and commit; its specs
    # read mailed verification links and sign up several users from one address.
    extra = {
        "GIT_COMMIT": STACK_COMMIT,
        "SMTP_HOST": mail.smtp_host,
        "SMTP_PORT": str(mail.smtp_port),
        "SMTP_STARTTLS": "false",
        "SMTP_FROM": "flamingo@e2e.example.com",
        "RATELIMIT_SIGNUP": "100/hour",
    }
    stack.up(holder=os.getpid(), app_version=STACK_VERSION, extra=extra)
    yield stack
    stack.down()
