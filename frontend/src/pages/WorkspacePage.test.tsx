import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Invitation, Member, WorkspaceRole } from '../api/types';
import { STORAGE_KEY } from '../lib/workspaces';
import { aSharedWorkspace, aUser, aWorkspace } from '../test/fixtures';
import { json, mockApi, problem, renderPage, sentRequests } from '../test/render';
import WorkspacePage from './WorkspacePage';

afterEach(() => vi.unstubAllGlobals());

const TOKEN = `fli_${'a'.repeat(43)}`;

const member = (userId: string, email: string, role: WorkspaceRole): Member => ({
  workspace_id: 'ws-team',
  user_id: userId,
  email,
  role,
  joined_at: '2026-05-01T00:00:00.000Z',
});

const invitation = (fields: Partial<Invitation> = {}): Invitation => ({
  id: 'inv-1',
  workspace_id: 'ws-team',
  email: 'bob@example.com',
  role: 'member',
  created_at: '2026-05-01T00:00:00.000Z',
  expires_at: '2026-05-08T00:00:00.000Z',
  ...fields,
});

const auditEntry = {
  id: 'e1',
  at: '2026-12-01T10:00:00.000Z',
  actor_id: 'u1',
  actor_email: 'ann@example.com',
  action: 'member.update',
  target_type: 'member',
  target_id: 'u2',
  target_label: 'bob@example.com',
  workspace_id: 'ws-team',
  ip: '203.0.113.9',
  request_id: 'req-1',
  changes: { role: { old: 'member', new: 'viewer' } },
};

/** The team workspace's API: Ann (u1, the caller) and Bob; `open` invitations listed. */
function teamApi(open: Invitation[] = [], roleChange?: Response) {
  return mockApi((method, path) => {
    if (path === '/api/v1/workspaces/ws-team/members' && method === 'GET') {
      return json(200, {
        items: [
          member('u1', 'ann@example.com', 'owner'),
          member('u2', 'bob@example.com', 'member'),
        ],
      });
    }
    if (path === '/api/v1/workspaces/ws-team/invitations' && method === 'GET') {
      return json(200, { items: open });
    }
    if (path === '/api/v1/workspaces/ws-team/invitations' && method === 'POST') {
      return json(201, { ...invitation(), token: TOKEN, mailed: false });
    }
    if (path === '/api/v1/workspaces/ws-team/webhooks' && method === 'GET') {
      return json(200, { items: [] }); // the webhooks section (WebhooksSection.test.tsx)
    }
    if (path === '/api/v1/workspaces/ws-team/audit' && method === 'GET') {
      return json(200, { items: [auditEntry], next_cursor: null });
    }
    if (path === '/api/v1/workspaces/ws-team/members/u2' && method === 'PATCH') {
      return roleChange ?? json(200, member('u2', 'bob@example.com', 'viewer'));
    }
    return undefined;
  });
}

function renderTeam(role: WorkspaceRole) {
  localStorage.setItem(STORAGE_KEY, 'ws-team');
  return renderPage(<WorkspacePage />, '/workspace', '/workspace', {
    workspaces: [aWorkspace(), aSharedWorkspace(role)],
    user: aUser(),
  });
}

describe('workspace page', () => {
  it('shows owners and admins the workspace’s audit log, filtered to its own actions', async () => {
    const fetchMock = teamApi();
    renderTeam('admin');
    const section = await screen.findByRole('region', { name: 'Audit log' });
    expect(await within(section).findByText('role: "member" → "viewer"')).toBeVisible();
    const options = within(within(section).getByLabelText('Action'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toContain('member.update');
    expect(options).not.toContain('auth.login.failure'); // an instance-wide action
    await userEvent.selectOptions(within(section).getByLabelText('Action'), 'invitation.accept');
    await waitFor(async () =>
      expect((await sentRequests(fetchMock)).map((s) => s.url)).toContain(
        '/api/v1/workspaces/ws-team/audit?action=invitation.accept',
      ),
    );
  });

  it('shows members no audit log and never asks for it', async () => {
    const fetchMock = teamApi();
    renderTeam('member');
    await screen.findByTestId('my-role');
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Audit log' })).toBeNull();
    const urls = (await sentRequests(fetchMock)).map((s) => s.url);
    expect(urls.filter((u) => u.includes('/audit'))).toEqual([]);
  });

  it('shows an invitation’s token once, as its accept link with a copy button', async () => {
    const fetchMock = teamApi();
    renderTeam('owner');
    await userEvent.type(await screen.findByLabelText('Email to invite'), 'bob@example.com');
    await userEvent.selectOptions(screen.getByLabelText('Role'), 'member');
    await userEvent.click(screen.getByRole('button', { name: 'Invite' }));
    const link = await screen.findByTestId('invitation-link');
    const url = `${window.location.origin}${import.meta.env.BASE_URL}invite/${TOKEN}`;
    expect(link).toHaveTextContent(url);
    expect(screen.getByRole('button', { name: `Copy link ${url}` })).toBeVisible();
    expect(screen.getByTestId('new-invitation')).toHaveTextContent(/shown only once/);
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts.map((s) => [s.url, s.body])).toEqual([
      ['/api/v1/workspaces/ws-team/invitations', { email: 'bob@example.com', role: 'member' }],
    ]);
  });

  it('lists open invitations without tokens, and revokes one after asking', async () => {
    const fetchMock = teamApi([invitation()]);
    renderTeam('admin');
    const table = await screen.findByTestId('invitations-table');
    expect(await within(table).findByText('bob@example.com')).toBeVisible();
    expect(screen.queryByTestId('invitation-link')).toBeNull();
    // An admin may not invite owners: the API only lets owners do it.
    expect(
      within(screen.getByLabelText('Role'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Admin', 'Member', 'Viewer']);
    fetchMock.mockImplementationOnce(() => Promise.resolve(new Response(null, { status: 204 })));
    await userEvent.click(within(table).getByRole('button', { name: 'Revoke' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(async () =>
      expect((await sentRequests(fetchMock)).map((s) => `${s.method} ${s.url}`)).toContain(
        'DELETE /api/v1/workspaces/ws-team/invitations/inv-1',
      ),
    );
  });

  it('changes a member’s role and shows the API’s refusal as it words it', async () => {
    const fetchMock = teamApi(
      [],
      problem(
        409,
        'last-owner',
        'a workspace keeps at least one owner: make another member owner first',
      ),
    );
    renderTeam('owner');
    await userEvent.selectOptions(
      await screen.findByLabelText('Role of bob@example.com'),
      'viewer',
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'A workspace keeps at least one owner: make another member owner first.',
    );
    const patches = (await sentRequests(fetchMock)).filter((s) => s.method === 'PATCH');
    expect(patches.map((s) => [s.url, s.body])).toEqual([
      ['/api/v1/workspaces/ws-team/members/u2', { role: 'viewer' }],
    ]);
    // The select shows the role the member still has.
    expect(screen.getByLabelText('Role of bob@example.com')).toHaveDisplayValue('Member');
  });

  it('offers the sole owner no role menu and no Leave, and says why', async () => {
    teamApi();
    renderTeam('owner');
    const table = await screen.findByTestId('members-table');
    await within(table).findByText('bob@example.com');
    expect(screen.queryByLabelText('Role of ann@example.com')).toBeNull();
    expect(screen.getByLabelText('Role of bob@example.com')).toBeVisible();
    expect(table).toHaveTextContent('The only owner: make another member owner first.');
    expect(screen.queryByRole('button', { name: 'Leave workspace' })).toBeNull();
    expect(screen.getByTestId('leave-blocked')).toHaveTextContent('You are its only owner');
  });

  it('shows a member the members but no management of members or invitations', async () => {
    const fetchMock = teamApi();
    renderTeam('member');
    const table = await screen.findByTestId('members-table');
    expect(await within(table).findByText('bob@example.com')).toBeVisible();
    expect(screen.queryByRole('combobox', { name: /Role of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Invitations' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Leave workspace' })).toBeVisible();
    const asked = (await sentRequests(fetchMock)).map((s) => s.url);
    expect(asked).not.toContain('/api/v1/workspaces/ws-team/invitations');
  });

  it('renames, and shows why the API will not delete a workspace that still has links', async () => {
    const fetchMock = teamApi();
    fetchMock.mockImplementation((input) => {
      const request = input as Request;
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/workspaces/ws-team' && request.method === 'PATCH') {
        return Promise.resolve(json(200, aSharedWorkspace('owner', { name: 'Crew' })));
      }
      if (path === '/api/v1/workspaces/ws-team' && request.method === 'DELETE') {
        return Promise.resolve(
          problem(409, 'workspace-not-empty', "delete or move the workspace's links first"),
        );
      }
      if (path === '/api/v1/workspaces') {
        return Promise.resolve(
          json(200, { items: [aWorkspace(), aSharedWorkspace('owner', { name: 'Crew' })] }),
        );
      }
      return Promise.resolve(json(200, { items: [] }));
    });
    renderTeam('owner');
    const name = screen.getByLabelText('Workspace name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Crew');
    await userEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(await screen.findByText('Renamed.')).toBeVisible();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Crew');
    await userEvent.click(screen.getByRole('button', { name: 'Delete workspace' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    // The UI's sentence, once (the server's detail says the same).
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Delete or move this workspace’s links first\.$/,
    );
    const changes = (await sentRequests(fetchMock)).filter((s) => s.method !== 'GET');
    expect(changes.map((s) => [s.method, s.url, s.body])).toEqual([
      ['PATCH', '/api/v1/workspaces/ws-team', { name: 'Crew' }],
      ['DELETE', '/api/v1/workspaces/ws-team', undefined],
    ]);
  });

  it('lets an admin rename but not delete', () => {
    teamApi();
    renderTeam('admin');
    expect(screen.getByLabelText('Workspace name')).toHaveValue('Team');
    expect(screen.queryByRole('button', { name: 'Delete workspace' })).toBeNull();
  });
});
