import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aLink, aUser, aWorkspace } from '../test/fixtures';
import { json, mockApi, renderPage, sentRequests } from '../test/render';
import LinkEditPage from './LinkEditPage';

afterEach(() => vi.unstubAllGlobals());

describe('link edit page', () => {
  it('saves the changed target and leads back to the link', async () => {
    const fetchMock = mockApi((method, path) => {
      if (path !== '/api/v1/links/id-promo') return undefined;
      if (method === 'GET') return json(200, { ...aLink(), clicks_used: null });
      if (method === 'PATCH') return json(200, aLink({ target: 'https://example.com/new' }));
      return undefined;
    });
    renderPage(<LinkEditPage />, '/links/id-promo/edit', '/links/:id/edit', {
      workspaces: [aWorkspace()],
      user: aUser(),
    });
    const target = await screen.findByLabelText('Target URL');
    await userEvent.clear(target);
    await userEvent.type(target, 'https://example.com/new');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Saved\./)).toBeVisible();
    const patches = (await sentRequests(fetchMock)).filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.body)).toEqual([{ target: 'https://example.com/new' }]);
    expect(screen.getByRole('link', { name: /Back to promo/ })).toHaveAttribute(
      'href',
      '/links/id-promo',
    );
  });
});
