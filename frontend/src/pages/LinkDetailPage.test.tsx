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
    expect(await screen.findByRole('heading', { name: 'Edit' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Disable link' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Delete link' })).toBeVisible();
  });

  it('shows a viewer the link and its QR code, without the controls that change it', async () => {
    renderTeamLink('viewer');
    expect(await screen.findByRole('heading', { level: 1, name: 'promo' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Download QR' })).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Disable link|Enable link/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete link' })).toBeNull();
  });
});
