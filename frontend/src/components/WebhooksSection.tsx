import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { webhooks } from '../api/endpoints';
import type { NewWebhookSecret, Webhook, WebhookChange, Workspace } from '../api/types';
import { formatDateTime } from '../lib/dates';
import { DISABLED_REASONS } from '../lib/webhooks';
import { Alert, ErrorAlert } from './Alert';
import { ConfirmButton } from './ConfirmButton';
import { CopyButton } from './CopyButton';
import { Loading } from './Loading';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookForm } from './WebhookForm';

/** A signing secret, shown once (after create or rotate), with a copy button. */
function SecretCard({ created, rotated }: { created: NewWebhookSecret; rotated: boolean }) {
  return (
    <div className="card result" data-testid="webhook-secret">
      <Alert kind="success">
        {rotated
          ? `New signing secret for ${created.url}. The previous one still signs until ${formatDateTime(created.previous_secret_expires_at ?? created.updated_at)}.`
          : `Webhook for ${created.url} created.`}{' '}
        Copy the secret now: it is shown only once. Receivers verify deliveries with it (Standard
        Webhooks).
      </Alert>
      <p>
        <code className="break secret">{created.secret}</code>{' '}
        <CopyButton text={created.secret} label="Copy secret" />
      </p>
    </div>
  );
}

function HookCard({
  hook,
  onSecret,
}: {
  hook: Webhook;
  onSecret: (secret: NewWebhookSecret) => void;
}) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: ['workspaces', hook.workspace_id, 'webhooks'] });
  const update = useMutation({
    mutationFn: (body: WebhookChange) => webhooks.update(hook.workspace_id, hook.id, body),
    onSuccess: async () => {
      setEditing(false);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => webhooks.remove(hook.workspace_id, hook.id),
    onSuccess: refresh,
  });
  const rotate = useMutation({
    mutationFn: () => webhooks.rotate(hook.workspace_id, hook.id),
    onSuccess: async (rotated) => {
      onSecret(rotated);
      await refresh();
    },
  });
  const state = hook.enabled
    ? 'Enabled'
    : hook.disabled_reason
      ? `Disabled by the worker: ${DISABLED_REASONS[hook.disabled_reason] ?? hook.disabled_reason}`
      : 'Disabled';
  return (
    <li className="card" data-testid={`webhook-${hook.id}`}>
      <h3 className="break">{hook.url}</h3>
      {hook.description ? <p>{hook.description}</p> : null}
      <p className="hint">
        {state} · {hook.events.join(', ')}
        {hook.failures > 0 ? ` · ${hook.failures} failed deliveries in a row` : ''}
      </p>
      <ErrorAlert error={update.error ?? remove.error ?? rotate.error} />
      <div className="actions">
        <button
          type="button"
          onClick={() => update.mutate({ enabled: !hook.enabled })}
          disabled={update.isPending}
        >
          {hook.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" onClick={() => setEditing((e) => !e)}>
          {editing ? 'Cancel editing' : 'Edit'}
        </button>
        <ConfirmButton
          label="Rotate secret"
          question="Make a new signing secret? The current one keeps signing for 24 hours."
          confirmLabel="Yes, rotate"
          onConfirm={() => rotate.mutate()}
          pending={rotate.isPending}
        />
        <ConfirmButton
          label="Delete"
          question={`Delete the webhook for ${hook.url} and its delivery log?`}
          confirmLabel="Yes, delete"
          onConfirm={() => remove.mutate()}
          pending={remove.isPending}
        />
      </div>
      {editing ? (
        <WebhookForm
          initial={{ url: hook.url, events: hook.events, description: hook.description ?? '' }}
          submitLabel="Save webhook"
          onSubmit={({ url, events, description }) =>
            update.mutate({ url, events, description: description ?? null })
          }
          pending={update.isPending}
          error={update.error}
        />
      ) : null}
      <details>
        <summary>Delivery log</summary>
        <WebhookDeliveries hook={hook} />
      </details>
    </li>
  );
}

/** The workspace's webhooks (owners and admins): create (its secret shown once), list, enable or
 * disable, edit, rotate, delete, and each one's delivery log with test and redeliver. */
export function WebhooksSection({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const key = ['workspaces', workspace.id, 'webhooks'] as const;
  const [secret, setSecret] = useState<{ value: NewWebhookSecret; rotated: boolean }>();
  const [formKey, setFormKey] = useState(0);
  const list = useQuery({ queryKey: key, queryFn: () => webhooks.list(workspace.id) });
  const create = useMutation({
    mutationFn: (body: Parameters<typeof webhooks.create>[1]) =>
      webhooks.create(workspace.id, body),
    onSuccess: async (created) => {
      setSecret({ value: created, rotated: false });
      setFormKey((k) => k + 1);
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  return (
    <section className="card" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p className="hint">
        Flamingo POSTs signed events (Standard Webhooks) to your receivers, retrying for about a
        day.
      </p>
      {secret ? <SecretCard created={secret.value} rotated={secret.rotated} /> : null}
      <WebhookForm
        key={formKey}
        submitLabel="Add webhook"
        onSubmit={(body) => create.mutate(body)}
        pending={create.isPending}
        error={create.error}
      />
      <ErrorAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>No webhooks yet.</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="plain-list" aria-label="Webhooks of this workspace">
          {list.data.map((hook) => (
            <HookCard
              key={hook.id}
              hook={hook}
              onSecret={(value) => setSecret({ value, rotated: true })}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
