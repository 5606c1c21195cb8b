"""The audit log on embedded stores: every audited action leaves exactly one entry with the right
actor, target and request id; the admin list pages and filters; nothing changes an entry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from flamingo.accounts.users import Users
from flamingo.audit import service as audit
from flamingo.audit.actions import ACTIONS
from flamingo.audit.repository import AuditRepository
from flamingo.core import context
from flamingo.http import openapi
from tests.conftest import problem
from tests.unit.accounts.test_accounts import PASSWORD, accounts_app, csrf, signup

COUNTER = iter(range(1_000_000))


@pytest.fixture
def app() -> Flask:
    return accounts_app(RATELIMIT_ENABLED="false")


@pytest.fixture
def admin(app: Flask) -> FlaskClient:
    client = app.test_client()
    user = signup(client, "root@example.com")
    Users(context.stores_of(app).db).set_role(user["id"], "admin")
    return client


def _entries(app: Flask) -> list[dict[str, Any]]:
    with app.app_context():
        return [e.public() for e in reversed(audit.entries(None, 200).items)]


class Recorder:
    """Calls the API with a fresh request id each time, and returns the entries that call made."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def __call__(
        self, client: FlaskClient, method: str, path: str, **kwargs: Any
    ) -> tuple[Any, list[dict[str, Any]], str]:
        before = len(_entries(self.app))
        request_id = f"req-{next(COUNTER)}"
        headers = {"X-Request-ID": request_id, **kwargs.pop("headers", {})}
        if method != "GET" and client.get_cookie("flamingo_csrf") is not None:
            headers |= csrf(client)
        answer = client.open(path, method=method, headers=headers, **kwargs)
        return answer, _entries(self.app)[before:], request_id


@pytest.fixture
def call(app: Flask) -> Recorder:
    return Recorder(app)


def _one(entries: list[dict[str, Any]], request_id: str, **expected: Any) -> dict[str, Any]:
    assert len(entries) == 1, entries
    (entry,) = entries
    assert entry["request_id"] == request_id
    # Link changes name the link's workspace (here the owner's personal one); the others none.
    expected.setdefault("workspace_id", None)
    assert entry["ip"] == "127.0.0.1"
    for name, value in expected.items():
        assert entry[name] == value, (name, entry)
    return entry


def test_signup_login_and_password_change(app: Flask, call: Recorder) -> None:
    client = app.test_client()
    body = {"email": "alice@example.com", "password": PASSWORD}
    answer, entries, rid = call(client, "POST", "/api/v1/auth/signup", json=body)
    user_id = answer.get_json()["id"]
    _one(entries, rid, action="user.signup", actor_id=user_id, target_type="user")

    answer, entries, rid = call(client, "POST", "/api/v1/auth/login", json=body)
    assert answer.status_code == 200
    _one(entries, rid, action="auth.login.success", actor_id=user_id, target_id=user_id)

    wrong = {"email": "alice@example.com", "password": "not the password"}
    answer, entries, rid = call(app.test_client(), "POST", "/api/v1/auth/login", json=wrong)
    assert answer.status_code == 401
    entry = _one(entries, rid, action="auth.login.failure", actor_id=None, target_id=user_id)
    assert entry["changes"]["reason"] == "invalid-credentials"
    assert "not the password" not in json.dumps(entries)

    nobody = {"email": "nobody@example.com", "password": "whatever it is"}
    _, entries, rid = call(app.test_client(), "POST", "/api/v1/auth/login", json=nobody)
    _one(entries, rid, action="auth.login.failure", target_id=None)

    change = {"current_password": PASSWORD, "new_password": "another long password"}
    answer, entries, rid = call(client, "POST", "/api/v1/me/password", json=change)
    assert answer.status_code == 200
    entry = _one(entries, rid, action="user.password_change", actor_id=user_id, target_id=user_id)
    assert PASSWORD not in json.dumps(entry) and "another long" not in json.dumps(entry)


def test_tokens(app: Flask, call: Recorder) -> None:
    client = app.test_client()
    user_id = signup(client)["id"]
    body = {"name": "ci", "scopes": ["links:read"]}
    answer, entries, rid = call(client, "POST", "/api/v1/tokens", json=body)
    token = answer.get_json()
    entry = _one(
        entries,
        rid,
        action="token.create",
        actor_id=user_id,
        target_id=token["id"],
        workspace_id=user_id,  # the personal workspace (its id is the user's)
    )
    assert entry["changes"]["scopes"] == ["links:read"]
    assert token["token"] not in json.dumps(entry)
    _, entries, rid = call(client, "DELETE", f"/api/v1/tokens/{token['id']}")
    _one(
        entries,
        rid,
        action="token.revoke",
        actor_id=user_id,
        target_id=token["id"],
        workspace_id=user_id,
    )
    answer, entries, _ = call(client, "DELETE", f"/api/v1/tokens/{token['id']}")
    assert answer.status_code == 404 and entries == []  # nothing changed, nothing recorded


def test_token_events_show_in_their_workspaces_audit_log(app: Flask, call: Recorder) -> None:
    client = app.test_client()
    user_id = signup(client)["id"]
    answer, _, _ = call(client, "POST", "/api/v1/workspaces", json={"name": "Team"})
    workspace_id = answer.get_json()["id"]
    body = {"name": "ci", "scopes": ["links:read"], "workspace_id": workspace_id}
    answer, entries, rid = call(client, "POST", "/api/v1/tokens", json=body)
    token_id = answer.get_json()["id"]
    _one(entries, rid, action="token.create", target_id=token_id, workspace_id=workspace_id)
    _, entries, rid = call(client, "DELETE", f"/api/v1/tokens/{token_id}")
    _one(entries, rid, action="token.revoke", target_id=token_id, workspace_id=workspace_id)

    listed = client.get(f"/api/v1/workspaces/{workspace_id}/audit").get_json()["items"]
    assert [(e["action"], e["target_id"]) for e in listed if e["target_type"] == "token"] == [
        ("token.revoke", token_id),
        ("token.create", token_id),
    ]
    personal = client.get(f"/api/v1/workspaces/{user_id}/audit").get_json()["items"]
    assert not [e for e in personal if e["target_type"] == "token"]


def test_links_create_update_delete_and_batch(app: Flask, call: Recorder) -> None:
    client = app.test_client()
    user_id = signup(client)["id"]
    body = {"target": "https://example.com/a", "title": "A", "password": "link secret"}
    answer, entries, rid = call(client, "POST", "/api/v1/links", json=body)
    link = answer.get_json()
    entry = _one(
        entries,
        rid,
        action="link.create",
        actor_id=user_id,
        target_id=link["id"],
        workspace_id=user_id,
    )
    assert entry["changes"]["target"] == {"old": None, "new": "https://example.com/a"}
    assert entry["changes"]["password"] == {"old": None, "new": "(secret)"}
    assert "link secret" not in json.dumps(entry)

    patch = {"title": "B", "password": "other secret", "tags": ["x"]}
    _, entries, rid = call(client, "PATCH", f"/api/v1/links/{link['id']}", json=patch)
    entry = _one(
        entries,
        rid,
        action="link.update",
        actor_id=user_id,
        target_id=link["id"],
        workspace_id=user_id,
    )
    assert entry["changes"] == {
        "title": {"old": "A", "new": "B"},
        "tags": {"old": [], "new": ["x"]},
        "password": {"old": "(secret)", "new": "(secret)"},
    }

    _, entries, rid = call(client, "DELETE", f"/api/v1/links/{link['id']}")
    _one(
        entries,
        rid,
        action="link.delete",
        actor_id=user_id,
        target_id=link["id"],
        workspace_id=user_id,
    )

    items = [{"target": "https://example.com/1"}, {"target": "nope"}, {"target": "https://a.b"}]
    answer, entries, rid = call(client, "POST", "/api/v1/links/batch", json={"items": items})
    created = [i["link"]["id"] for i in answer.get_json()["items"] if "link" in i]
    assert len(created) == 2
    assert [e["target_id"] for e in entries] == created  # one per created item, none for errors
    assert {e["action"] for e in entries} == {"link.create"}
    assert {e["request_id"] for e in entries} == {rid}


def test_admin_actions(app: Flask, admin: FlaskClient, call: Recorder) -> None:
    admin_id = admin.get("/api/v1/me").get_json()["id"]
    owner = app.test_client()
    owner_id = signup(owner, "owner@example.com")["id"]
    link = owner.post(
        "/api/v1/links", json={"target": "https://example.com"}, headers=csrf(owner)
    ).get_json()

    for verb in ("disable", "enable"):
        _, entries, rid = call(admin, "POST", f"/api/v1/admin/links/{link['id']}/{verb}")
        entry = _one(
            entries,
            rid,
            action=f"link.{verb}",
            actor_id=admin_id,
            target_id=link["id"],
            workspace_id=owner_id,
        )
        assert entry["changes"]["disabled"] == {"old": verb == "enable", "new": verb == "disable"}
        _, entries, rid = call(admin, "POST", f"/api/v1/admin/users/{owner_id}/{verb}")
        _one(entries, rid, action=f"user.{verb}", actor_id=admin_id, target_id=owner_id)

    block = {"domain": "evil.example", "reason": "phishing"}
    _, entries, rid = call(admin, "POST", "/api/v1/admin/blocklist", json=block)
    _one(entries, rid, action="blocklist.add", actor_id=admin_id, target_id="evil.example")
    _, entries, rid = call(admin, "DELETE", "/api/v1/admin/blocklist/evil.example")
    _one(entries, rid, action="blocklist.remove", actor_id=admin_id, target_id="evil.example")


def test_branded_domains(admin: FlaskClient, call: Recorder) -> None:
    admin_id = admin.get("/api/v1/me").get_json()["id"]
    body = {"host": "go.example", "root_redirect": "https://example.com/home"}
    answer, entries, rid = call(admin, "POST", "/api/v1/admin/domains", json=body)
    assert answer.status_code == 201, answer.data
    entry = _one(entries, rid, action="domain.create", actor_id=admin_id, target_id="go.example")
    assert entry["changes"]["root_redirect"] == "https://example.com/home"
    patch = {"root_redirect": "https://example.com/other"}
    _, entries, rid = call(admin, "PATCH", "/api/v1/admin/domains/go.example", json=patch)
    entry = _one(entries, rid, action="domain.update", target_id="go.example")
    assert entry["changes"] == {
        "root_redirect": {"old": "https://example.com/home", "new": "https://example.com/other"}
    }
    _, entries, rid = call(admin, "DELETE", "/api/v1/admin/domains/go.example")
    _one(entries, rid, action="domain.delete", actor_id=admin_id, target_id="go.example")


def test_every_action_is_documented() -> None:
    enum = openapi.document()["components"]["schemas"]["AuditAction"]["enum"]
    assert enum == list(ACTIONS)


@pytest.fixture
def many(app: Flask) -> Iterator[None]:
    with app.test_request_context("/", headers={"X-Request-ID": "seed"}):
        app.preprocess_request()  # the request id, as in a real request
        for index in range(7):
            action = "link.create" if index % 2 else "link.delete"
            audit.record("u1", action, "link", f"l{index}", {"index": index})
    yield


def test_admin_list_pages_newest_first_and_filters(admin: FlaskClient, many: None) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        query = {"limit": "3", "action": "link.create"} | ({"cursor": cursor} if cursor else {})
        page = admin.get("/api/v1/admin/audit", query_string=query).get_json()
        seen += [e["target_id"] for e in page["items"]]
        assert {e["action"] for e in page["items"]} <= {"link.create"}
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["l5", "l3", "l1"]
    everything = admin.get("/api/v1/admin/audit").get_json()["items"]
    assert everything[0]["target_id"] == "l6"  # newest first (the seed came after the signup)
    assert problem(admin.get("/api/v1/admin/audit?action=link.explode"))["status"] == 422
    assert problem(admin.get("/api/v1/admin/audit?cursor=%%%"))["status"] == 400


def test_admin_list_is_for_admins(app: Flask) -> None:
    assert problem(app.test_client().get("/api/v1/admin/audit"))["status"] == 401
    client = app.test_client()
    signup(client)
    assert problem(client.get("/api/v1/admin/audit"))["status"] == 403


def test_no_api_changes_or_deletes_an_entry(app: Flask, admin: FlaskClient, many: None) -> None:
    before = _entries(app)
    entry_id = before[-1]["id"]
    for path in ("/api/v1/admin/audit", f"/api/v1/admin/audit/{entry_id}"):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            answer = admin.open(path, method=method, headers=csrf(admin), json={})
            assert answer.status_code in (404, 405), (method, path)
    assert _entries(app) == before
    audit_paths = [p for p in openapi.document()["paths"] if "audit" in p]
    for path in audit_paths:
        assert set(openapi.document()["paths"][path]) == {"get"}
    # The repository itself has no way to change or remove an entry.
    public = {name for name in dir(AuditRepository) if not name.startswith("_")}
    assert public == {"insert", "page"}


def test_each_entry_is_one_structured_log_line(capfd: pytest.CaptureFixture[str]) -> None:
    app = accounts_app()  # after capfd, so that its log handler writes to the captured stderr
    capfd.readouterr()
    with app.test_request_context("/", headers={"X-Request-ID": "line-1"}):
        app.preprocess_request()
        entry = audit.record("u1", "link.delete", "link", "l1", {"code": "abc"})
    lines = [json.loads(line) for line in capfd.readouterr().err.splitlines() if line]
    (line,) = [item for item in lines if item.get("message") == "audit: link.delete"]
    assert line["severity"] == "INFO"
    assert line["logging.googleapis.com/labels"] == {"audit": "true", "action": "link.delete"}
    assert line["audit"]["request_id"] == "line-1" == line["request_id"]
    assert line["audit"]["target_id"] == "l1" and line["audit"]["changes"] == {"code": "abc"}
    assert entry.public()["at"] == line["audit"]["at"]


def test_an_unknown_action_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(None, "link.explode", "link", None)
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record(None, "link.create", "user", None)


def test_outside_a_request_there_is_no_ip_or_request_id(app: Flask) -> None:
    with app.app_context():
        entry = audit.record(None, "link.create", "link", "l1")
        assert entry.ip is None and entry.request_id is None and entry.actor_id is None
        stored = AuditRepository(context.stores().db).page(cursor=None, limit=1).items[0]
        assert stored == entry


def _schema_validator(name: str) -> jsonschema.Validator:
    document = openapi.document()
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:openapi", resource)
    return jsonschema.Draft202012Validator(
        {"$ref": f"urn:openapi#/components/schemas/{name}"}, registry=registry
    )


def test_answers_match_the_openapi_schemas(
    app: Flask, admin: FlaskClient, call: Recorder, many: None
) -> None:
    call(admin, "POST", "/api/v1/links", json={"target": "https://example.com", "password": "p"})
    page = admin.get("/api/v1/admin/audit").get_json()
    assert page["items"]
    _schema_validator("AuditPage").validate(page)
    _schema_validator("AuthProviders").validate(admin.get("/api/v1/auth/providers").get_json())
