import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceRole } from '../api/types';
import { STORAGE_KEY } from '../lib/workspaces';
import { aSharedWorkspace, aUser, aWorkspace } from '../test/fixtures';
import { mockApi, renderPage } from '../test/render';
import { Layout } from './Layout';

afterEach(() => vi.unstubAllGlobals());

function renderNav(role: WorkspaceRole) {
  mockApi(() => undefined); // the footer's version: unavailable
  localStorage.setItem(STORAGE_KEY, 'ws-team');
  renderPage(<Layout />, '/', '/', {
    workspaces: [aWorkspace(), aSharedWorkspace(role)],
    user: aUser(),
  });
  return screen.getByRole('navigation', { name: 'Main' });
}

const linkNames = (nav: HTMLElement) =>
  within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('main navigation', () => {
  it('offers a member everything of their workspace, with the switcher on it', () => {
    const nav = renderNav('member');
    expect(within(nav).getByLabelText('Workspace')).toHaveDisplayValue('Team · Member');
    expect(linkNames(nav)).toEqual([
      'Shorten',
      'Links',
      'Overview',
      'Import',
      'Members',
      'API tokens',
    ]);
  });

  it('leaves out what creates links for a viewer', () => {
    const nav = renderNav('viewer');
    expect(linkNames(nav)).toEqual(['Links', 'Overview', 'Members', 'API tokens']);
  });
});
