"""Audit entries name people and objects: ``actor_email`` and ``target_label``, looked up for a
whole page at once (one batched lookup per kind of target), with a fallback for deleted objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from flamingo.accounts.users import Users
from flamingo.audit.labels import LABELERS
from flamingo.core import context
from tests.unit.accounts.test_accounts import accounts_app, csrf, signup


@pytest.fixture
def app() -> Flask:
    return accounts_app(RATELIMIT_ENABLED="false")


@pytest.fixture
def admin(app: Flask) -> FlaskClient:
    client = app.test_client()
    user = signup(client, "root@example.com")
    Users(context.stores_of(app).db).set_role(user["id"], "admin")
    return client


def _post(client: FlaskClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(path, json=body, headers=csrf(client))
    assert response.status_code in (200, 201), response.data
    answer: dict[str, Any] = response.get_json()
    return answer


def _by_action(client: FlaskClient) -> dict[str, dict[str, Any]]:
    items = client.get("/api/v1/admin/audit").get_json()["items"]
    return {item["action"]: item for item in reversed(items)}


def test_entries_name_the_actor_and_the_target(admin: FlaskClient) -> None:
    link = _post(admin, "/api/v1/links", {"target": "https://example.com", "alias": "kept"})
    gone = _post(admin, "/api/v1/links", {"target": "https://example.com", "alias": "gone"})
    workspace = _post(admin, "/api/v1/workspaces", {"name": "Marketing"})
    assert admin.delete(f"/api/v1/links/{gone['id']}", headers=csrf(admin)).status_code == 204
    entries = _by_action(admin)
    create = entries["link.create"]
    assert create["actor_email"] == "root@example.com"
    assert create["target_label"] in {f"{link['domain']}/kept", f"{link['domain']}/gone"}
    assert entries["workspace.create"]["target_label"] == "Marketing"
    assert entries["workspace.create"]["target_id"] == workspace["id"]
    # Deleted since: the entry's own record names it.
    assert entries["link.delete"]["target_label"] == f"{gone['domain']}/gone"
    assert entries["user.signup"]["target_label"] == "root@example.com"


def test_a_page_looks_labels_up_once_per_kind(app: Flask, admin: FlaskClient) -> None:
    for i in range(5):
        _post(admin, "/api/v1/links", {"target": f"https://example.com/{i}"})
    calls: list[tuple[str, int]] = []
    real = LABELERS.of(app)

    def counting(kind: str) -> Any:
        def lookup(ids: Sequence[str]) -> dict[str, str]:
            calls.append((kind, len(ids)))
            return real[kind](ids)

        return lookup

    LABELERS.put(app, {kind: counting(kind) for kind in real})
    items = admin.get("/api/v1/admin/audit").get_json()["items"]
    assert all(item["target_label"] for item in items if item["target_type"] == "link")
    kinds = [kind for kind, _ in calls]
    assert sorted(kinds) == sorted(set(kinds))  # one call per kind, not per entry
    assert ("link", 5) in calls
