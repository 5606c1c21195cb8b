import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, pathOf, renderPage } from '../test/render';
import AuditPage from './AuditPage';

afterEach(() => vi.unstubAllGlobals());

const entry = {
  id: 'e1',
  at: '2026-12-01T10:00:00.000Z',
  actor_id: 'u1',
  actor_email: 'ann@example.com',
  action: 'link.update',
  target_type: 'link',
  target_id: 'l1',
  target_label: 'f.example/launch',
  workspace_id: null,
  ip: '203.0.113.9',
  request_id: 'req-1',
  changes: { title: { old: 'A', new: 'B' } },
};

describe('audit log page', () => {
  it('lists entries and filters by action', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockImplementation(() =>
      Promise.resolve(json(200, { items: [entry], next_cursor: null })),
    );
    renderPage(<AuditPage />, '/admin/audit');
    expect(await screen.findByText('title: "A" → "B"')).toBeInTheDocument();
    // People and links by name, not by their 24-character ids.
    expect(screen.getByText('ann@example.com')).toBeInTheDocument();
    expect(screen.getByText('f.example/launch')).toBeInTheDocument();
    expect(screen.queryByText(/\bu1\b/)).toBeNull();
    expect(pathOf(fetchMock.mock.calls[0]?.[0] ?? '')).toBe('/api/v1/admin/audit');
    await userEvent.selectOptions(screen.getByLabelText('Action'), 'token.revoke');
    await waitFor(() =>
      expect(pathOf(fetchMock.mock.calls.at(-1)?.[0] ?? '')).toBe(
        '/api/v1/admin/audit?action=token.revoke',
      ),
    );
  });
});
