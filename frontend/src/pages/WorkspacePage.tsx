import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type SubmitEvent } from 'react';
import { workspaces } from '../api/endpoints';
import type { Workspace } from '../api/types';
import { WORKSPACES_KEY, useWorkspaces } from '../auth/useWorkspaces';
import { Alert, ErrorAlert } from '../components/Alert';
import { AuditLog } from '../components/AuditLog';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field } from '../components/Field';
import { InvitationsSection } from '../components/InvitationsSection';
import { MembersSection } from '../components/MembersSection';
import { usePageTitle } from '../components/usePageTitle';
import { WebhooksSection } from '../components/WebhooksSection';
import { WithWorkspace } from '../components/WithWorkspace';
import { WORKSPACE_ACTIONS } from '../lib/auditActions';
import { serverFieldErrors } from '../lib/formErrors';
import { can, ROLE_LABELS } from '../lib/roles';
import { workspaceLabel } from '../lib/workspaces';

/** A workspace name form: renaming the current one, or naming a new one. */
function NameForm({
  label,
  submitLabel,
  initial = '',
  onSubmit,
  pending,
  error,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  onSubmit: (name: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const [name, setName] = useState(initial);
  const [clientError, setClientError] = useState<string>();
  const server = serverFieldErrors(error, ['name']);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const message = name.trim() ? undefined : 'Give the workspace a name.';
    setClientError(message);
    if (!message) onSubmit(name.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      {server.unclaimed ? <ErrorAlert error={error} /> : null}
      <Field
        label={label}
        name="name"
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={clientError ?? server.byField.name}
      />
      <button type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}

/** Rename (admins and owners) and delete (owners; not a personal workspace). */
function SettingsSection({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY, exact: true });
  const rename = useMutation({
    mutationFn: (name: string) => workspaces.rename(workspace.id, name),
    onSuccess: refresh,
  });
  // Once gone from the list it is no longer current: the personal workspace is.
  const remove = useMutation({
    mutationFn: () => workspaces.remove(workspace.id),
    onSuccess: refresh,
  });
  const canRename = can(workspace.role, 'workspace.update');
  const canDelete = can(workspace.role, 'workspace.delete') && !workspace.personal;
  if (!canRename && !canDelete) return null;
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      {rename.isSuccess ? <Alert kind="success">Renamed.</Alert> : null}
      {canRename ? (
        <NameForm
          key={workspace.name}
          label="Workspace name"
          submitLabel="Rename"
          initial={workspace.name}
          onSubmit={(name) => rename.mutate(name)}
          pending={rename.isPending}
          error={rename.error}
        />
      ) : null}
      {canDelete ? (
        <div className="actions">
          <ConfirmButton
            label="Delete workspace"
            question={`Delete ${workspace.name}? It must have no links left.`}
            confirmLabel="Yes, delete"
            onConfirm={() => remove.mutate()}
            pending={remove.isPending}
          />
        </div>
      ) : null}
      <ErrorAlert error={remove.error} />
    </section>
  );
}

/** What changed in the workspace and who did it (owners and admins, as the API allows). */
function AuditSection({ workspace }: { workspace: Workspace }) {
  return (
    <section className="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <AuditLog
        queryKey={['workspaces', workspace.id, 'audit']}
        load={(cursor, action) => workspaces.audit(workspace.id, cursor, action)}
        actions={WORKSPACE_ACTIONS}
      />
    </section>
  );
}

/** A new workspace, owned by its creator, becomes the current one. */
function NewWorkspaceSection() {
  const queryClient = useQueryClient();
  const { select } = useWorkspaces();
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: workspaces.create,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY, exact: true });
      select(created.id);
      setFormKey((k) => k + 1);
    },
  });
  return (
    <section className="card" aria-labelledby="new-workspace-heading">
      <h2 id="new-workspace-heading">New workspace</h2>
      <p className="hint">Share links with a team: you become its owner and invite the others.</p>
      {create.data ? (
        <Alert kind="success">Workspace “{create.data.name}” created; you are working in it.</Alert>
      ) : null}
      <NameForm
        key={formKey}
        label="Name of the new workspace"
        submitLabel="Create workspace"
        onSubmit={(name) => create.mutate(name)}
        pending={create.isPending}
        error={create.error}
      />
    </section>
  );
}

/** The current workspace: its members and roles, invitations, settings; and a new one. */
export default function WorkspacePage() {
  usePageTitle('Workspace');
  return (
    <div className="stack">
      <WithWorkspace>
        {(workspace) => (
          <Fragment key={workspace.id}>
            <h1>{workspaceLabel(workspace)}</h1>
            <p className="hint" data-testid="my-role">
              {workspace.role
                ? `Your role: ${ROLE_LABELS[workspace.role]}`
                : 'You are not a member.'}
            </p>
            <MembersSection workspace={workspace} />
            {can(workspace.role, 'members.manage') ? (
              <InvitationsSection workspace={workspace} />
            ) : null}
            <SettingsSection workspace={workspace} />
            {can(workspace.role, 'webhooks.manage') ? (
              <WebhooksSection workspace={workspace} />
            ) : null}
            {can(workspace.role, 'audit.read') ? <AuditSection workspace={workspace} /> : null}
          </Fragment>
        )}
      </WithWorkspace>
      <NewWorkspaceSection />
    </div>
  );
}
