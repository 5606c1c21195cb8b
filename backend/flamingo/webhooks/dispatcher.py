"""The webhook worker: event stream → deliveries → signed POSTs, at least once.

**Intake.** A consumer of the group ``flamingo-webhooks`` on :data:`outbox.STREAM` reads up to
:data:`BATCH` events, writes one delivery per event and subscribed hook (an id derived from the
stream entry and the hook, so an entry read twice after a crash makes no second delivery) and
then ACKs. Entries a dead consumer left pending are taken over after :data:`CLAIM_IDLE_MS`.

**Sending.** Due deliveries are sent oldest first; a hook's deliveries go in order, and a failed
attempt stops that hook's round (later ones wait for the next round), so order holds while the
receiver answers and only breaks while it fails. A delivery is claimed before its attempt (its
next attempt moved :data:`LEASE` ahead), so two workers do not send it at once; a worker dying
mid-attempt leaves it to be sent again when the lease ends (at least once: receivers dedupe on
``webhook-id``).

**Outcome.** 2xx: delivered. 410: failed, and the hook is disabled (``gone``). Anything else
(3xx included: no redirect is followed, a refused address, a timeout): retried after
:data:`SCHEDULE` (± :data:`JITTER`), 8 attempts over ≈ 27.6 h; when the last one fails the
delivery is ``failed`` and the hook's run of failed deliveries grows; a delivered one resets it;
at :data:`DISABLE_AFTER` in a row the hook is disabled (``failing``). A disabling is audited
(``webhook.disable``) and mailed to the workspace's owners. Test events get one attempt and
never count.
"""

from __future__ import annotations

import json
import os
import random
import socket
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import redis
from prometheus_client import Counter, Histogram

from flamingo.audit.repository import AuditEntry, AuditRepository
from flamingo.core.config import Settings
from flamingo.core.log import get_logger
from flamingo.core.stores import Stores
from flamingo.core.timefmt import now
from flamingo.links.urlpolicy import Policy, policy_for
from flamingo.webhooks import mail, outbox, signing, transport
from flamingo.webhooks.hook import TEST_EVENT, Delivery, Webhook
from flamingo.webhooks.repository import WebhookRepository

log = get_logger(__name__)

GROUP = "flamingo-webhooks"
BATCH = 100
CLAIM_IDLE_MS = 60_000
DUE_PER_ROUND = 200
LEASE = timedelta(seconds=60)  # longer than an attempt's 10 s budget
# Seconds to wait after the 1st, 2nd… failed attempt: 8 attempts over ≈ 27.6 hours.
SCHEDULE: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 36000)
JITTER = 0.2  # each wait is drawn from ±20 % of its step, so failed receivers are not hit in step
DISABLE_AFTER = 5  # deliveries in a row whose every attempt failed
REFRESH_SECONDS = 30.0

DELIVERIES = Counter(
    "flamingo_webhook_deliveries",
    "Webhook deliveries finished, by outcome (delivered, failed).",
    ["outcome"],
)
ATTEMPTS = Counter(
    "flamingo_webhook_attempts",
    "Webhook delivery attempts, by result (2xx, 3xx, 4xx, 5xx, error, refused).",
    ["result"],
)
DISABLED = Counter(
    "flamingo_webhooks_disabled", "Webhooks the worker disabled, by reason.", ["reason"]
)
ATTEMPT_DURATION = Histogram(
    "flamingo_webhook_attempt_duration_seconds",
    "How long one delivery attempt took (connect, send, read the capped answer).",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def _result(attempt: transport.Attempt) -> str:
    if attempt.status_code is None:
        return "refused" if (attempt.error or "").startswith("refused") else "error"
    return f"{attempt.status_code // 100}xx"


class Dispatcher:
    def __init__(
        self,
        stores: Stores,
        settings: Settings,
        *,
        schedule: Sequence[float] = SCHEDULE,
        disable_after: int = DISABLE_AFTER,
        jitter: float = JITTER,
        consumer: str | None = None,
    ) -> None:
        self.redis = stores.redis
        self.db = stores.db
        self.repo = WebhookRepository(stores.db)
        self.settings = settings
        self.schedule = tuple(schedule)
        self.disable_after = disable_after
        self.jitter = jitter
        self.consumer = consumer or f"{socket.gethostname()}-{os.getpid()}"
        self.policy: Policy = policy_for(
            settings.links, settings.server.public_base_url, blocked=None
        )
        self._next_refresh = 0.0

    # --- intake --------------------------------------------------------------------------------

    def ensure_group(self) -> None:
        try:
            self.redis.xgroup_create(outbox.STREAM, GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def intake(self, block_ms: int = 0) -> int:
        """Turn new (and abandoned) stream entries into deliveries; how many entries."""
        claimed: Any = self.redis.xautoclaim(
            outbox.STREAM, GROUP, self.consumer, min_idle_time=CLAIM_IDLE_MS, count=BATCH
        )
        entries = list(claimed[1])
        reply: Any = self.redis.xreadgroup(
            GROUP,
            self.consumer,
            {outbox.STREAM: ">"},
            count=BATCH,
            block=block_ms if block_ms > 0 else None,
        )
        if reply:
            entries += reply[0][1]
        for entry_id, fields in entries:
            if fields:
                self._fan_out(entry_id, fields)
        if entries:
            ids = [entry_id for entry_id, _ in entries]
            pipe = self.redis.pipeline(transaction=False)
            pipe.xack(outbox.STREAM, GROUP, *ids)
            pipe.xdel(outbox.STREAM, *ids)
            pipe.execute()
        return len(entries)

    def _fan_out(self, entry_id: str, fields: dict[str, str]) -> None:
        event_type = fields.get("type", "")
        try:
            data = json.loads(fields.get("data", "{}"))
            at = datetime.fromisoformat(fields["at"])
        except (KeyError, ValueError):
            log.warning("malformed webhook event dropped", id=entry_id)
            return
        body = signing.body(event_type, at, data)
        events = len(data.get("clicks", [])) or 1
        for hook in self.repo.subscribed(event_type, fields.get("ws") or None):
            if hook.created_at > at:
                continue  # the hook did not exist when it happened
            key = f"{entry_id}.{hook.id}"
            self.repo.add_delivery(
                Delivery(
                    id=f"dlv_{key}",
                    msg_id=f"msg_{key}",
                    hook_id=hook.id,
                    workspace_id=hook.workspace_id,
                    event_type=event_type,
                    events=events,
                    body=body,
                    created_at=now(),
                    next_at=now(),
                )
            )

    # --- sending -------------------------------------------------------------------------------

    def deliver_due(self) -> int:
        """One round: every due delivery, in order per hook. How many attempts were made."""
        moment = now()
        blocked: set[str] = set()  # hooks whose attempt failed this round: order holds
        hooks: dict[str, Webhook | None] = {}
        made = 0
        for delivery in self.repo.due(moment, DUE_PER_ROUND):
            if delivery.hook_id in blocked:
                continue
            if delivery.hook_id not in hooks:
                hooks[delivery.hook_id] = self.repo.by_id(delivery.hook_id)
            hook = hooks[delivery.hook_id]
            if hook is None or not (hook.enabled or delivery.event_type == TEST_EVENT):
                self._finish(delivery, "failed", error="the webhook is disabled or deleted")
                continue
            if not self.repo.claim(delivery, now() + LEASE):
                continue  # another worker has it
            made += 1
            if not self.attempt(hook, delivery):
                blocked.add(hook.id)
                hooks.pop(hook.id)  # it may have been disabled: read it again
        return made

    def attempt(self, hook: Webhook, delivery: Delivery) -> bool:
        """Send once and record the outcome; True when delivered."""
        moment = now()
        headers = signing.headers(
            hook.signing_secrets(moment), delivery.msg_id, int(time.time()), delivery.body
        )
        result = transport.post(hook.url, delivery.body, headers, self.policy)
        ATTEMPTS.labels(_result(result)).inc()
        ATTEMPT_DURATION.observe(result.latency_ms / 1000)
        tried: Delivery = delivery.changed(
            {
                "attempts": delivery.attempts + 1,
                "last_attempt_at": moment,
                "status_code": result.status_code,
                "latency_ms": result.latency_ms,
                "response_excerpt": result.excerpt,
                "error": result.error,
            }
        )
        if result.ok:
            self._finish(tried, "delivered")
            self.repo.reset_failures(hook.id)
            return True
        if result.status_code == 410:
            self._finish(tried, "failed")
            self.disable(hook, "gone")
            return False
        if delivery.event_type != TEST_EVENT and tried.attempts <= len(self.schedule):
            wait = self.schedule[tried.attempts - 1]
            wait *= random.uniform(1 - self.jitter, 1 + self.jitter)  # noqa: S311 - not a secret
            self.repo.record(tried.changed({"next_at": now() + timedelta(seconds=wait)}))
            return False
        self._finish(tried, "failed")
        if delivery.event_type != TEST_EVENT:
            failures = self.repo.count_failure(hook.id)
            if failures >= self.disable_after:
                self.disable(hook, "failing")
        return False

    def _finish(self, delivery: Delivery, status: str, error: str | None = None) -> None:
        changes: dict[str, object] = {"status": status, "next_at": None}
        if error is not None:
            changes["error"] = error
        self.repo.record(delivery.changed(changes))
        DELIVERIES.labels("delivered" if status == "delivered" else "failed").inc()
        self.repo.prune(delivery.hook_id)

    def disable(self, hook: Webhook, reason: str) -> None:
        """Turn the hook off, audit it, mail the owners."""
        current = self.repo.by_id(hook.id)
        if current is None or not current.enabled:
            return
        self.repo.save(current.changed({"enabled": False, "disabled_reason": reason}))
        DISABLED.labels(reason).inc()
        changes = {"enabled": {"old": True, "new": False}, "reason": reason}
        log.warning("webhook disabled", webhook_id=hook.id, reason=reason)
        AuditRepository(self.db).insert(
            AuditEntry(
                at=now(),
                action="webhook.disable",
                target_type="webhook",
                target_id=hook.id,
                workspace_id=hook.workspace_id,
                changes=changes,
            )
        )
        outbox.refresh_click_workspaces(self.redis, self.repo)
        owners = mail.owner_emails(self.db, hook.workspace_id)
        mail.send_disabled(
            self.settings.mail, self.settings.server.public_base_url, owners, hook, reason
        )

    # --- the loop ------------------------------------------------------------------------------

    def step(self, block_ms: int = 0) -> int:
        """Intake, then one sending round; how many entries and attempts."""
        if time.monotonic() >= self._next_refresh:
            outbox.refresh_click_workspaces(self.redis, self.repo)
            self._next_refresh = time.monotonic() + REFRESH_SECONDS
        return self.intake(block_ms) + self.deliver_due()
