import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEY } from '../lib/workspaces';
import { aSharedWorkspace, aWorkspace } from '../test/fixtures';
import { json, mockApi, renderPage, sentRequests } from '../test/render';
import TokensPage from './TokensPage';

afterEach(() => vi.unstubAllGlobals());

const token = {
  id: 't1',
  name: 'ci',
  workspace_id: 'ws-team',
  scopes: ['links:read'],
  hint: 'flm_abcd',
  created_at: '2026-05-01T00:00:00.000Z',
  expires_at: null,
  last_used_at: null,
};

function api() {
  return mockApi((method, path) => {
    if (path !== '/api/v1/tokens') return undefined;
    if (method === 'POST') return json(201, { ...token, token: `flm_${'x'.repeat(40)}` });
    return json(200, { items: [token] });
  });
}

describe('API tokens page', () => {
  it('creates the token in the current workspace and names each token’s workspace', async () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team');
    const fetchMock = api();
    renderPage(<TokensPage />, '/tokens', '/tokens', {
      workspaces: [aWorkspace(), aSharedWorkspace('member')],
    });
    expect(await screen.findByRole('cell', { name: 'Team' })).toBeVisible();
    expect(screen.getByText('It acts in Team only.')).toBeVisible();
    await userEvent.type(screen.getByLabelText('Name'), 'ci');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByTestId('token-secret')).toBeVisible();
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts.map((s) => s.body)).toEqual([
      { name: 'ci', scopes: ['links:read'], workspace_id: 'ws-team' },
    ]);
  });

  it('lets a viewer make a token, saying it can only read', async () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team');
    api();
    renderPage(<TokensPage />, '/tokens', '/tokens', {
      workspaces: [aWorkspace(), aSharedWorkspace('viewer')],
    });
    expect(await screen.findByRole('rowheader', { name: 'ci' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Create token' })).toBeVisible();
    expect(screen.getByText(/can read links and stats, not change them/)).toBeVisible();
  });
});
