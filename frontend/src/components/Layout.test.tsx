import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceRole } from '../api/types';
import { STORAGE_KEY } from '../lib/workspaces';
import { aSharedWorkspace, aUser, aWorkspace } from '../test/fixtures';
import { mockApi, renderPage } from '../test/render';
import { Layout } from './Layout';

afterEach(() => vi.unstubAllGlobals());

function renderNav(role: WorkspaceRole, pattern = '/') {
  mockApi(() => undefined); // the footer's version: unavailable
  localStorage.setItem(STORAGE_KEY, 'ws-team');
  renderPage(<Layout />, '/', pattern, {
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
      'Analytics',
      'Import',
      'Members',
      'API tokens',
    ]);
  });

  it('leaves out what creates links for a viewer', () => {
    const nav = renderNav('viewer');
    expect(linkNames(nav)).toEqual(['Links', 'Overview', 'Analytics', 'Members', 'API tokens']);
  });
});

describe('the menu button of narrow screens', () => {
  it('discloses the list and closes it on navigation', async () => {
    const user = userEvent.setup();
    const nav = renderNav('member', '/*'); // every path keeps the layout
    const button = within(nav).getByRole('button', { name: 'Menu' });
    const list = document.getElementById(button.getAttribute('aria-controls') ?? '');
    expect(list).not.toBeNull();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(list).not.toHaveClass('open');
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(list).toHaveClass('open');
    await user.click(within(nav).getByRole('link', { name: 'Links' }));
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(list).not.toHaveClass('open');
  });
});
