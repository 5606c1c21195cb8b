import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LinkListItem } from '../api/types';
import { json, mockFetch, pathOf, renderPage, requestOf, sentRequests } from '../test/render';
import LinksPage from './LinksPage';
import { aListedLink, aSharedWorkspace } from '../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'flamingo_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

const link = (code: string, fields: Partial<LinkListItem> = {}): LinkListItem =>
  aListedLink({
    id: `id-${code}`,
    code,
    short_url: `https://f.example/${code}`,
    target: `https://example.com/${code}`,
    title: `Title ${code}`,
    tags: ['news'],
    expires_at: null,
    max_clicks: null,
    has_password: false,
    redirect_status: 302,
    disabled: false,
    ...fields,
  });

const urls = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.map(([input]) => pathOf(input));

describe('links list', () => {
  it('pages with the opaque cursor, forwards and back', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockImplementation((input) => {
      const url = new URL(requestOf(input).url);
      const cursor = url.searchParams.get('cursor');
      return Promise.resolve(
        cursor === 'c2'
          ? json(200, { items: [link('page2')], next_cursor: null })
          : json(200, { items: [link('page1')], next_cursor: 'c2' }),
      );
    });
    renderPage(<LinksPage />, '/links');
    expect(await screen.findByText('Title page1')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Title page2')).toBeVisible();
    expect(urls(fetchMock)).toContain('/api/v1/links?workspace_id=u1&cursor=c2&limit=20');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('Title page1')).toBeVisible();
  });

  it('searches and filters by tag through the URL', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockImplementation(() =>
      Promise.resolve(json(200, { items: [link('a')], next_cursor: null })),
    );
    const { router } = renderPage(<LinksPage />, '/links', '/links');
    await screen.findByText('Title a');
    await userEvent.type(screen.getByLabelText('Search'), 'launch');
    await userEvent.type(screen.getByLabelText('Tag'), 'news');
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=launch&tag=news'));
    await waitFor(() =>
      expect(urls(fetchMock)).toContain('/api/v1/links?workspace_id=u1&q=launch&tag=news&limit=20'),
    );
  });

  it('asks before deleting, and sends the CSRF-protected DELETE only on confirmation', async () => {
    document.cookie = 'flamingo_csrf=csrf-1; path=/';
    const fetchMock = mockFetch();
    fetchMock.mockImplementation((input) =>
      Promise.resolve(
        requestOf(input).method === 'DELETE'
          ? new Response(null, { status: 204 })
          : json(200, { items: [link('gone')], next_cursor: null }),
      ),
    );
    renderPage(<LinksPage />, '/links');
    await screen.findByText('Title gone');
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByRole('group', { name: 'Delete Title gone?' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Yes, delete' })).toHaveFocus();
    expect(fetchMock.mock.calls.some(([input]) => requestOf(input).method === 'DELETE')).toBe(
      false,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.some(
          ([input]) =>
            requestOf(input).method === 'DELETE' && pathOf(input) === '/api/v1/links/id-gone',
        ),
      ).toBe(true),
    );
    const deletes = (await sentRequests(fetchMock)).filter((s) => s.method === 'DELETE');
    expect(deletes.map((s) => s.headers.get('X-CSRF-Token'))).toEqual(['csrf-1']);
  });

  it('shows a viewer the links without the controls that change them', async () => {
    mockFetch().mockResolvedValue(json(200, { items: [link('seen')], next_cursor: null }));
    renderPage(<LinksPage />, '/links', '/links', { workspaces: [aSharedWorkspace('viewer')] });
    expect(await screen.findByText('Title seen')).toBeVisible();
    expect(screen.getByRole('button', { name: /Copy https:\/\/f.example\/seen/ })).toBeVisible();
    expect(screen.queryByRole('button', { name: /Disable|Enable/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it("shows each link's clicks, creation date and state", async () => {
    mockFetch().mockResolvedValue(
      json(200, {
        items: [
          link('hot', {
            clicks: { total: 1234, last_7_days: 56 },
            created_at: '2026-03-04T10:00:00Z',
          }),
          link('old', { state: 'expired' }),
          link('full', { state: 'used-up', max_clicks: 3 }),
          link('later', { state: 'scheduled' }),
          link('off', { state: 'disabled', disabled: true }),
          link('blocked', { state: 'admin-disabled', disabled: true, disabled_by_admin: true }),
        ],
        next_cursor: null,
      }),
    );
    renderPage(<LinksPage />, '/links');
    await screen.findByText('Title hot');
    const rows = screen.getAllByTestId('link-row');
    expect(screen.getAllByTestId('link-meta')[0]).toHaveTextContent(
      /1,234 clicks.*56 in the last 7 days.*Created .*2026/,
    );
    expect(rows.map((row) => within(row).getByTestId('link-state').textContent)).toEqual([
      'Active',
      'Expired',
      'Used up',
      'Scheduled',
      'Disabled',
      'Disabled by an admin',
    ]);
    // One page: no pager.
    expect(screen.queryByRole('navigation', { name: 'Pages' })).toBeNull();
  });

  it('does not offer the owner Enable on a link an admin disabled, and says why', async () => {
    mockFetch().mockResolvedValue(
      json(200, {
        items: [
          link('blocked', { state: 'admin-disabled', disabled: true, disabled_by_admin: true }),
        ],
        next_cursor: null,
      }),
    );
    renderPage(<LinksPage />, '/links');
    const row = await screen.findByTestId('link-row');
    expect(within(row).queryByRole('button', { name: /Enable/ })).toBeNull();
    expect(row).toHaveTextContent('Only an administrator can enable it.');
  });

  it('sorts by most clicked through the URL and the API', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockImplementation(() =>
      Promise.resolve(json(200, { items: [link('a')], next_cursor: null })),
    );
    const { router } = renderPage(<LinksPage />, '/links', '/links');
    await screen.findByText('Title a');
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'Most clicked first');
    await waitFor(() => expect(router.state.location.search).toBe('?sort=clicks'));
    await waitFor(() =>
      expect(urls(fetchMock)).toContain('/api/v1/links?workspace_id=u1&limit=20&sort=clicks'),
    );
  });
});
