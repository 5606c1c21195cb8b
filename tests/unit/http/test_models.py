"""One model per stored thing, and the contract generated from the models.

A link's and a domain's fields are named once (``flamingo.links.link``, ``flamingo.links.domain``):
the repository turns documents into those models and back without changing the stored shape, and
the OpenAPI document's schemas are the models' JSON Schema — a field added to a model is in the
served document with no other edit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from bson import ObjectId
from flask import Flask
from flask.testing import FlaskClient
from pydantic import BaseModel, ConfigDict

from flamingo.accounts.tokens import ApiToken
from flamingo.accounts.users import User
from flamingo.app import create_app
from flamingo.audit.repository import AuditEntry
from flamingo.core import context
from flamingo.core.timefmt import aware
from flamingo.http import openapi
from flamingo.links.answers import LinkListItem, LinkOut, LinkPage
from flamingo.links.blocklist import BlockedDomain
from flamingo.links.domain import Domain, DomainCreate, DomainOut, DomainPatch
from flamingo.links.link import Link
from flamingo.links.models import LinkCreate, LinkPatch
from flamingo.links.repository import LinkRepository
from flamingo.workspaces.workspace import Invitation, Membership, Workspace
from tests.conftest import make_settings
from tests.support.links import FAST_HASH, bearer, make_user, user_headers
from tests.support.workspaces import build_world
from tests.unit.accounts.test_accounts import accounts_app


@pytest.fixture
def app() -> Flask:
    return create_app(make_settings(LOG_REQUESTS="false", **FAST_HASH))


def _names(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


@pytest.mark.parametrize(
    ("component", "model"),
    [
        ("Link", LinkOut),
        ("LinkListItem", LinkListItem),
        ("LinkPage", LinkPage),
        ("LinkCreate", LinkCreate),
        ("LinkPatch", LinkPatch),
        ("Domain", DomainOut),
        ("DomainCreate", DomainCreate),
        ("DomainPatch", DomainPatch),
    ],
)
def test_the_served_schemas_are_the_models(
    client: FlaskClient, component: str, model: type[BaseModel]
) -> None:
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert set(schemas[component]["properties"]) == _names(model)


def test_a_field_added_to_a_model_is_in_the_document_with_no_other_edit() -> None:
    class LinkWithNote(LinkOut):
        model_config = ConfigDict(title="Link")
        note: str | None = None

    # The document built as served, with the link's answer model in its place.
    contracts = (openapi.Contract(responses=(LinkWithNote,)),)
    link = openapi.document(contracts=contracts)["components"]["schemas"]["Link"]
    # An answer always carries it (null or not), so clients may rely on it being there.
    assert "note" in link["properties"] and "note" in link["required"]
    assert "note" not in openapi.document()["components"]["schemas"]["Link"]["properties"]


def test_two_models_claiming_one_name_fail_loudly() -> None:
    class Other(BaseModel):
        model_config = ConfigDict(title="Link")
        something: int

    contracts = (*openapi.registered(), openapi.Contract(responses=(Other,)))
    with pytest.raises(openapi.SchemaConflict, match="Link"):
        openapi.document(contracts=contracts)


def test_a_generated_schema_the_yaml_also_defines_fails_loudly() -> None:
    class Problem(BaseModel):  # base.yaml keeps Problem
        detail: str

    with pytest.raises(openapi.OpenApiConflict, match=r"schemas\.Problem"):
        openapi.document(contracts=(openapi.Contract(responses=(Problem,)),))


def _stored(app: Flask, link_id: str) -> dict[str, Any]:
    doc = context.stores_of(app).db["links"].find_one({"_id": ObjectId(link_id)})
    assert doc is not None
    return doc


def test_a_stored_link_reads_and_writes_back_unchanged(app: Flask, client: FlaskClient) -> None:
    headers = user_headers(app, "alice@example.com")
    body = {
        "target": "https://example.com/",
        "title": "t",
        "tags": ["a"],
        "rules": [
            {
                "if": {"device": "mobile", "after": "2030-01-01T00:00:00Z"},
                "target": "https://m.example/",
            }
        ],
        "variants": [
            {"target": "https://a.example/", "weight": 1},
            {"target": "https://b.example/", "weight": 2},
        ],
        "forward_query": True,
    }
    created = client.post("/api/v1/links", json=body, headers=headers).get_json()
    plain = client.post("/api/v1/links", json={"target": "https://x.example/"}, headers=headers)
    for link_id in (created["id"], plain.get_json()["id"]):
        doc = _stored(app, link_id)
        assert Link.from_doc(doc).to_doc() == doc
    # What is not set stays absent from the document, as before the models.
    assert not {"rules", "variants", "forward_query", "valid_from", "clicks_total"} & set(
        _stored(app, plain.get_json()["id"])
    )


def test_an_update_writes_only_what_changed(app: Flask, client: FlaskClient) -> None:
    """A link made before workspaces keeps its shape, and the click worker's count survives."""
    owner = make_user(app, "alice@example.com")
    headers = bearer(app, owner)
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    links = context.stores_of(app).db["links"]
    legacy = {
        "code": "legacy1",
        "owner_id": owner,
        "target": "https://example.com/",
        "title": "old",
        "tags": [],
        "redirect_status": 302,
        "disabled": False,
        "created_at": moment,
    }
    link_id = str(links.insert_one(dict(legacy)).inserted_id)
    LinkRepository(context.stores_of(app).db).add_clicks({link_id: 5})
    response = client.patch(f"/api/v1/links/{link_id}", json={"title": "new"}, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    doc = _stored(app, link_id)
    assert doc["title"] == "new" and doc["clicks_total"] == 5
    assert "workspace_id" not in doc and "domain" not in doc
    assert set(doc) == {*legacy, "_id", "clicks_total", "updated_at"}


def _aware(node: Any) -> Any:
    """Drivers and mocks hand back naive UTC datetimes; models keep aware ones (same instant)."""
    if isinstance(node, dict):
        return {key: _aware(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_aware(value) for value in node]
    return aware(node) if isinstance(node, datetime) else node


STORED: dict[str, Any] = {
    "users": User,
    "api_tokens": ApiToken,
    "workspaces": Workspace,
    "memberships": Membership,
    "invitations": Invitation,
    "audit_log": AuditEntry,
    "links": Link,
    "domains": Domain,
    "blocked_domains": BlockedDomain,
}


def test_every_stored_thing_reads_and_writes_back_unchanged() -> None:
    """Users, tokens, a workspace with members, an invitation, audit entries, a link, a domain
    and a blocklist entry, each made through the API: their documents are their models'."""
    app = accounts_app(RATELIMIT_ENABLED="false")
    world = build_world(app)
    admin = user_headers(app, "root@example.com", role="admin")
    client = app.test_client()
    assert (
        client.post(
            "/api/v1/admin/domains", json={"host": "go.example.com"}, headers=admin
        ).status_code
        == 201
    )
    assert (
        client.post(
            "/api/v1/admin/blocklist",
            json={"domain": "evil.example", "reason": "spam"},
            headers=admin,
        ).status_code
        == 201
    )
    assert world.link_id and world.invitation_id
    db = context.stores_of(app).db
    for collection, model in STORED.items():
        docs = list(db[collection].find({}))
        assert docs, f"nothing stored in {collection}"
        for doc in docs:
            assert _aware(model.from_doc(doc).to_doc()) == _aware(doc), collection
