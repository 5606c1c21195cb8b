import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../api/types';
import { STORAGE_KEY } from '../lib/workspaces';
import { aSharedWorkspace, aWorkspace } from '../test/fixtures';
import { json, mockApi, renderPage, sentRequests } from '../test/render';
import ImportPage from './ImportPage';

afterEach(() => vi.unstubAllGlobals());

const SHLINK = { shortUrls: { data: [{ shortCode: 'abc', longUrl: 'https://example.com/' }] } };

function report(dryRun: boolean): ImportReport {
  return {
    dry_run: dryRun,
    created: 1,
    skipped: 0,
    clash: 1,
    error: 0,
    rows: [
      { where: 'shortUrls.data[0]', code: 'abc', status: 'created', detail: '', link_id: null },
      {
        where: 'shortUrls.data[1]',
        code: 'taken',
        status: 'clash',
        detail: 'the code belongs to another link here',
        link_id: null,
      },
    ],
  };
}

async function pickShlink() {
  localStorage.setItem(STORAGE_KEY, 'ws-team');
  renderPage(<ImportPage />, '/import', '/import', {
    workspaces: [aWorkspace(), aSharedWorkspace('member')],
  });
  await userEvent.selectOptions(screen.getByLabelText('Import from'), 'shlink');
}

describe('importing from a peer', () => {
  it('checks, then imports the file through the API into the current workspace', async () => {
    const fetchMock = mockApi((method, path, query) =>
      method === 'POST' && path === '/api/v1/links/import'
        ? json(200, report(query.get('dry_run') === 'true'))
        : undefined,
    );
    await pickShlink();
    const file = new File([JSON.stringify(SHLINK)], 'shlink.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Shlink JSON file'), file);
    await userEvent.click(await screen.findByRole('button', { name: 'Check (dry run)' }));
    expect(await screen.findByTestId('import-status')).toHaveTextContent(
      'Would create 1, skipped 0 (already here), 1 clashes, 0 refused',
    );
    expect(screen.getByTestId('import-results')).toHaveTextContent(
      '✗ clash: the code belongs to another link here',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByTestId('import-status')).toHaveTextContent('Created 1');
    const [check, run] = await sentRequests(fetchMock);
    expect(check?.url).toBe('/api/v1/links/import?from=shlink&dry_run=true&workspace_id=ws-team');
    expect(check?.body).toEqual(SHLINK);
    expect(run?.url).toBe('/api/v1/links/import?from=shlink&dry_run=false&workspace_id=ws-team');
  });

  it('names a file that is not JSON and sends nothing', async () => {
    const fetchMock = mockApi(() => undefined);
    await pickShlink();
    const file = new File(['shortCode,longUrl'], 'links.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Shlink JSON file'), file);
    expect(await screen.findByText(/not JSON/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
