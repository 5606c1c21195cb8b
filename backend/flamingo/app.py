"""The application factory."""

from __future__ import annotations

import secrets as pysecrets
from collections.abc import Sequence
from typing import Any

from flask import Flask, Request
from flask.sessions import SessionInterface, SessionMixin

from flamingo.accounts import admin_views as accounts_admin_views
from flamingo.accounts import audit_views, hooks, oidc_views, token_views
from flamingo.accounts import views as accounts_views
from flamingo.accounts.service import AccountService
from flamingo.accounts.users import Users
from flamingo.audit.labels import LABELERS
from flamingo.clicks import events as clicks
from flamingo.clicks import runner as worker
from flamingo.core import context
from flamingo.core.config import ConfigError, Settings, load_settings
from flamingo.core.indexes import ensure_indexes
from flamingo.core.log import configure_logging, get_logger
from flamingo.core.problems import Problem, register_error_handlers
from flamingo.core.stores import Stores, open_stores
from flamingo.http import (
    apiheaders,
    clientip,
    middleware,
    openapi,
    openapi_view,
    ops,
    ratelimit,
    spa,
)
from flamingo.http.bodies import JsonRequest
from flamingo.links import admin_views as links_admin_views
from flamingo.links import cache as link_cache
from flamingo.links import domain_views
from flamingo.links import views as links_views
from flamingo.links.listing import RECENT_CLICKS
from flamingo.links.repository import LinkRepository
from flamingo.redirect import fastlane, unlock
from flamingo.redirect import view as redirect_view
from flamingo.stats import views as stats_views
from flamingo.stats import visit_views
from flamingo.stats.eventstore import ensure_retention
from flamingo.stats.repository import ClickStatsRepository
from flamingo.workspaces import service as workspaces
from flamingo.workspaces import views as workspace_views
from flamingo.workspaces.repository import WorkspaceRepository

# Every blueprint, in one place. The redirect's catch-all ``/<code>`` goes last: any route the
# service owns is matched before it (and is a reserved alias, flamingo.links.reserved).
BLUEPRINTS = (
    ops.bp,
    accounts_views.bp,
    token_views.bp,
    accounts_admin_views.bp,
    oidc_views.bp,
    audit_views.bp,
    workspace_views.bp,
    links_views.bp,
    domain_views.bp,
    domain_views.hosts_bp,
    links_admin_views.bp,
    stats_views.bp,
    visit_views.bp,
    unlock.bp,
    openapi_view.bp,
    redirect_view.bp,
)
# The request and answer models of the API, in one place: the OpenAPI document's schemas are
# generated from them (flamingo.http.openapi).
CONTRACTS = (
    links_views.CONTRACT,
    domain_views.CONTRACT,
    links_admin_views.CONTRACT,
    audit_views.CONTRACT,
    accounts_views.CONTRACT,
    accounts_admin_views.CONTRACT,
    token_views.CONTRACT,
    workspace_views.CONTRACT,
    oidc_views.CONTRACT,
    stats_views.CONTRACT,
    visit_views.CONTRACT,
    unlock.CONTRACT,
)
openapi.register(*CONTRACTS)

log = get_logger(__name__)


class NoCookieSessions(SessionInterface):
    """Flask's signed-cookie session is never used (sessions live in Redis, see
    :mod:`flamingo.accounts.sessions`).

    Opening it anyway costs every request, the redirect included, a signing serializer.
    """

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        return None

    def save_session(self, app: Flask, session: SessionMixin, response: Any) -> None:
        return None


def _warn_embedded(stores: Stores) -> None:
    if stores.embedded:
        missing = [
            name
            for name, embedded in (
                ("MONGO_URI", stores.embedded_mongo),
                ("REDIS_URL", stores.embedded_redis),
            )
            if embedded
        ]
        log.warning(
            "EMBEDDED IN-MEMORY STORES: data is lost on exit; set "
            + " and ".join(missing)
            + " for real MongoDB/Redis",
            embedded=missing,
        )


def _wire_workspaces(app: Flask, stores: Stores) -> None:
    """Accounts and workspaces meet here (imports point one way: workspaces use accounts)."""

    def user_created(user: Any) -> None:
        context.service_of(app, workspaces.WorkspaceService).ensure_personal(user.id)

    def token_workspace(principal: Any, workspace_id: str) -> None:
        context.service_of(app, workspaces.WorkspaceService).require(
            principal, workspace_id, "tokens.create"
        )

    hooks.USER_CREATED.put(app, user_created)
    hooks.TOKEN_WORKSPACE.put(app, token_workspace)
    workspaces.IN_USE.put(app, LinkRepository(stores.db).any_in_workspace)
    # The links list shows each link's clicks of the last days (stats sits above links).
    RECENT_CLICKS.put(app, ClickStatsRepository(stores.db).recent_totals)


def _seed_admin(app: Flask, settings: Settings, stores: Stores) -> None:
    """``ADMIN_EMAIL`` / ``ADMIN_PASSWORD`` (embedded stores only): the quick start's admin,
    made inside the one process whose in-memory store the server reads."""
    wanted = settings.admin
    if wanted.admin_email is None or wanted.admin_password is None:
        return
    try:
        admin = context.service_of(app, AccountService).bootstrap_admin(
            wanted.admin_email,
            wanted.admin_password.get_secret_value(),
        )
    except Problem as problem:
        errors = problem.extra.get("errors") or [{"field": "email", "message": problem.detail}]
        field = "ADMIN_PASSWORD" if errors[0]["field"] == "password" else "ADMIN_EMAIL"
        raise ConfigError(field, errors[0]["message"]) from None
    context.service_of(app, workspaces.WorkspaceService).ensure_personal(admin.id)
    log.info("admin ready", email=admin.email)


def _wire_audit_labels(app: Flask, stores: Stores) -> None:
    """The audit log names people and objects (``flamingo.audit.labels``): each domain's batch
    lookup, registered here because the audit package sits below every domain."""
    workspace_repo = WorkspaceRepository(stores.db)

    def workspace_names(ids: Sequence[str]) -> dict[str, str]:
        return {workspace.id: workspace.name for workspace in workspace_repo.many(list(ids))}

    LABELERS.put(
        app,
        {
            "user": Users(stores.db).emails_of,
            "link": LinkRepository(stores.db).labels_of,
            "workspace": workspace_names,
            "domain": lambda hosts: {host: host for host in hosts},
        },
    )


def create_app(settings: Settings | None = None, stores: Stores | None = None) -> Flask:
    settings = settings or load_settings()
    configure_logging(settings.server.log_level)
    stores = stores or open_stores(settings.stores)
    _warn_embedded(stores)

    server = settings.server
    app = Flask(__name__)
    app.request_class = JsonRequest
    app.session_interface = NoCookieSessions()
    secret_key: Any = (
        server.secret_key.get_secret_value() if server.secret_key else pysecrets.token_hex(32)
    )
    app.config.update(
        SECRET_KEY=secret_key,
        MAX_CONTENT_LENGTH=server.max_request_bytes,
        JSON_SORT_KEYS=False,
    )
    app.json.sort_keys = False  # type: ignore[attr-defined]
    context.attach(app, settings, stores)
    _wire_workspaces(app, stores)
    _wire_audit_labels(app, stores)
    if stores.embedded_mongo:
        # In-memory data has no index Job to run: create the indexes (uniqueness!) here.
        ensure_indexes(stores.db)
        ensure_retention(stores.db, settings.clicks.click_events_retention_days)
        _seed_admin(app, settings, stores)
    clicks.init_app(app)  # the click buffer and its flusher (per process, after the fork)
    worker.init_app(app)  # embedded stores only: the click worker runs in this process

    middleware.install(app)
    register_error_handlers(app)
    ratelimit.install(app, settings.limits, settings.stores)
    apiheaders.install(app)
    link_cache.init_app(app)  # the redirect's cache and its invalidation subscriber
    # Before any rule that uses it (unlock, the redirect) is added.
    app.url_map.converters["code"] = redirect_view.CodeConverter
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    spa.init_app(app, server.spa_dir)  # `make run` only: Nginx serves the SPA elsewhere
    # WSGI middleware, innermost first. The redirect fast lane goes outermost: it reads the
    # client's address itself, only for what it serves (flamingo.redirect.fastlane).
    clientip.install(app, server.trusted_proxy_count)
    fastlane.install(app)
    return app
