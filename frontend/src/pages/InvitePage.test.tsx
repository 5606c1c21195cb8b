import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEY } from '../lib/workspaces';
import { aSharedWorkspace, aUser, aWorkspace } from '../test/fixtures';
import { json, mockApi, problem, renderPage, sentRequests } from '../test/render';
import InvitePage from './InvitePage';

afterEach(() => vi.unstubAllGlobals());

const TOKEN = `fli_${'b'.repeat(43)}`;

function renderInvite() {
  return renderPage(<InvitePage />, `/invite/${TOKEN}`, '/invite/:token', {
    workspaces: null,
    user: aUser({ email: 'bob@example.com' }),
  });
}

describe('invitation accept page', () => {
  it('joins, then works in the joined workspace', async () => {
    let joined = false;
    const fetchMock = mockApi((method, path) => {
      if (path === '/api/v1/workspaces') {
        return json(200, {
          items: joined ? [aWorkspace(), aSharedWorkspace('member')] : [aWorkspace()],
        });
      }
      if (method === 'POST' && path === `/api/v1/invitations/${TOKEN}/accept`) {
        joined = true;
        return json(200, {
          workspace_id: 'ws-team',
          user_id: 'u1',
          email: 'bob@example.com',
          role: 'member',
          joined_at: '2026-05-01T00:00:00.000Z',
        });
      }
      return undefined;
    });
    renderInvite();
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText(/You joined “Team” as Member/)).toBeVisible();
    expect(localStorage.getItem(STORAGE_KEY)).toBe('ws-team');
    expect(screen.getByRole('link', { name: 'See its links' })).toHaveAttribute('href', '/links');
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(1);
  });

  it.each([
    [
      403,
      'invitation-wrong-email',
      'this invitation is for another email address',
      /another email/,
    ],
    [404, 'not-found', 'no such invitation', /no such invitation/i],
    [409, 'invitation-used', 'this invitation has been used', /cannot be used again/],
    [410, 'invitation-expired', 'this invitation has expired', /ask the workspace’s admins/],
  ])('shows the API’s error for %i and what to do', async (status, slug, detail, advice) => {
    mockApi((method, path) => {
      if (path === '/api/v1/workspaces') return json(200, { items: [aWorkspace()] });
      if (method === 'POST') return problem(status, slug, detail);
      return undefined;
    });
    renderInvite();
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(detail);
    expect(screen.getByTestId('invitation-advice')).toHaveTextContent(advice);
    await waitFor(() => expect(localStorage.getItem(STORAGE_KEY)).toBeNull());
  });
});
