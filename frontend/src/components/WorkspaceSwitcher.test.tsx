import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEY } from '../lib/workspaces';
import LinksPage from '../pages/LinksPage';
import { aListedLink, aSharedWorkspace, aWorkspace } from '../test/fixtures';
import { json, mockApi, pathOf, problem, renderPage } from '../test/render';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

afterEach(() => vi.unstubAllGlobals());

const WORKSPACES = [aWorkspace(), aSharedWorkspace('member')];

/** The API: two workspaces, each with one link named after it. */
function api() {
  return mockApi((method, path, query) => {
    if (method === 'GET' && path === '/api/v1/workspaces') return json(200, { items: WORKSPACES });
    if (method === 'GET' && path === '/api/v1/links') {
      const workspace = query.get('workspace_id') ?? 'u1';
      return json(200, {
        items: [aListedLink({ code: `in-${workspace}`, workspace_id: workspace })],
        next_cursor: null,
      });
    }
    return undefined;
  });
}

const linkRequests = (fetchMock: ReturnType<typeof api>) =>
  fetchMock.mock.calls.map(([input]) => pathOf(input)).filter((p) => p.startsWith('/api/v1/links'));

function renderWithSwitcher() {
  return renderPage(
    <>
      <WorkspaceSwitcher />
      <LinksPage />
    </>,
    '/links',
    '/links',
    { workspaces: null },
  );
}

describe('workspace switcher', () => {
  it('lists the workspaces, personal first, and the links list follows the choice', async () => {
    const fetchMock = api();
    renderWithSwitcher();
    const picker = await screen.findByLabelText('Workspace');
    expect(picker).toHaveDisplayValue('Personal');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Personal', 'Team · Member']);
    expect(await screen.findByText('in-u1')).toBeVisible();
    expect(linkRequests(fetchMock)).toEqual(['/api/v1/links?workspace_id=u1&limit=20']);

    await userEvent.selectOptions(picker, 'ws-team');
    expect(await screen.findByText('in-ws-team')).toBeVisible();
    expect(linkRequests(fetchMock)).toContain('/api/v1/links?workspace_id=ws-team&limit=20');
    expect(screen.getByTestId('links-workspace')).toHaveTextContent('In Team');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('ws-team');
  });

  it('starts in the remembered workspace', async () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team');
    const fetchMock = api();
    renderWithSwitcher();
    expect(await screen.findByText('in-ws-team')).toBeVisible();
    expect(screen.getByLabelText('Workspace')).toHaveDisplayValue('Team · Member');
    expect(linkRequests(fetchMock)).toEqual(['/api/v1/links?workspace_id=ws-team&limit=20']);
  });

  it('falls back to the personal workspace when the remembered one is gone', async () => {
    localStorage.setItem(STORAGE_KEY, 'ws-removed-from');
    const fetchMock = api();
    renderWithSwitcher();
    expect(await screen.findByText('in-u1')).toBeVisible();
    expect(screen.getByLabelText('Workspace')).toHaveDisplayValue('Personal');
    await waitFor(() =>
      expect(linkRequests(fetchMock)).toEqual(['/api/v1/links?workspace_id=u1&limit=20']),
    );
  });

  it('falls back to the personal workspace when the API no longer knows the current one', async () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team');
    let removed = false;
    const fetchMock = mockApi((_, path, query) => {
      if (path === '/api/v1/workspaces') {
        return json(200, { items: removed ? [aWorkspace()] : WORKSPACES });
      }
      if (path === '/api/v1/links' && query.get('workspace_id') === 'ws-team') {
        removed = true; // removed from Team meanwhile
        return problem(404, 'not-found', 'no such workspace');
      }
      if (path === '/api/v1/links') {
        return json(200, { items: [aListedLink({ code: 'in-u1' })], next_cursor: null });
      }
      return undefined;
    });
    renderWithSwitcher();
    expect(await screen.findByText('in-u1')).toBeVisible();
    expect(screen.getByLabelText('Workspace')).toHaveDisplayValue('Personal');
    expect(linkRequests(fetchMock)).toEqual([
      '/api/v1/links?workspace_id=ws-team&limit=20',
      '/api/v1/links?workspace_id=u1&limit=20',
    ]);
  });
});
