import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceRole } from '../api/types';
import { aLink, aSharedWorkspace, aUser, aWorkspace, someStats } from '../test/fixtures';
import { json, mockApi, renderPage } from '../test/render';
import LinkDetailPage from './LinkDetailPage';

afterEach(() => vi.unstubAllGlobals());

/** A link of the Team workspace, where the caller has `role` (the current one is personal). */
function renderTeamLink(role: WorkspaceRole) {
  mockApi((method, path) => {
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/links/id-promo') {
      return json(200, { ...aLink({ workspace_id: 'ws-team' }), clicks_used: null });
    }
    if (path === '/api/v1/links/id-promo/stats') return json(200, someStats());
    return undefined;
  });
  renderPage(<LinkDetailPage />, '/links/id-promo', '/links/:id', {
    workspaces: [aWorkspace(), aSharedWorkspace(role)],
    user: aUser(),
  });
}

describe('link detail page', () => {
  it('lets a member of the link’s workspace edit, disable and delete it', async () => {
    renderTeamLink('member');
    expect(await screen.findByRole('link', { name: 'Edit link' })).toHaveAttribute(
      'href',
      '/links/id-promo/edit',
    );
    expect(screen.getByRole('button', { name: 'Disable link' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Delete link' })).toBeVisible();
  });

  it('opens on the analytics: the edit form has its own page', async () => {
    renderTeamLink('member');
    // The analytics are a chunk of their own: a loaded machine may take a while to load it.
    expect(
      await screen.findByRole('heading', { name: 'Analytics' }, { timeout: 10_000 }),
    ).toBeVisible();
    expect(screen.queryByLabelText('Target URL')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
  });

  it('offers the QR code as SVG and as PNG', async () => {
    renderTeamLink('viewer');
    expect(await screen.findByRole('link', { name: 'QR code (SVG)' })).toHaveAttribute(
      'href',
      '/api/v1/links/id-promo/qr.svg',
    );
    expect(screen.getByRole('link', { name: 'QR code (PNG)' })).toHaveAttribute(
      'href',
      '/api/v1/links/id-promo/qr.png?scale=10',
    );
  });

  it('shows a viewer the link and its QR code, without the controls that change it', async () => {
    renderTeamLink('viewer');
    expect(await screen.findByRole('heading', { level: 1, name: 'promo' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'QR code (SVG)' })).toBeVisible();
    expect(screen.queryByRole('link', { name: 'Edit link' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Disable link|Enable link/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete link' })).toBeNull();
  });

  it('offers erasing the visits to owners and admins of the link’s workspace only', async () => {
    renderTeamLink('admin');
    expect(
      await screen.findByRole('button', { name: 'Erase visits' }, { timeout: 10_000 }),
    ).toBeVisible();
  });

  it('does not offer erasing the visits to a member', async () => {
    renderTeamLink('member');
    await screen.findByRole('heading', { name: 'Analytics' }, { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: 'Erase visits' })).toBeNull();
  });
});
