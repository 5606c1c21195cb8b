"""``/api/v1/admin/domains``: administrators manage the branded domains this install serves;
``/api/v1/domains``: every signed-in user may list their hosts (to put a link on one)."""

from __future__ import annotations

from flask import Blueprint, Response

from flamingo.accounts.auth import require_admin, require_auth
from flamingo.core import context
from flamingo.http.bodies import json_body
from flamingo.http.openapi import Contract
from flamingo.http.render import answer
from flamingo.links.domain import (
    DomainCreate,
    DomainHostList,
    DomainList,
    DomainOut,
    DomainPatch,
)
from flamingo.links.domain_service import DomainService

bp = Blueprint("admin_domains", __name__, url_prefix="/api/v1/admin/domains")
hosts_bp = Blueprint("domains", __name__, url_prefix="/api/v1/domains")
# What these APIs read and answer: the document's schemas are generated from these models.
CONTRACT = Contract(
    requests=(DomainCreate, DomainPatch), responses=(DomainOut, DomainList, DomainHostList)
)


def _service() -> DomainService:
    return context.service(DomainService)


@bp.get("")
@require_admin
def list_domains() -> Response:
    """Every domain, the default one first."""
    return answer(DomainList(items=_service().list()))


@bp.post("")
@require_admin
def create_domain() -> tuple[Response, int, dict[str, str]]:
    domain = _service().create(json_body(DomainCreate))
    return answer(domain), 201, {"Location": f"{bp.url_prefix}/{domain.host}"}


@bp.get("/<host>")
@require_admin
def get_domain(host: str) -> Response:
    return answer(_service().get(host))


@bp.patch("/<host>")
@require_admin
def patch_domain(host: str) -> Response:
    return answer(_service().patch(host, json_body(DomainPatch)))


@bp.delete("/<host>")
@require_admin
def delete_domain(host: str) -> Response:
    _service().delete(host)
    return Response(status=204)


@hosts_bp.get("")
@require_auth()
def list_hosts() -> Response:
    """The hosts a new link may use, the default one first (any signed-in user or token)."""
    return answer(DomainHostList(items=_service().hosts()))
