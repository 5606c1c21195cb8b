// What a link's `state` (from the links list API) means to a person, in one place.
import type { LinkState } from '../api/types';

export const STATE_LABELS: Record<LinkState, string> = {
  active: 'Active',
  expired: 'Expired',
  'used-up': 'Used up',
  scheduled: 'Scheduled',
  disabled: 'Disabled',
  'admin-disabled': 'Disabled by an admin',
};

/** Why visitors do not reach the target (none for an active link). */
export const STATE_REASONS: Record<LinkState, string | null> = {
  active: null,
  expired: 'Its expiry date has passed: visitors get “gone”.',
  'used-up': 'It reached its maximum number of clicks: visitors get “gone”.',
  scheduled: 'It starts later (valid from): until then visitors get “not found”.',
  disabled: 'It is disabled: visitors get “gone”.',
  'admin-disabled':
    'An administrator disabled it: visitors get “gone”, and only an administrator can enable it.',
};

/** "3 clicks" / "1 click" */
export function clicksLabel(count: number): string {
  return `${count.toLocaleString()} click${count === 1 ? '' : 's'}`;
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
