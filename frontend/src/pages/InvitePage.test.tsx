import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEY } from '../lib/workspaces';
import { aSharedWorkspace, aUser, aWorkspace } from '../test/fixtures';
import { json, mockApi, problem, renderPage, sentRequests } from '../test/render';
import InvitePage from './InvitePage';

afterEach(() => vi.unstubAllGlobals());

const TOKEN = `fli_${'b'.repeat(43)}`;

const OFFER = {
  workspace_id: 'ws-team',
  workspace_name: 'Team',
  email: 'bob@example.com',
  role: 'member',
  expires_at: '2026-05-08T00:00:00.000Z',
};

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
      if (method === 'GET' && path === `/api/v1/invitations/${TOKEN}`) return json(200, OFFER);
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
    expect(await screen.findByTestId('invitation-offer')).toHaveTextContent(
      'You were invited to join “Team” as Member. Accept to join it as bob@example.com.',
    );
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
  ])(
    'shows the API’s error for %i and what to do, before any click',
    async (status, slug, detail, advice) => {
      const fetchMock = mockApi((method, path) => {
        if (path === '/api/v1/workspaces') return json(200, { items: [aWorkspace()] });
        if (method === 'GET' && path === `/api/v1/invitations/${TOKEN}`) {
          return problem(status, slug, detail);
        }
        return undefined;
      });
      renderInvite();
      // One message, the advice, not the server's detail next to it.
      expect(await screen.findByRole('alert')).toHaveTextContent(advice);
      expect(screen.getAllByRole('alert')).toHaveLength(1);
      expect(screen.getByRole('alert').textContent).toBe(
        screen.getByTestId('invitation-advice').textContent,
      );
      expect(screen.getByTestId('invitation-advice')).toHaveTextContent(advice);
      expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull();
      const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
      expect(posts).toEqual([]);
      await waitFor(() => expect(localStorage.getItem(STORAGE_KEY)).toBeNull());
    },
  );

  it('explains a refusal that comes only with the accept (used in another tab meanwhile)', async () => {
    mockApi((method, path) => {
      if (path === '/api/v1/workspaces') return json(200, { items: [aWorkspace()] });
      if (method === 'GET' && path === `/api/v1/invitations/${TOKEN}`) return json(200, OFFER);
      if (method === 'POST')
        return problem(409, 'invitation-used', 'this invitation has been used');
      return undefined;
    });
    renderInvite();
    await userEvent.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/cannot be used again/);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('alert').textContent).toBe(
      screen.getByTestId('invitation-advice').textContent,
    );
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
  });
});

describe('an invitee who has not confirmed their email address', () => {
  it('is told to open the link, can have it sent again, and accepts afterwards', async () => {
    let verified = false;
    let joined = false;
    const fetchMock = mockApi((method, path) => {
      if (path === '/api/v1/workspaces') {
        return json(200, {
          items: joined ? [aWorkspace(), aSharedWorkspace('member')] : [aWorkspace()],
        });
      }
      if (method === 'GET' && path === `/api/v1/invitations/${TOKEN}`) return json(200, OFFER);
      if (method === 'POST' && path === '/api/v1/auth/verify-email/resend') {
        return json(202, { email: 'bob@example.com', mailed: true });
      }
      if (method === 'POST' && path === `/api/v1/invitations/${TOKEN}/accept`) {
        if (!verified) {
          return problem(403, 'email-unverified', 'confirm your email address first');
        }
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
    await userEvent.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByTestId('invitation-advice')).toHaveTextContent(
      'Confirm your email address first: open the link we sent to bob@example.com',
    );
    // One message: the advice is the only alert (the server's refusal is not shown again).
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('alert')).toContainElement(screen.getByTestId('invitation-advice'));
    await userEvent.click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'We sent a new link to bob@example.com.',
    );
    verified = true; // the invitee opened the link in their mail
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText(/You joined “Team” as Member/)).toBeVisible();
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts.map((s) => s.url)).toEqual([
      `/api/v1/invitations/${TOKEN}/accept`,
      '/api/v1/auth/verify-email/resend',
      `/api/v1/invitations/${TOKEN}/accept`,
    ]);
  });
});
