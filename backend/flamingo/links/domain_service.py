"""What managing branded domains means, and which domain a request or a new link is on.

Admins add, change and remove domains (``/api/v1/admin/domains``); the redirect asks
:meth:`DomainService.routes` for the domain of a request's ``Host`` (cached per process beside
the links, invalidated the same way). A host this install does not serve gets None: the redirect
answers 404, never silently the default domain.
"""

from __future__ import annotations

from flask import Flask

from flamingo.audit import service as audit
from flamingo.core import context, signals
from flamingo.core.problems import Problem, field_problem
from flamingo.links.cache import LinkCache, cache_of
from flamingo.links.domain import (
    REDIRECT_FIELDS,
    Domain,
    DomainCreate,
    DomainHost,
    DomainOut,
    DomainPatch,
)
from flamingo.links.domains import (
    DomainExists,
    DomainRepository,
    DomainRoutes,
    default_host_of,
    request_host,
    valid_host,
)
from flamingo.links.fields import checked_target
from flamingo.links.repository import LinkRepository


def _no_such_domain() -> Problem:
    return Problem(404, "not-found", "no such domain")


class DomainService:
    def __init__(
        self, repo: DomainRepository, links: LinkRepository, cache: LinkCache, public_base_url: str
    ) -> None:
        self.repo = repo
        self.links = links
        self.cache = cache
        self.default_host = default_host_of(public_base_url)

    @classmethod
    def build(cls, app: Flask) -> DomainService:
        """The app's one instance (``context.service(DomainService)``): built once per app."""
        db = context.stores_of(app).db
        return cls(
            DomainRepository(db),
            LinkRepository(db),
            cache_of(app),
            context.settings_of(app).server.public_base_url,
        )

    # --- the redirect -----------------------------------------------------------------------

    def load(self, host: str) -> DomainRoutes | None:
        domain = self.repo.get(host)
        if host == self.default_host:
            return DomainRoutes.of(domain or Domain.bare(host), default=True)
        return DomainRoutes.of(domain, default=False) if domain is not None else None

    def host_of(self, header: str) -> str:
        """The domain a request's ``Host`` header names (see :func:`request_host`)."""
        return request_host(header, self.default_host)

    def routes(self, host: str) -> DomainRoutes | None:
        """The domain a request for ``host`` is on (cached), or None if we do not serve it."""
        return self.cache.domain(host, self.load)

    # --- links ------------------------------------------------------------------------------

    def host_for_link(self, requested: str | None) -> str:
        """The domain of a new link: the default one, or an existing domain (else 422)."""
        if requested is None:
            return self.default_host
        try:
            host = valid_host(requested)
        except Problem:
            host = requested.strip().lower()
        if host != self.default_host and self.repo.get(host) is None:
            raise field_problem(422, "unknown-domain", "domain", f"no domain {requested!r} here")
        return host

    # --- admin ------------------------------------------------------------------------------

    def hosts(self) -> list[DomainHost]:
        """What any signed-in user may know: the hosts a link may go on, the default first (the
        per-domain redirects stay with the admins)."""
        return [DomainHost(host=d.host, default=d.default) for d in self.list()]

    def out(self, domain: Domain) -> DomainOut:
        return DomainOut.of(domain, default=domain.host == self.default_host)

    def list(self) -> list[DomainOut]:
        stored = {domain.host: domain for domain in self.repo.all()}
        default = stored.pop(self.default_host, Domain.bare(self.default_host))
        return [self.out(default), *(self.out(domain) for domain in stored.values())]

    def _redirects(self, data: DomainCreate | DomainPatch, host: str) -> dict[str, str | None]:
        """The redirects sent, checked: none may point at a domain we serve — this one
        included, stored yet or not (``GET /`` would redirect to itself)."""
        sent = data.model_fields_set
        own = frozenset({host})
        return {
            name: checked_target(value, name, also_own=own)
            if (value := getattr(data, name))
            else None
            for name in REDIRECT_FIELDS
            if name in sent
        }

    def create(self, data: DomainCreate) -> DomainOut:
        host = valid_host(data.host)
        if host == self.default_host:
            raise field_problem(409, "domain-exists", "host", f"{host} is the default domain")
        redirects = self._redirects(data, host)
        try:
            domain = self.repo.insert(host, redirects)
        except DomainExists:
            raise field_problem(409, "domain-exists", "host", f"{host} exists already") from None
        audit.record(audit.request_actor(), "domain.create", "domain", host, redirects)
        signals.emit(context.stores().redis, "domain.created", None, {"host": host})
        self.cache.invalidate_domain(host)
        return self.out(domain)

    def _existing(self, host: str) -> str:
        normalised = host.strip().lower()
        if normalised != self.default_host and self.repo.get(normalised) is None:
            raise _no_such_domain()
        return normalised

    def get(self, host: str) -> DomainOut:
        host = self._existing(host)
        return self.out(self.repo.get(host) or Domain.bare(host))

    def patch(self, host: str, data: DomainPatch) -> DomainOut:
        host = self._existing(host)
        before = self.repo.get(host) or Domain.bare(host)
        redirects = self._redirects(data, host)
        domain = self.repo.upsert(host, redirects)
        changes = audit.field_changes(before.to_doc(), redirects)
        audit.record(audit.request_actor(), "domain.update", "domain", host, changes)
        self.cache.invalidate_domain(host)
        return self.out(domain)

    def delete(self, host: str) -> None:
        host = self._existing(host)
        if host == self.default_host:
            raise Problem(409, "default-domain", "the default domain cannot be deleted")
        if self.links.any_on_domain(host):
            raise Problem(
                409, "domain-has-links", f"{host} still has links: delete or move them first"
            )
        self.repo.delete(host)
        audit.record(audit.request_actor(), "domain.delete", "domain", host)
        self.cache.invalidate_domain(host)
