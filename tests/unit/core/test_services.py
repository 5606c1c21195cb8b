"""One way to reach a service (``flamingo.core.context``): each service is built once per app,
shared by every request, thread and service that uses it, and never rebuilt per call."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from flamingo.accounts.oidc import OidcClient
from flamingo.accounts.service import AccountService
from flamingo.accounts.verification import EmailVerification
from flamingo.app import create_app
from flamingo.core import context
from flamingo.links.blocklist import DomainBlocklist
from flamingo.links.domain_service import DomainService
from flamingo.links.service import LinkService
from flamingo.stats.service import StatsService
from flamingo.workspaces.service import WorkspaceService
from tests.conftest import make_settings
from tests.support.links import FAST_HASH, user_headers
from tests.unit.accounts.test_oidc_config import OIDC


@pytest.fixture
def app() -> Flask:
    return create_app(make_settings(LOG_REQUESTS="false", **FAST_HASH))


def test_requests_share_the_apps_one_link_service(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[LinkService] = []
    original = LinkService.__init__

    def counting(self: LinkService, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(LinkService, "__init__", counting)
    headers = user_headers(app, "alice@example.com")
    client = app.test_client()
    for n in range(3):
        created = client.post(
            "/api/v1/links", json={"target": f"https://e.example/{n}"}, headers=headers
        )
        assert created.status_code == 201
    assert client.get("/api/v1/links", headers=headers).status_code == 200
    link_id = created.get_json()["id"]
    assert client.get(f"/api/v1/links/{link_id}/stats", headers=headers).status_code == 200
    assert len(built) == 1


def test_a_service_is_the_same_object_for_every_ask_of_one_app(app: Flask) -> None:
    first = context.service_of(app, LinkService)
    assert context.service_of(app, LinkService) is first
    with app.test_request_context("/"):
        assert context.service(LinkService) is first
    assert context.service_of(app, LinkService) is first


def test_services_share_their_collaborators(app: Flask) -> None:
    links = context.service_of(app, LinkService)
    assert links.domains is context.service_of(app, DomainService)
    assert links.workspaces is context.service_of(app, WorkspaceService)
    assert context.service_of(app, StatsService).links is links


def test_each_app_has_its_own_services(app: Flask) -> None:
    other = create_app(make_settings(LOG_REQUESTS="false", **FAST_HASH))
    for kind in (
        LinkService,
        DomainService,
        WorkspaceService,
        StatsService,
        AccountService,
        DomainBlocklist,
        EmailVerification,
    ):
        mine = context.service_of(app, kind)
        assert context.service_of(other, kind) is not mine
        assert isinstance(mine, kind)


def test_the_relying_party_is_built_once_with_its_section() -> None:
    app = create_app(make_settings(LOG_REQUESTS="false", **OIDC))
    client = context.service_of(app, OidcClient)
    assert context.service_of(app, OidcClient) is client
    assert client.settings is context.settings_of(app).oidc
    assert client.callback_url == "http://localhost:8080/api/v1/auth/oidc/callback"
