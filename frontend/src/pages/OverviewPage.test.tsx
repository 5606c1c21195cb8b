import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEY } from '../lib/workspaces';
import { aSharedWorkspace, aWorkspace } from '../test/fixtures';
import { json, mockApi, renderPage, sentRequests } from '../test/render';
import OverviewPage from './OverviewPage';

afterEach(() => vi.unstubAllGlobals());

describe('overview page', () => {
  it('counts the clicks of the current workspace', async () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team');
    const fetchMock = mockApi((_, path, query) =>
      path === '/api/v1/stats/overview'
        ? json(200, {
            from: query.get('from'),
            to: query.get('to'),
            totals: { total: 7, human: 6, bot: 1 },
            series: [],
            top_links: [],
            workspace_id: 'ws-team',
          })
        : undefined,
    );
    renderPage(<OverviewPage />, '/overview', '/overview', {
      workspaces: [aWorkspace(), aSharedWorkspace('viewer')],
    });
    expect(await screen.findByTestId('overview-total')).toHaveTextContent('7');
    expect(screen.getByTestId('overview-workspace')).toHaveTextContent('Of Team');
    await waitFor(async () => {
      const [sent] = await sentRequests(fetchMock);
      expect(sent?.url).toMatch(/^\/api\/v1\/stats\/overview\?workspace_id=ws-team&from=/);
    });
  });
});
