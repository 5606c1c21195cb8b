import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aSharedWorkspace, aWorkspace, someWorkspaceStats } from '../test/fixtures';
import { json, mockApi, renderPage, sentRequests } from '../test/render';
import { STORAGE_KEY } from '../lib/workspaces';
import AnalyticsPage from './AnalyticsPage';

afterEach(() => vi.unstubAllGlobals());

describe('workspace analytics', () => {
  it('shows the current workspace’s top links and breakdowns, filtered from the URL and by rows', async () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team'); // the switcher's choice
    const fetchMock = mockApi((method, path, query) => {
      if (method !== 'GET' || path !== '/api/v1/workspaces/ws-team/stats') return undefined;
      if (query.get('from') === '2026-11-24') {
        return json(200, someWorkspaceStats({ totals: { total: 40, human: 40, bot: 0 } }));
      }
      return json(
        200,
        someWorkspaceStats({
          workspace_id: 'ws-team',
          totals: { total: 60, human: 50, bot: 10 },
          top_links: [{ id: 'id-promo', code: 'promo', title: 'Promo', total: 60 }],
          referrers: [{ key: 'news.example', count: 60 }],
          utm_campaign: [{ key: 'winter', count: 60 }],
        }),
      );
    });
    const user = userEvent.setup();
    const { router } = renderPage(
      <AnalyticsPage />,
      '/analytics?from=2026-12-01&to=2026-12-07&device=mobile',
      '/analytics',
      { workspaces: [aWorkspace(), aSharedWorkspace('viewer')] },
    );
    expect(await screen.findByTestId('analytics-workspace')).toHaveTextContent('Of Team');
    const top = await screen.findByRole('table', { name: 'Top links' });
    expect(within(top).getByRole('link', { name: 'Promo' })).toHaveAttribute(
      'href',
      '/links/id-promo',
    );
    expect(screen.getByText('Device is mobile')).toBeVisible();
    await waitFor(() =>
      expect(screen.getByTestId('total-total')).toHaveTextContent('+50 % · 40 before'),
    );
    await user.click(screen.getByRole('button', { name: 'Only UTM campaign: winter' }));
    expect(screen.getByText('UTM campaign is winter')).toBeVisible();
    expect(router.state.location.search).toBe(
      '?from=2026-12-01&to=2026-12-07&device=mobile&utm_campaign=winter',
    );
    await waitFor(async () =>
      expect((await sentRequests(fetchMock)).map((r) => r.url)).toContain(
        '/api/v1/workspaces/ws-team/stats?from=2026-12-01&to=2026-12-07&device=mobile&utm_campaign=winter',
      ),
    );
  });
});
