"""`make run`'s embedded stores: the click worker runs inside the app, so analytics work there."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.integration.pipeline_support import BOTS, CHROME
from tests.support.processes import Gunicorn, backend_env, wait_until

pytestmark = pytest.mark.integration


def test_clicks_reach_the_stats_without_a_separate_worker(tmp_path: Path) -> None:
    # No MONGO_URI / REDIS_URL: mongomock + fakeredis in one gunicorn worker.
    web = Gunicorn(backend_env(PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics")))
    web.start()
    try:
        session = requests.Session()
        signup = session.post(
            f"{web.base}/api/v1/auth/signup",
            json={"email": "embedded@example.com", "password": "a long enough password"},
            timeout=10,
        )
        assert signup.status_code == 201, signup.text
        csrf = {"X-CSRF-Token": session.cookies["flamingo_csrf"]}
        created = session.post(
            f"{web.base}/api/v1/links",
            json={"target": "https://example.com/"},
            headers=csrf,
            timeout=10,
        )
        assert created.status_code == 201, created.text
        link = created.json()
        agents = [CHROME] * 4 + list(BOTS)
        for agent in agents:
            response = requests.get(
                f"{web.base}/{link['code']}",
                headers={"User-Agent": agent},
                allow_redirects=False,
                timeout=10,
            )
            assert response.status_code == 302

        def totals() -> dict[str, int]:
            body = session.get(f"{web.base}/api/v1/links/{link['id']}/stats", timeout=10).json()
            result: dict[str, int] = body["totals"]
            return result

        wait_until(lambda: totals()["total"] == len(agents), "clicks folded in-process")
        assert totals() == {"total": 7, "human": 4, "bot": 3, "unique": 1}
    finally:
        web.stop()
