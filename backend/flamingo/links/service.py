"""What creating, reading, changing and deleting a link means: who may see it (the one place
that decides), validation beyond the models, code allocation, password hashing, and cache
invalidation before any API answer.

Used by the API, the batch endpoint, the redirect, stats and ``flamingo import`` alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import redis
from flask import Flask
from pydantic import ValidationError
from pymongo.errors import DuplicateKeyError, OperationFailure

from flamingo.accounts.auth import Principal
from flamingo.accounts.passwords import hash_password, verify_password
from flamingo.audit import service as audit
from flamingo.core import context, signals
from flamingo.core.config import Settings
from flamingo.core.pagination import Page
from flamingo.core.problems import Problem, field_problem, validation_problem
from flamingo.links import clickcap
from flamingo.links.answers import BatchItemResult, LinkOut
from flamingo.links.cache import CachedLink, LinkCache, cache_key, cache_of
from flamingo.links.codes import MAX_CODE_ATTEMPTS, AliasError, check_alias, random_code
from flamingo.links.domain_service import DomainService
from flamingo.links.fields import routing_changes, routing_of
from flamingo.links.importers.history import History
from flamingo.links.link import Link, LinkChanges, LinkFields
from flamingo.links.models import LinkCreate, LinkPatch, ListQuery
from flamingo.links.repository import LinkRepository
from flamingo.links.reserved import is_reserved
from flamingo.links.urlpolicy import check_target
from flamingo.workspaces.service import WorkspaceService


def _check_future(expires_at: datetime | None, now: datetime) -> None:
    if expires_at is not None and expires_at <= now:
        raise field_problem(422, "expiry-in-past", "expires_at", "must be in the future")


def _alias_taken(alias: str) -> Problem:
    return field_problem(409, "alias-taken", "alias", f"alias {alias!r} is already taken")


_SECRETS = frozenset({"password"})
# Who owns a link and when it changed are the audit entry's own columns, not its changes.
_NOT_AUDITED = frozenset(
    {"disabled_by_admin", "owner_id", "workspace_id", "created_at", "updated_at"}
)
_AUDITED = ("domain", *(name for name in LinkFields.model_fields if name not in _NOT_AUDITED))


def _audited(link: Link) -> dict[str, object]:
    """What the audit log shows of a link, as stored; the password only as "(secret)"."""
    doc = link.to_doc()
    return {name: doc.get(name) for name in _AUDITED} | {"password": link.password_hash}


def _record(action: str, link: Link, changes: Mapping[str, object]) -> None:
    audit.record(
        audit.request_actor(), action, "link", link.id, changes, workspace_id=link.workspace_id
    )


def not_found() -> Problem:
    # Another user's link answers exactly like a missing one (no enumeration).
    return Problem(404, "not-found", "no such object")


class LinkService:
    def __init__(
        self,
        repo: LinkRepository,
        cache: LinkCache,
        client: redis.Redis,
        settings: Settings,
        domains: DomainService,
        *,
        workspaces: WorkspaceService,
    ) -> None:
        self.repo = repo
        self.cache = cache
        self.redis = client
        self.settings = settings
        self.domains = domains
        self.workspaces = workspaces

    @classmethod
    def build(cls, app: Flask) -> LinkService:  # the app's one: context.service(LinkService)
        stores, domains = context.stores_of(app), context.service_of(app, DomainService)
        workspaces = context.service_of(app, WorkspaceService)
        repo, settings = LinkRepository(stores.db), context.settings_of(app)
        return cls(repo, cache_of(app), stores.redis, settings, domains, workspaces=workspaces)

    def out(self, link: Link) -> LinkOut:
        """The link as the API answers it."""
        return LinkOut.of(link, self.settings)

    def _emit(self, event: str, link: Link) -> None:
        """Tell the event bus (webhooks listen): the link as the API shows it, or its keys."""
        data = self.out(link).model_dump(mode="json")
        if event == "link.deleted":
            data = {k: data[k] for k in ("id", "workspace_id", "domain", "code", "target")}
        signals.emit(self.redis, event, link.workspace_id, data)

    def _key(self, link: Link) -> str:
        """The link cache's key of a link (its domain and code)."""
        return cache_key(link.domain or self.cache.default_host, link.code)

    # --- who may see what -----------------------------------------------------------------

    def get_owned(self, principal: Principal, link_id: str, *, write: bool = False) -> Link:
        """The link if ``principal`` may read it (``write``: change it) in its workspace: any
        member reads, ``member`` and above write, instance admins do both. A non-member (or a
        token of another workspace) gets 404, never 403, so nobody learns which ids exist."""
        link = self.repo.by_id(link_id)
        if link is None:
            raise not_found()
        try:
            self.workspaces.require(
                principal, link.workspace_id, "links.write" if write else "links.read"
            )
        except Problem as problem:
            raise (not_found() if problem.status == 404 else problem) from None
        return link

    def get_any(self, link_id: str) -> Link:
        """Any link, for ``/api/v1/admin/*`` (``require_admin`` has decided); 404 if missing."""
        link = self.repo.by_id(link_id)
        if link is None:
            raise not_found()
        return link

    def page(self, query: ListQuery, *, owner_id: str | None) -> Page[Link]:
        """A page of ``owner_id``'s links (everyone's with None: admins only, the views decide)."""
        return self.repo.page(
            owner_id=owner_id,
            workspace_id=query.workspace_id,
            cursor=query.cursor,
            limit=query.limit,
            q=query.q,
            tag=query.tag,
            sort=query.sort,
        )

    def page_in_workspace(self, principal: Principal, query: ListQuery) -> Page[Link]:
        """A page of one workspace's links (``?workspace_id``; default: the caller's)."""
        workspace_id = query.workspace_id or self.workspaces.default_for(principal)
        self.workspaces.require(principal, workspace_id, "links.read")
        return self.page(query.model_copy(update={"workspace_id": workspace_id}), owner_id=None)

    def create_as(self, principal: Principal, data: LinkCreate) -> Link:
        """Create in ``data.workspace_id`` (default: the caller's) if the caller may write there."""
        workspace_id = data.workspace_id or self.workspaces.default_for(principal)
        self.workspaces.require(principal, workspace_id, "links.write")
        return self.create(principal.user_id, data, workspace_id=workspace_id)

    def create_many_as(self, principal: Principal, items: list[Any]) -> list[BatchItemResult]:
        return self.create_many(
            principal.user_id,
            items,
            workspace_id=self.workspaces.default_for(principal),
            principal=principal,
        )

    # --- the redirect ---------------------------------------------------------------------

    def by_code(self, domain: str, code: str) -> Link | None:
        return self.repo.by_code(domain, code, default=domain == self.cache.default_host)

    def for_redirect(self, domain: str, code: str) -> CachedLink | None:
        """What the redirect needs of the link ``domain``/``code``, from the cache when it can
        (see :meth:`LinkCache.lookup`); None when there is no such link."""
        if is_reserved(code):
            return None
        # The link cache builds its entry from the stored document (links.cache).
        return self.cache.lookup(
            domain,
            code,
            lambda host, code: self.repo.doc_by_code(
                host, code, default=host == self.cache.default_host
            ),
        )

    def for_unlock(self, domain: str, code: str) -> tuple[CachedLink, str | None] | None:
        """A link and its password hash, read fresh (hashes never enter the cache)."""
        link = None if is_reserved(code) else self.by_code(domain, code)
        if link is None:
            return None
        return CachedLink.from_doc(link.to_doc()), link.password_hash

    def password_matches(self, password_hash: str, password: str) -> bool:
        return verify_password(self.settings.security, password_hash, password)

    def take_cap(self, link: CachedLink, *, count: bool) -> bool:
        """Whether a visit of a capped link may go on; ``count`` spends one of its clicks
        (GET), without it only looks (HEAD is not a click). 503 when Redis cannot tell."""
        if link.max_clicks is None:
            return True
        if count:
            return clickcap.take(self.redis, link.link_id, link.max_clicks)
        return not clickcap.exhausted(self.redis, link.link_id, link.max_clicks)

    # --- create ---------------------------------------------------------------------------

    def _new_link(
        self, owner_id: str, workspace_id: str, data: LinkCreate, now: datetime, *, kept: bool
    ) -> Link:
        target = check_target(data.target)
        if not kept:  # an imported link may have expired at its source: it stays expired here
            _check_future(data.expires_at, now)
        # The fields a client sets as they are; the checked, derived and computed ones after.
        given = data.model_dump(include=set(LinkFields.model_fields), by_alias=True)
        fields: LinkChanges = given | {
            "code": "",  # drawn when inserted (_insert)
            "owner_id": owner_id,
            "workspace_id": workspace_id,
            "domain": self.domains.host_for_link(data.domain),
            "target": target,
            "password_hash": hash_password(self.settings.security, data.password)
            if data.password
            else None,
            "created_at": now,
            "updated_at": now,
        }
        return Link.model_validate(fields | routing_of(data))

    def _insert(self, link: Link, alias: str | None, *, kept: bool = False) -> Link:
        if alias is not None:
            try:
                code = check_alias(alias, kept=kept)
            except AliasError as exc:
                raise field_problem(422, exc.slug, "alias", str(exc)) from None
            try:
                return self.repo.insert(link.changed({"code": code}))
            except DuplicateKeyError:
                raise _alias_taken(alias) from None
        for _ in range(MAX_CODE_ATTEMPTS):
            try:
                return self.repo.insert(
                    link.changed({"code": random_code(self.settings.code_length)})
                )
            except DuplicateKeyError:
                continue  # another link has this code: draw again
        raise Problem(503, "code-space-exhausted", "no free short code found; try again")

    def create(
        self,
        owner_id: str,
        data: LinkCreate,
        *,
        publish: bool = True,
        workspace_id: str | None = None,
        history: History | None = None,
    ) -> Link:
        """A new link of ``owner_id`` in ``workspace_id`` (default: their personal workspace);
        the caller checked that they may write there (:meth:`create_as`); ``history``: imported."""
        workspace_id = workspace_id or owner_id
        kept = history is not None
        link = self._new_link(owner_id, workspace_id, data, datetime.now(UTC), kept=kept)
        link = link.changed(history.fields()) if history is not None else link
        link = self._insert(link, data.alias, kept=kept)
        _record("link.create", link, audit.field_changes({}, _audited(link), _SECRETS))
        self._emit("link.created", link)
        if publish:
            # A visitor may have tried this code before it existed: drop the negative entries.
            self.cache.invalidate(self._key(link))
        return link

    def create_many(
        self,
        owner_id: str,
        items: list[Any],
        *,
        workspace_id: str | None = None,
        principal: Principal | None = None,
    ) -> list[BatchItemResult]:
        """Each item on its own: one failure never stops the others (partial success). With a
        ``principal``, each item's workspace is checked as for one link."""
        results: list[BatchItemResult] = []
        created: list[str] = []
        for index, raw in enumerate(items):
            try:
                data = LinkCreate.model_validate(raw)
                where = data.workspace_id or workspace_id or owner_id
                if principal is not None:
                    self.workspaces.require(principal, where, "links.write")
                link = self.create(owner_id, data, publish=False, workspace_id=where)
            except ValidationError as exc:
                problem = validation_problem(exc)
                results.append(
                    BatchItemResult(index=index, status=problem.status, error=problem.to_dict())
                )
            except Problem as problem:
                results.append(
                    BatchItemResult(index=index, status=problem.status, error=problem.to_dict())
                )
            else:
                created.append(self._key(link))
                results.append(BatchItemResult(index=index, status=201, link=self.out(link)))
        if created:
            self.cache.invalidate(*created)
        return results

    # --- change -----------------------------------------------------------------------------

    def _changes(self, link: Link, patch: LinkPatch, *, admin: bool) -> LinkChanges:
        sent = patch.model_fields_set
        # The fields a client sets as they are (title, tags, max_clicks, redirect_status…); the
        # checked, derived and guarded ones below.
        changes: LinkChanges = patch.model_dump(include=sent & set(LinkFields.model_fields))
        if "target" in sent and patch.target is not None:
            changes["target"] = check_target(patch.target)
        if "alias" in sent and patch.alias is not None and patch.alias != link.code:
            try:
                changes["code"] = check_alias(patch.alias)
            except AliasError as exc:
                raise field_problem(422, exc.slug, "alias", str(exc)) from None
        if "expires_at" in sent:
            _check_future(patch.expires_at, datetime.now(UTC))
        if "password" in sent:
            changes["password_hash"] = (
                hash_password(self.settings.security, patch.password) if patch.password else None
            )
        changes.update(routing_changes(link, patch))
        changes.pop("disabled", None)
        if "disabled" in sent and patch.disabled is not None:
            if not patch.disabled and link.disabled_by_admin and not admin:
                raise Problem(
                    403, "disabled-by-admin", "an administrator disabled this link; ask them"
                )
            changes["disabled"] = patch.disabled
            if not patch.disabled:
                changes["disabled_by_admin"] = False
        return changes

    def update(self, link: Link, patch: LinkPatch, *, admin: bool = False) -> Link:
        changes = self._changes(link, patch, admin=admin)
        if changes:
            changes["updated_at"] = datetime.now(UTC)
        new_code = changes.get("code")
        domain = link.domain or self.cache.default_host
        if isinstance(new_code, str) and self.by_code(domain, new_code) is not None:
            raise _alias_taken(new_code)
        try:
            updated = self.repo.update(link, link.changed(changes))
        except OperationFailure:
            # DuplicateKeyError on MongoDB; FerretDB reports the unique index as a generic
            # failure. Either way, if the alias now belongs to another link, it was a race.
            if isinstance(new_code, str) and self.by_code(domain, new_code) is not None:
                raise _alias_taken(new_code) from None
            raise
        if updated is None:
            raise not_found()
        _record(
            "link.update", link, audit.field_changes(_audited(link), _audited(updated), _SECRETS)
        )
        self._emit("link.updated", updated)
        # A new alias: the old code must stop redirecting, and a cached "unknown" of the new one
        # must go.
        self.cache.invalidate(*{self._key(link), self._key(updated)})
        return updated

    def set_admin_disabled(self, link: Link, disabled: bool) -> Link:
        changes: LinkChanges = {
            "disabled": disabled,
            "disabled_by_admin": disabled,
            "updated_at": datetime.now(UTC),
        }
        updated = self.repo.update(link, link.changed(changes))
        if updated is None:
            raise not_found()
        _record(
            "link.disable" if disabled else "link.enable",
            link,
            audit.field_changes(_audited(link), _audited(updated), _SECRETS),
        )
        self._emit("link.updated", updated)
        self.cache.invalidate(self._key(updated))
        return updated

    def delete(self, link: Link) -> None:
        self.repo.delete(link)
        _record(
            "link.delete", link, {"domain": link.domain, "code": link.code, "target": link.target}
        )
        self._emit("link.deleted", link)
        self.cache.invalidate(self._key(link))
        clickcap.forget(self.redis, link.id)

    def clicks_used(self, link: Link) -> int | None:
        if link.max_clicks is None:
            return None
        return clickcap.used(self.redis, link.id)
