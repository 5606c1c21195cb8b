import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { AuditAction, AuditPage } from '../api/types';
import { AUDIT_ACTIONS } from '../lib/auditActions';
import { formatDateTime } from '../lib/dates';
import { ErrorAlert } from './Alert';
import { CursorPager } from './CursorPager';
import { DataTable } from './DataTable';
import { Loading } from './Loading';
import { useCursorPages } from './useCursorPages';

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

interface Props {
  /** Names the query (with the filter and cursor): the instance's log or one workspace's. */
  queryKey: readonly unknown[];
  load: (cursor: string | null, action: AuditAction | undefined) => Promise<AuditPage>;
  /** The actions worth filtering on here (default: all). */
  actions?: readonly AuditAction[];
}

/** An append-only audit log, newest first, with an action filter and cursor pages. */
export function AuditLog({ queryKey, load, actions = AUDIT_ACTIONS }: Props) {
  const filterId = useId();
  const [action, setAction] = useState<AuditAction | ''>('');
  const pages = useCursorPages();
  const { cursor } = pages;
  const entries = useQuery({
    queryKey: [...queryKey, action, cursor],
    queryFn: () => load(cursor, action || undefined),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      {/* A label of its own (not wrapping the select), so the options' text is not its name. */}
      <div>
        <label htmlFor={filterId}>Action</label>{' '}
        <select
          id={filterId}
          value={action}
          onChange={(e) => {
            setAction(e.target.value as AuditAction | '');
            pages.reset();
          }}
        >
          <option value="">All actions</option>
          {actions.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={entries.error} />
      {entries.isPending ? <Loading /> : null}
      <DataTable
        columns={['When', 'Action', 'Actor', 'Target', 'Changes', 'IP / request']}
        rows={entries.data?.items ?? []}
      >
        {(entry) => (
          <tr key={entry.id}>
            <td>{formatDateTime(entry.at)}</td>
            <th scope="row">{entry.action}</th>
            <td className="break" title={entry.actor_id ?? undefined}>
              {entry.actor_email ?? (entry.actor_id ? 'a deleted user' : '—')}
            </td>
            <td className="break" title={entry.target_id ?? undefined}>
              {entry.target_type}{' '}
              {entry.target_label ? <strong>{entry.target_label}</strong> : null}
            </td>
            <td className="break">{summary(entry.changes)}</td>
            <td className="break">
              {entry.ip ?? '—'}
              {entry.request_id ? (
                <span className="hint" title={entry.request_id}>
                  {' '}
                  · request {entry.request_id.slice(0, 8)}
                </span>
              ) : null}
            </td>
          </tr>
        )}
      </DataTable>
      <CursorPager pages={pages} nextCursor={entries.data?.next_cursor} label="Audit log pages" />
    </>
  );
}
