import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '../api/types';
import { STORAGE_KEY } from '../lib/workspaces';
import { aSharedWorkspace, aWorkspace } from '../test/fixtures';
import { json, mockApi, problem, renderPage, sentRequests } from '../test/render';
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

  it('sends a many-page file one page at a time, shows the progress and names rows by page', async () => {
    const pages = [
      SHLINK,
      { shortUrls: { data: [{ shortCode: 'def', longUrl: 'https://b.example/' }] } },
    ];
    const fetchMock = mockApi((method, path) =>
      method === 'POST' && path === '/api/v1/links/import' ? json(200, report(false)) : undefined,
    );
    await pickShlink();
    const file = new File([JSON.stringify(pages)], 'shlink.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Shlink JSON file'), file);
    await userEvent.click(await screen.findByRole('button', { name: 'Import' }));
    expect(await screen.findByTestId('import-status')).toHaveTextContent(
      'Created 2, skipped 0 (already here), 2 clashes, 0 refused',
    );
    expect(screen.getByTestId('import-progress')).toHaveTextContent('2 of 2 pages sent');
    expect(screen.getByTestId('import-results')).toHaveTextContent('page 2, shortUrls.data[1]');
    const sent = await sentRequests(fetchMock);
    expect(sent.map((request) => request.body)).toEqual(pages);
  });

  it('stops at a refused page and keeps what the pages before it made', async () => {
    const pages = [SHLINK, { rows: [] }, SHLINK];
    let calls = 0;
    const fetchMock = mockApi((method, path) => {
      if (method !== 'POST' || path !== '/api/v1/links/import') return undefined;
      calls += 1;
      return calls === 2
        ? problem(422, 'import-format', "no 'shortUrls' object (is this the right --from?)")
        : json(200, report(false));
    });
    await pickShlink();
    const file = new File([JSON.stringify(pages)], 'shlink.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Shlink JSON file'), file);
    await userEvent.click(await screen.findByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/Stopped at page 2 of 3/)).toBeInTheDocument();
    expect(screen.getByTestId('import-status')).toHaveTextContent('Created 1');
    expect(screen.getByTestId('import-results')).toHaveTextContent('page 1, shortUrls.data[0]');
    expect(await sentRequests(fetchMock)).toHaveLength(2);
  });
});
