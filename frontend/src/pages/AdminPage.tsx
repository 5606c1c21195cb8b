import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { admin } from '../api/endpoints';
import { ErrorAlert } from '../components/Alert';
import { AdminNav } from '../components/AdminNav';
import { ConfirmButton } from '../components/ConfirmButton';
import { CursorPager } from '../components/CursorPager';
import { useCursorPages } from '../components/useCursorPages';
import { Field } from '../components/Field';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { useKnownUser } from '../auth/useMe';
import { DataTable } from '../components/DataTable';
import { formatDateTime } from '../lib/dates';
import { STATE_LABELS } from '../lib/linkState';
import { serverFieldErrors } from '../lib/formErrors';

/** Enable/disable button of a table row; its label names the row for screen readers. */
function DisableToggle({
  disabled,
  name,
  onToggle,
}: {
  disabled: boolean;
  name: string;
  onToggle: (disabled: boolean) => void;
}) {
  const action = disabled ? 'Enable' : 'Disable';
  return (
    <button
      type="button"
      className="secondary"
      onClick={() => onToggle(!disabled)}
      aria-label={`${action} ${name}`}
    >
      {action}
    </button>
  );
}

function Users() {
  const queryClient = useQueryClient();
  const me = useKnownUser();
  const pages = useCursorPages();
  const { cursor } = pages;
  const users = useQuery({
    queryKey: ['admin', 'users', cursor],
    queryFn: () => admin.users(cursor),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      admin.setUserDisabled(id, disabled),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
  const next = users.data?.next_cursor;
  return (
    <section aria-labelledby="users-heading" className="card">
      <h2 id="users-heading">Users</h2>
      <ErrorAlert error={users.error ?? toggle.error} />
      {users.isPending ? <Loading /> : null}
      <DataTable
        caption="Users"
        captionHidden
        columns={['Email', 'Role', 'Created', 'Status']}
        rows={users.data?.items ?? []}
      >
        {(u) => (
          <tr key={u.id}>
            <th scope="row" className="break">
              {u.email}
              {u.id === me?.id ? <span className="badge">you</span> : null}
            </th>
            <td>{u.role}</td>
            <td>{formatDateTime(u.created_at)}</td>
            <td>
              {u.id === me?.id ? (
                // The API refuses it (an admin locked out by their own hand): no button.
                <span className="hint">You cannot disable your own account.</span>
              ) : (
                <DisableToggle
                  disabled={u.disabled}
                  name={u.email}
                  onToggle={(disabled) => toggle.mutate({ id: u.id, disabled })}
                />
              )}
            </td>
          </tr>
        )}
      </DataTable>
      <CursorPager pages={pages} nextCursor={next} label="User pages" />
    </section>
  );
}

function AllLinks() {
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const pages = useCursorPages();
  const { cursor } = pages;
  const list = useQuery({
    queryKey: ['admin', 'links', search, cursor],
    queryFn: () => admin.links({ q: search, cursor }),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      admin.setLinkDisabled(id, disabled),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'links'] }),
  });
  const next = list.data?.next_cursor;
  return (
    <section aria-labelledby="all-links-heading" className="card">
      <h2 id="all-links-heading">All links</h2>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e: SubmitEvent) => {
          e.preventDefault();
          pages.reset();
          setSearch(q.trim());
        }}
      >
        <Field
          label="Search all links"
          name="q"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <ErrorAlert error={list.error ?? toggle.error} />
      {list.isPending ? <Loading /> : null}
      <DataTable
        caption="All links"
        captionHidden
        columns={['Short link', 'Target', 'Owner', 'State', 'Status']}
        rows={list.data?.items ?? []}
      >
        {(l) => (
          <tr key={l.id}>
            <th scope="row" className="break">
              <a href={l.short_url}>{l.domain ? `${l.domain}/${l.code}` : l.code}</a>
            </th>
            <td className="break">{l.target}</td>
            <td className="break">{l.owner_email ?? 'a deleted user'}</td>
            <td>{STATE_LABELS[l.state]}</td>
            <td>
              <DisableToggle
                disabled={l.disabled}
                name={l.code}
                onToggle={(disabled) => toggle.mutate({ id: l.id, disabled })}
              />
            </td>
          </tr>
        )}
      </DataTable>
      <CursorPager pages={pages} nextCursor={next} label="Link pages" />
    </section>
  );
}

function Blocklist() {
  const queryClient = useQueryClient();
  const [domain, setDomain] = useState('');
  const list = useQuery({ queryKey: ['admin', 'blocklist'], queryFn: admin.blocklist });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'blocklist'] });
  const add = useMutation({
    mutationFn: (d: string) => admin.block(d),
    onSuccess: () => {
      setDomain('');
      return refresh();
    },
  });
  const remove = useMutation({ mutationFn: admin.unblock, onSuccess: refresh });
  const server = serverFieldErrors(add.error, ['domain']);
  return (
    <section aria-labelledby="blocklist-heading" className="card">
      <h2 id="blocklist-heading">Domain blocklist</h2>
      <p className="hint">A blocked domain also blocks its subdomains.</p>
      <form
        className="toolbar"
        onSubmit={(e: SubmitEvent) => {
          e.preventDefault();
          if (domain.trim()) add.mutate(domain.trim());
        }}
      >
        <Field
          label="Domain"
          name="domain"
          value={domain}
          onChange={(e) => setDomain(e.target.value)}
          error={server.byField.domain}
        />
        <button type="submit">Block</button>
      </form>
      {server.unclaimed ? <ErrorAlert error={add.error} /> : null}
      <ErrorAlert error={list.error ?? remove.error} />
      <ul className="plain-list">
        {list.data?.map((b) => (
          <li key={b.domain}>
            <code>{b.domain}</code>{' '}
            <ConfirmButton
              label="Unblock"
              question={`Unblock ${b.domain}?`}
              confirmLabel="Yes, unblock"
              onConfirm={() => remove.mutate(b.domain)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function AdminPage() {
  usePageTitle('Admin');
  return (
    <div className="stack">
      <h1>Admin</h1>
      <AdminNav />
      <Users />
      <AllLinks />
      <Blocklist />
    </div>
  );
}
