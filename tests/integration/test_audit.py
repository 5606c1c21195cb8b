"""The audit log on real gunicorn (2 workers), redis-server and FerretDB: entries written in the
request that made the change, read back through the admin API, and its indexes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.linkservice import Service, running_service
from tests.support.processes import FerretDB, RedisServer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def service(ferretdb: FerretDB, redis_server: RedisServer) -> Iterator[Service]:
    with running_service(ferretdb, redis_server) as running:
        yield running


def test_link_changes_are_audited_on_ferretdb(service: Service) -> None:
    user_id, headers = service.user()
    admin_id, admin = service.user(role="admin")
    made = service.api(
        "POST",
        "/api/v1/links",
        {**headers, "X-Request-ID": "ferret-create"},
        json={"target": "https://example.com/audit", "title": "one"},
    )
    assert made.status_code == 201, made.text
    link_id = made.json()["id"]
    patched = service.api(
        "PATCH",
        f"/api/v1/links/{link_id}",
        {**headers, "X-Request-ID": "ferret-update"},
        json={"title": "two"},
    )
    assert patched.status_code == 200
    disabled = service.api(
        "POST", f"/api/v1/admin/links/{link_id}/disable", {**admin, "X-Request-ID": "ferret-off"}
    )
    assert disabled.status_code == 200
    deleted = service.api(
        "DELETE", f"/api/v1/links/{link_id}", {**headers, "X-Request-ID": "ferret-delete"}
    )
    assert deleted.status_code == 204

    page = service.api("GET", "/api/v1/admin/audit", admin, params={"limit": 10}).json()
    # Ordered by ObjectId: within one second, ids made by two gunicorn workers need not follow
    # the clock, so compare in the order of ``at``.
    mine = sorted((e for e in page["items"] if e["target_id"] == link_id), key=lambda e: e["at"])
    assert [(e["action"], e["actor_id"], e["request_id"]) for e in mine] == [
        ("link.create", user_id, "ferret-create"),
        ("link.update", user_id, "ferret-update"),
        ("link.disable", admin_id, "ferret-off"),
        ("link.delete", user_id, "ferret-delete"),
    ]
    assert mine[1]["changes"] == {"title": {"old": "one", "new": "two"}}
    assert mine[2]["changes"]["disabled"] == {"old": False, "new": True}
    updates = service.api(
        "GET", "/api/v1/admin/audit", admin, params={"action": "link.update", "limit": 1}
    ).json()
    assert [e["request_id"] for e in updates["items"]] == ["ferret-update"]
    assert updates["next_cursor"] is None
    assert service.api("DELETE", "/api/v1/admin/audit", admin).status_code == 405
    indexes = service.db["audit_log"].index_information()
    assert {"action_newest", "workspace_newest"} <= set(indexes)
    assert "oidc_subject" in service.db["users"].index_information()
