import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STORAGE_KEY } from '../lib/workspaces';
import { aLink, aSharedWorkspace, aWorkspace } from '../test/fixtures';
import { json, mockApi, renderPage, sentRequests } from '../test/render';
import ImportPage from './ImportPage';

afterEach(() => vi.unstubAllGlobals());

describe('bulk import page', () => {
  it('imports every row into the current workspace', async () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team');
    const fetchMock = mockApi((method, path) =>
      method === 'POST' && path === '/api/v1/links/batch'
        ? json(207, {
            items: [
              { index: 0, status: 201, link: aLink({ workspace_id: 'ws-team' }), error: null },
            ],
          })
        : undefined,
    );
    renderPage(<ImportPage />, '/import', '/import', {
      workspaces: [aWorkspace(), aSharedWorkspace('member')],
    });
    expect(screen.getByTestId('import-workspace')).toHaveTextContent('Into Team');
    const file = new File(['target\nhttps://example.com/a\n'], 'links.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByLabelText('CSV file'), file);
    await userEvent.click(await screen.findByRole('button', { name: 'Import 1 links' }));
    expect(await screen.findByTestId('import-status')).toHaveTextContent('1 created, 0 failed');
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.body).toEqual({
      items: [{ target: 'https://example.com/a', workspace_id: 'ws-team' }],
    });
  });

  it('offers a viewer no import', () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team');
    const fetchMock = mockApi(() => undefined);
    renderPage(<ImportPage />, '/import', '/import', {
      workspaces: [aWorkspace(), aSharedWorkspace('viewer')],
    });
    expect(screen.queryByLabelText('CSV file')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent(/not import any/);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
