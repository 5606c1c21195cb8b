import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminUser } from '../api/types';
import { json, mockFetch, pathOf, renderPage, requestOf, sentRequests } from '../test/render';
import { aUser } from '../test/fixtures';
import AdminPage from './AdminPage';

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'flamingo_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

const bob: AdminUser = {
  id: 'u-bob',
  email: 'bob@example.com',
  role: 'user',
  email_verified: true,
  created_at: '2026-05-01T00:00:00.000Z',
  disabled: false,
};

/** The API as the admin page sees it: one user whose `disabled` the POSTs switch. */
function fakeAdminApi(fetchMock: ReturnType<typeof mockFetch>) {
  let user = bob;
  fetchMock.mockImplementation((input) => {
    const path = pathOf(input);
    const method = requestOf(input).method;
    if (method === 'POST' && path === `/api/v1/admin/users/${user.id}/disable`) {
      user = { ...user, disabled: true };
      return Promise.resolve(json(200, user));
    }
    if (method === 'POST' && path === `/api/v1/admin/users/${user.id}/enable`) {
      user = { ...user, disabled: false };
      return Promise.resolve(json(200, user));
    }
    if (method === 'GET' && path.startsWith('/api/v1/admin/users')) {
      return Promise.resolve(json(200, { items: [user], next_cursor: null }));
    }
    if (method === 'GET' && path.startsWith('/api/v1/admin/links')) {
      return Promise.resolve(json(200, { items: [], next_cursor: null }));
    }
    if (method === 'GET' && path === '/api/v1/admin/blocklist') {
      return Promise.resolve(json(200, { items: [] }));
    }
    return Promise.resolve(json(404, { type: 'about:blank', title: 'Not Found', status: 404 }));
  });
}

// The page loads three lists at once; on a busy machine that takes longer than the default 1 s.
const slow = { timeout: 5000 };

describe('admin page', () => {
  it('disables and enables a user with POST …/disable and …/enable (CSRF-protected)', async () => {
    document.cookie = 'flamingo_csrf=csrf-admin; path=/';
    const fetchMock = mockFetch();
    fakeAdminApi(fetchMock);
    renderPage(<AdminPage />, '/admin');

    await userEvent.click(
      await screen.findByRole('button', { name: 'Disable bob@example.com' }, slow),
    );
    const enable = await screen.findByRole('button', { name: 'Enable bob@example.com' }, slow);
    await userEvent.click(enable);
    expect(
      await screen.findByRole('button', { name: 'Disable bob@example.com' }, slow),
    ).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();

    const writes = (await sentRequests(fetchMock)).filter((s) => s.method !== 'GET');
    expect(writes.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /api/v1/admin/users/u-bob/disable',
      'POST /api/v1/admin/users/u-bob/enable',
    ]);
    expect(writes.map((s) => s.headers.get('X-CSRF-Token'))).toEqual(['csrf-admin', 'csrf-admin']);
  });

  it('offers no Disable on the admin’s own row, and says why', async () => {
    const fetchMock = mockFetch();
    fakeAdminApi(fetchMock);
    renderPage(<AdminPage />, '/admin', '/admin', {
      user: { ...aUser(), id: 'u-bob', email: 'bob@example.com', role: 'admin' },
    });
    const row = await screen.findByRole('row', { name: /bob@example.com/ }, slow);
    expect(row).toHaveTextContent('You cannot disable your own account.');
    expect(screen.queryByRole('button', { name: /Disable bob@example.com/ })).toBeNull();
  });
});
