import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { admin } from '../api/endpoints';
import type { AuditAction } from '../api/types';
import { AdminNav } from '../components/AdminNav';
import { ErrorAlert } from '../components/Alert';
import { CursorPager } from '../components/CursorPager';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { useCursorPages } from '../components/useCursorPages';
import { formatDateTime } from '../lib/dates';

/** The audited actions (the API's `AuditAction`), for the filter. */
const AUDIT_ACTIONS: readonly AuditAction[] = [
  'auth.login.success',
  'auth.login.failure',
  'user.signup',
  'user.disable',
  'user.enable',
  'user.password_change',
  'token.create',
  'token.revoke',
  'link.create',
  'link.update',
  'link.delete',
  'link.disable',
  'link.enable',
  'domain.create',
  'domain.update',
  'domain.delete',
  'blocklist.add',
  'blocklist.remove',
];

function summary(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([field, value]) => {
      if (value && typeof value === 'object' && 'new' in value) {
        const { old, new: next } = value as { old: unknown; new: unknown };
        return `${field}: ${JSON.stringify(old)} → ${JSON.stringify(next)}`;
      }
      return `${field}: ${JSON.stringify(value)}`;
    })
    .join('; ');
}

/** The instance's append-only audit log (administrators), newest first. */
export default function AuditPage() {
  usePageTitle('Audit log');
  const [action, setAction] = useState<AuditAction | ''>('');
  const pages = useCursorPages();
  const { cursor } = pages;
  const entries = useQuery({
    queryKey: ['admin', 'audit', action, cursor],
    queryFn: () => admin.audit(cursor, action || undefined),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="stack">
      <h1>Audit log</h1>
      <AdminNav />
      <label>
        Action{' '}
        <select
          value={action}
          onChange={(e) => {
            setAction(e.target.value as AuditAction | '');
            pages.reset();
          }}
        >
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <ErrorAlert error={entries.error} />
      {entries.isPending ? <Loading /> : null}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Actor</th>
              <th scope="col">Target</th>
              <th scope="col">Changes</th>
              <th scope="col">IP / request</th>
            </tr>
          </thead>
          <tbody>
            {entries.data?.items.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.at)}</td>
                <th scope="row">{entry.action}</th>
                <td className="break">{entry.actor_id ?? '—'}</td>
                <td className="break">
                  {entry.target_type} {entry.target_id ?? ''}
                </td>
                <td className="break">{summary(entry.changes)}</td>
                <td className="break">
                  {entry.ip ?? '—'} {entry.request_id ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CursorPager pages={pages} nextCursor={entries.data?.next_cursor} label="Audit log pages" />
    </div>
  );
}
