import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { tokens } from '../api/endpoints';
import { SCOPES, type NewApiToken, type Scope, type Workspace } from '../api/types';
import { useWorkspaces } from '../auth/useWorkspaces';
import { Alert, ErrorAlert } from '../components/Alert';
import { ConfirmButton } from '../components/ConfirmButton';
import { DataTable } from '../components/DataTable';
import { CopyButton } from '../components/CopyButton';
import { Field } from '../components/Field';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../lib/dates';
import { serverFieldErrors } from '../lib/formErrors';
import { can } from '../lib/roles';
import { workspaceLabel } from '../lib/workspaces';

function NewToken({ token }: { token: NewApiToken }) {
  return (
    <div className="card result" data-testid="new-token">
      <Alert kind="success">
        Token “{token.name}” created. Copy it now: it is shown only once.
      </Alert>
      <p>
        <code className="break secret" data-testid="token-secret">
          {token.token}
        </code>{' '}
        <CopyButton text={token.token} label="Copy token" />
      </p>
    </div>
  );
}

function CreateForm({
  workspace,
  onCreated,
}: {
  workspace: Workspace;
  onCreated: (t: NewApiToken) => void;
}) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['links:read']);
  const [expires, setExpires] = useState('');
  const [clientErrors, setClientErrors] = useState<{ name?: string; scopes?: string }>({});
  const create = useMutation({ mutationFn: tokens.create, onSuccess: onCreated });
  const server = serverFieldErrors(create.error, ['name', 'scopes', 'expires_at']);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const errors: typeof clientErrors = {};
    if (!name.trim()) errors.name = 'Give the token a name.';
    if (scopes.length === 0) errors.scopes = 'Choose at least one scope.';
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const body: Parameters<typeof tokens.create>[0] = {
      name: name.trim(),
      scopes,
      workspace_id: workspace.id,
    };
    if (expires) body.expires_at = new Date(`${expires}T23:59:59`).toISOString();
    create.mutate(body, { onSuccess: () => setName('') });
  };
  const scopeError = clientErrors.scopes ?? server.byField.scopes;
  return (
    <form onSubmit={submit} noValidate className="card">
      <h2>New token</h2>
      <p className="hint">
        It acts in {workspaceLabel(workspace)} only
        {can(workspace.role, 'links.write')
          ? '.'
          : ', and no more than your role there allows: it can read links and stats, not change them.'}
      </p>
      {server.unclaimed ? <ErrorAlert error={create.error} /> : null}
      <Field
        label="Name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={clientErrors.name ?? server.byField.name}
      />
      <fieldset aria-describedby={scopeError ? 'scopes-error' : undefined}>
        <legend>Scopes</legend>
        {SCOPES.map((scope) => (
          <div className="checkbox" key={scope}>
            <input
              id={`scope-${scope}`}
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) =>
                setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
              }
            />
            <label htmlFor={`scope-${scope}`}>{scope}</label>
          </div>
        ))}
        {scopeError ? (
          <p className="field-error" id="scopes-error">
            {scopeError}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Expires on (optional)"
        name="expires_at"
        type="date"
        value={expires}
        onChange={(e) => setExpires(e.target.value)}
        error={server.byField.expires_at}
      />
      <button type="submit" disabled={create.isPending}>
        Create token
      </button>
    </form>
  );
}

export default function TokensPage() {
  usePageTitle('API tokens');
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const { list: workspaceList, current, error: workspaceError } = useWorkspaces();
  const workspaceName = (id: string | undefined) => {
    const workspace = workspaceList?.find((w) => w.id === id);
    return workspace ? workspaceLabel(workspace) : '—';
  };
  const list = useQuery({ queryKey: ['tokens'], queryFn: tokens.list });
  const revoke = useMutation({
    mutationFn: tokens.revoke,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
  return (
    <section className="stack">
      <h1>API tokens</h1>
      <p>
        Use a token as <code>Authorization: Bearer …</code> to call the API from scripts.
      </p>
      {created ? <NewToken token={created} /> : null}
      {current && can(current.role, 'tokens.create') ? (
        <CreateForm
          key={current.id}
          workspace={current}
          onCreated={(token) => {
            setCreated(token);
            void queryClient.invalidateQueries({ queryKey: ['tokens'] });
          }}
        />
      ) : null}
      {current && !can(current.role, 'tokens.create') ? (
        <Alert kind="info">
          Your role in {workspaceLabel(current)} does not let you create tokens there.
        </Alert>
      ) : null}
      <ErrorAlert error={workspaceError ?? list.error ?? revoke.error} />
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <DataTable
          testId="tokens-table"
          caption="Your tokens"
          columns={['Name', 'Workspace', 'Scopes', 'Last used', 'Expires']}
          withActions
          rows={list.data}
          empty="No tokens yet."
        >
          {(t) => (
            <tr key={t.id}>
              <th scope="row">{t.name}</th>
              <td>{workspaceName(t.workspace_id)}</td>
              <td>{t.scopes.join(', ')}</td>
              <td>{formatDateTime(t.last_used_at)}</td>
              <td>{formatDateTime(t.expires_at)}</td>
              <td>
                <ConfirmButton
                  label="Revoke"
                  question={`Revoke “${t.name}”?`}
                  confirmLabel="Yes, revoke"
                  onConfirm={() => revoke.mutate(t.id)}
                />
              </td>
            </tr>
          )}
        </DataTable>
      ) : null}
    </section>
  );
}
