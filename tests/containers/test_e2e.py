"""The browser end-to-end suite (frontend/e2e, Playwright + Debian Chromium) through the compose
stack's frontend container: our images on the stand-in bases, the worker container counting the
clicks. The same suite `make test-e2e` runs against native processes; here it shares the session's
stack with tests/containers/test_stack.py (one `up` for both), and runs first."""

from __future__ import annotations

import pytest

from tests.e2e.launch import ADMIN_EMAIL, ADMIN_PASSWORD, run_playwright, target_site
from tests.e2e.mailbox import Mailbox
from tests.support.stack import Stack

pytestmark = pytest.mark.timeout(900)


def test_the_browser_suite_passes_through_the_frontend_container(
    stack: Stack, mail: Mailbox
) -> None:
    stack.compose(
        "exec",
        "-T",
        "backend",
        "flamingo",
        "create-admin",
        "--email",
        ADMIN_EMAIL,
        "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\n",
    )
    with target_site() as target:
        code = run_playwright(stack.base, target, mail)
    assert code == 0, "the browser suite failed: screenshots and traces in test-results/e2e"
