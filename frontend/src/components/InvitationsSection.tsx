import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { workspaces } from '../api/endpoints';
import type { NewInvitation, Workspace, WorkspaceRole } from '../api/types';
import { formatDateTime } from '../lib/dates';
import { serverFieldErrors } from '../lib/formErrors';
import { assignableRoles, ROLE_LABELS } from '../lib/roles';
import { acceptUrl } from '../lib/workspaces';
import { Alert, ErrorAlert } from './Alert';
import { ConfirmButton } from './ConfirmButton';
import { CopyButton } from './CopyButton';
import { DataTable } from './DataTable';
import { Field, SelectField } from './Field';
import { Loading } from './Loading';

function NewInvitationCard({ invitation }: { invitation: NewInvitation }) {
  const url = acceptUrl(invitation.token);
  return (
    <div className="card result" data-testid="new-invitation">
      <Alert kind="success">
        Invitation for {invitation.email} as {ROLE_LABELS[invitation.role]} created
        {invitation.mailed ? ' and mailed' : ''}. Send them this link: it is shown only once, works
        once, for that email address only, until {formatDateTime(invitation.expires_at)}.
      </Alert>
      <p>
        <code className="break secret" data-testid="invitation-link">
          {url}
        </code>{' '}
        <CopyButton text={url} label="Copy link" />
      </p>
    </div>
  );
}

function InviteForm({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const roles = assignableRoles(workspace.role);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('member');
  const [emailError, setEmailError] = useState<string>();
  const invite = useMutation({
    mutationFn: () => workspaces.invite(workspace.id, email.trim(), role),
    onSuccess: () => {
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: ['workspaces', workspace.id, 'invitations'] });
    },
  });
  const server = serverFieldErrors(invite.error, ['email', 'role']);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const error = email.trim().includes('@') ? undefined : 'Enter the email address to invite.';
    setEmailError(error);
    if (!error) invite.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      {server.unclaimed ? <ErrorAlert error={invite.error} /> : null}
      <Field
        label="Email to invite"
        name="email"
        type="email"
        autoComplete="off"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={emailError ?? server.byField.email}
      />
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(value) => setRole(value as WorkspaceRole)}
        options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        error={server.byField.role}
      />
      <button type="submit" disabled={invite.isPending}>
        Invite
      </button>
      {invite.data ? <NewInvitationCard invitation={invite.data} /> : null}
    </form>
  );
}

/** Open invitations of the workspace: create (its link shown once), list, revoke (admins). */
export function InvitationsSection({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const key = ['workspaces', workspace.id, 'invitations'] as const;
  const list = useQuery({ queryKey: key, queryFn: () => workspaces.invitations(workspace.id) });
  const revoke = useMutation({
    mutationFn: (id: string) => workspaces.revokeInvitation(workspace.id, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <section className="card" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      <InviteForm workspace={workspace} />
      <ErrorAlert error={list.error ?? revoke.error} />
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <DataTable
          testId="invitations-table"
          caption="Open invitations"
          columns={['Email', 'Role', 'Expires']}
          withActions
          rows={list.data}
          empty="No open invitations."
        >
          {(i) => (
            <tr key={i.id}>
              <th scope="row">{i.email}</th>
              <td>{ROLE_LABELS[i.role]}</td>
              <td>{formatDateTime(i.expires_at)}</td>
              <td>
                <ConfirmButton
                  label="Revoke"
                  question={`Revoke the invitation for ${i.email}?`}
                  confirmLabel="Yes, revoke"
                  onConfirm={() => revoke.mutate(i.id)}
                  pending={revoke.isPending}
                />
              </td>
            </tr>
          )}
        </DataTable>
      ) : null}
    </section>
  );
}
