"""``/api/v1/links``: create, read, change, delete, list, batch and QR codes of one's links."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field
from pymongo.errors import ConnectionFailure

from flamingo.accounts.auth import current_principal, require_auth
from flamingo.core.problems import Problem, problem_response
from flamingo.links import cache as linkcache
from flamingo.links import qr
from flamingo.links.models import BatchCreate, LinkCreate, LinkPatch, ListQuery, short_url
from flamingo.links.repository import get_owned_link
from flamingo.links.service import LinkService

bp = Blueprint("links", __name__, url_prefix="/api/v1/links")
M = TypeVar("M", bound=BaseModel)


def service() -> LinkService:
    app: Any = current_app
    return LinkService.of(app._get_current_object())


def json_body(model: type[M]) -> M:
    """The JSON body as ``model``: 415 without JSON, 400 when it does not parse, 422 if invalid."""
    return model.model_validate(request.get_json())


def query(model: type[M]) -> M:
    return model.model_validate(request.args.to_dict())


def page_json(svc: LinkService, query_: ListQuery, owner_id: str | None) -> Response:
    page = svc.repo.page(
        owner_id=owner_id,
        cursor=query_.cursor,
        limit=query_.limit,
        q=query_.q,
        tag=query_.tag,
    )
    return jsonify(items=[svc.to_json(doc) for doc in page.items], next_cursor=page.next_cursor)


@bp.post("")
@require_auth("links:write")
def create_link() -> tuple[Response, int, dict[str, str]]:
    data = json_body(LinkCreate)
    svc = service()
    doc = svc.create(current_principal().user_id, data)
    return jsonify(svc.to_json(doc)), 201, {"Location": f"{bp.url_prefix}/{doc['_id']}"}


@bp.get("")
@require_auth("links:read")
def list_links() -> Response:
    return page_json(service(), query(ListQuery), current_principal().user_id)


@bp.post("/batch")
@require_auth("links:write")
def batch_create() -> tuple[Response, int]:
    batch = json_body(BatchCreate)
    results = service().create_many(current_principal().user_id, batch.items)
    created = sum(1 for r in results if r.link is not None)
    return jsonify(
        items=[r.to_json() for r in results], created=created, failed=len(results) - created
    ), 207


@bp.get("/<link_id>")
@require_auth("links:read")
def get_link(link_id: str) -> Response:
    svc = service()
    doc = get_owned_link(current_principal(), link_id)
    body = svc.to_json(doc)
    body["clicks_used"] = svc.clicks_used(doc)
    return jsonify(body)


@bp.patch("/<link_id>")
@require_auth("links:write")
def patch_link(link_id: str) -> Response:
    principal = current_principal()
    doc = get_owned_link(principal, link_id)
    patch = json_body(LinkPatch)
    svc = service()
    return jsonify(svc.to_json(svc.update(doc, patch, admin=principal.is_admin)))


@bp.delete("/<link_id>")
@require_auth("links:write")
def delete_link(link_id: str) -> tuple[str, int]:
    doc = get_owned_link(current_principal(), link_id)
    service().delete(doc)
    return "", 204


class QrQuery(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    scale: Annotated[int, Field(ge=1, le=qr.MAX_SCALE)] | None = None


def _qr(link_id: str, kind: qr.Kind) -> Response:
    doc = get_owned_link(current_principal(), link_id)
    scale = query(QrQuery).scale
    body = qr.render(short_url(current_app.config["FLAMINGO_SETTINGS"], doc["code"]), kind, scale)
    response = Response(body, mimetype=qr.MEDIA_TYPES[kind])
    # A link's code never changes, so neither does its QR code.
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


@bp.get("/<link_id>/qr.svg")
@require_auth("links:read")
def qr_svg(link_id: str) -> Response:
    return _qr(link_id, "svg")


@bp.get("/<link_id>/qr.png")
@require_auth("links:read")
def qr_png(link_id: str) -> Response:
    return _qr(link_id, "png")


def _dependency_unavailable(exc: ConnectionFailure) -> Response:
    # pymongo's ServerSelectionTimeoutError, AutoReconnect, NetworkTimeout… all derive from it.
    return problem_response(
        Problem(
            503,
            "dependency-unavailable",
            "the database cannot be reached right now; try again shortly",
            dependency="mongo",
            headers={"Retry-After": "5"},
        )
    )


def init_app(app: Flask) -> None:
    """Everything links: the cache, the API, admin and unlock endpoints, the redirect."""
    from flamingo.http import openapi_view as openapi  # noqa: PLC0415
    from flamingo.links import admin_views as admin_links  # noqa: PLC0415
    from flamingo.redirect import unlock  # noqa: PLC0415
    from flamingo.redirect import view as redirect  # noqa: PLC0415

    linkcache.init_app(app)
    # Before any rule that uses it (unlock, the redirect) is added.
    app.url_map.converters["code"] = redirect.CodeConverter
    app.register_error_handler(ConnectionFailure, _dependency_unavailable)
    app.register_blueprint(bp)
    app.register_blueprint(admin_links.bp)
    app.register_blueprint(unlock.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(redirect.bp)
