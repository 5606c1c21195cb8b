"""What managing a workspace's webhooks means: who may (owners and admins, through
:meth:`WorkspaceService.require`), which URLs (the link-target policy, plus every address the
name resolves to), the signing secret (shown once, rotated with a 24 h overlap), the delivery log,
a test event and a redelivery. Every change is audited. Nothing is sent here: deliveries are
queued for the worker (:mod:`flamingo.webhooks.dispatcher`).
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

from flamingo.accounts.auth import Principal
from flamingo.audit import service as audit
from flamingo.core import context
from flamingo.core.problems import Problem
from flamingo.core.timefmt import now
from flamingo.links.urlpolicy import Policy, check_target, policy_for
from flamingo.webhooks import outbox, signing
from flamingo.webhooks.hook import (
    TEST_EVENT,
    Delivery,
    DeliveryOut,
    Webhook,
    WebhookCreate,
    WebhookCreated,
    WebhookOut,
    WebhookPatch,
    new_secret,
)
from flamingo.webhooks.repository import MAX_HOOKS_PER_WORKSPACE, WebhookRepository
from flamingo.webhooks.transport import Refused, checked_target
from flamingo.workspaces.service import WorkspaceService, session_only

PREVIOUS_SECRET_VALID = timedelta(hours=24)


def not_found(what: str = "webhook") -> Problem:
    return Problem(404, "not-found", f"no such {what}")


def _url_problem(slug: str, detail: str) -> Problem:
    return Problem(422, slug, detail, errors=[{"field": "url", "message": detail}])


class WebhookService:
    def __init__(self, repo: WebhookRepository, workspaces: WorkspaceService, app: Flask) -> None:
        self.repo = repo
        self.workspaces = workspaces
        self.app = app

    @classmethod
    def build(cls, app: Flask) -> WebhookService:
        """The app's one instance (``context.service(WebhookService)``)."""
        return cls(
            WebhookRepository(context.stores_of(app).db),
            context.service_of(app, WorkspaceService),
            app,
        )

    def _policy(self) -> Policy:
        settings = context.settings_of(self.app)
        return policy_for(settings.links, settings.server.public_base_url, None)

    def check_url(self, url: str) -> str:
        """The normalised URL, or a 422 naming the rule (field ``url``): the link-target policy
        (scheme, credentials, our own domains, the blocklist, private hosts), then the addresses
        the name resolves to now (a name that resolves inside counts as inside). A name that does
        not resolve yet is accepted: each delivery checks again."""
        try:
            normalised = check_target(url)
        except Problem as problem:
            raise _url_problem(problem.slug, problem.detail) from None
        try:
            checked_target(normalised, self._policy())
        except Refused as refused:
            if refused.slug != "url-unresolvable":
                raise _url_problem(refused.slug, refused.detail) from None
        return normalised

    def _load(self, principal: Principal, workspace_id: str, hook_id: str) -> Webhook:
        self.workspaces.require(principal, workspace_id, "webhooks.manage")
        hook = self.repo.get(workspace_id, hook_id)
        if hook is None:
            raise not_found()
        return hook

    def _changed(self) -> None:
        """Which workspaces want clicks changed: tell the click worker's side at once."""
        outbox.refresh_click_workspaces(context.stores_of(self.app).redis, self.repo)

    @staticmethod
    def _record(principal: Principal, action: str, hook: Webhook, changes: object) -> None:
        audit.record(
            principal.user_id,
            action,
            "webhook",
            hook.id,
            changes if isinstance(changes, dict) else {},
            workspace_id=hook.workspace_id,
        )

    # --- hooks --------------------------------------------------------------------------------

    def hooks(self, principal: Principal, workspace_id: str) -> list[WebhookOut]:
        self.workspaces.require(principal, workspace_id, "webhooks.manage")
        return [hook.out() for hook in self.repo.in_workspace(workspace_id)]

    def get(self, principal: Principal, workspace_id: str, hook_id: str) -> WebhookOut:
        return self._load(principal, workspace_id, hook_id).out()

    def create(
        self, principal: Principal, workspace_id: str, data: WebhookCreate
    ) -> WebhookCreated:
        access = self.workspaces.require(principal, workspace_id, "webhooks.manage")
        session_only(principal)
        if self.repo.count_in(access.workspace_id) >= MAX_HOOKS_PER_WORKSPACE:
            raise Problem(
                409, "too-many-webhooks", f"at most {MAX_HOOKS_PER_WORKSPACE} webhooks each"
            )
        moment = now()
        hook = self.repo.insert(
            Webhook(
                workspace_id=access.workspace_id,
                url=self.check_url(data.url),
                events=list(dict.fromkeys(data.events)),
                description=data.description,
                enabled=data.enabled,
                secret=new_secret(),
                created_by=principal.user_id,
                created_at=moment,
                updated_at=moment,
            )
        )
        self._record(principal, "webhook.create", hook, {"url": hook.url, "events": hook.events})
        self._changed()
        return WebhookCreated.model_validate({**hook.out().model_dump(), "secret": hook.secret})

    def update(
        self, principal: Principal, workspace_id: str, hook_id: str, patch: WebhookPatch
    ) -> WebhookOut:
        hook = self._load(principal, workspace_id, hook_id)
        session_only(principal)
        sent = patch.model_fields_set
        changes: dict[str, object] = {}
        if "url" in sent and patch.url is not None:
            changes["url"] = self.check_url(patch.url)
        if "events" in sent and patch.events is not None:
            changes["events"] = list(dict.fromkeys(patch.events))
        if "description" in sent:
            changes["description"] = patch.description
        if "enabled" in sent and patch.enabled is not None:
            changes["enabled"] = patch.enabled
            if patch.enabled:  # enabled again by hand: a fresh start
                changes |= {"disabled_reason": None, "failures": 0}
        updated: Webhook = hook.changed({**changes, "updated_at": now()})
        self.repo.save(updated)
        old, new = hook.model_dump(), updated.model_dump()
        self._record(
            principal,
            "webhook.update",
            hook,
            audit.field_changes({k: old[k] for k in changes}, {k: new[k] for k in changes}),
        )
        self._changed()
        return updated.out()

    def delete(self, principal: Principal, workspace_id: str, hook_id: str) -> None:
        hook = self._load(principal, workspace_id, hook_id)
        session_only(principal)
        self.repo.delete(hook)
        self._record(principal, "webhook.delete", hook, {"url": hook.url})
        self._changed()

    def rotate(self, principal: Principal, workspace_id: str, hook_id: str) -> WebhookCreated:
        """A new secret; the current one keeps signing beside it for 24 h (both signatures in
        ``webhook-signature``), so receivers can switch without losing a delivery."""
        hook = self._load(principal, workspace_id, hook_id)
        session_only(principal)
        moment = now()
        rotated: Webhook = hook.changed(
            {
                "secret": new_secret(),
                "previous_secret": hook.secret,
                "previous_secret_until": moment + PREVIOUS_SECRET_VALID,
                "updated_at": moment,
            }
        )
        self.repo.save(rotated)
        until = rotated.previous_secret_until
        self._record(principal, "webhook.rotate_secret", hook, {"previous_valid_until": until})
        return WebhookCreated.model_validate(
            {**rotated.out().model_dump(), "secret": rotated.secret}
        )

    # --- deliveries ---------------------------------------------------------------------------

    def deliveries(
        self, principal: Principal, workspace_id: str, hook_id: str
    ) -> list[DeliveryOut]:
        hook = self._load(principal, workspace_id, hook_id)
        return [delivery.out() for delivery in self.repo.log(hook.id)]

    def send_test(self, principal: Principal, workspace_id: str, hook_id: str) -> DeliveryOut:
        """Queue a ``webhook.test`` event for this hook (enabled or not): the worker sends it."""
        hook = self._load(principal, workspace_id, hook_id)
        session_only(principal)
        moment = now()
        data = {"webhook_id": hook.id, "workspace_id": hook.workspace_id}
        delivery = Delivery(
            hook_id=hook.id,
            workspace_id=hook.workspace_id,
            event_type=TEST_EVENT,
            body=signing.body(TEST_EVENT, moment, data),
            created_at=moment,
            next_at=moment,
        )
        self.repo.add_delivery(delivery)
        return delivery.out()

    def redeliver(
        self, principal: Principal, workspace_id: str, hook_id: str, delivery_id: str
    ) -> DeliveryOut:
        """Send a delivery's body again, as a new delivery with the same ``webhook-id`` (so a
        receiver that got it after all can tell)."""
        hook = self._load(principal, workspace_id, hook_id)
        session_only(principal)
        old = self.repo.delivery(hook.id, delivery_id)
        if old is None:
            raise not_found("delivery")
        moment = now()
        delivery = Delivery(
            hook_id=hook.id,
            workspace_id=hook.workspace_id,
            msg_id=old.msg_id,
            event_type=old.event_type,
            events=old.events,
            body=old.body,
            created_at=moment,
            next_at=moment,
        )
        self.repo.add_delivery(delivery)
        return delivery.out()
