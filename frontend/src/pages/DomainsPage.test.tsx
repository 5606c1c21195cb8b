import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Domain } from '../api/types';
import {
  json,
  mockFetch,
  pathOf,
  problem,
  renderPage,
  requestOf,
  sentRequests,
} from '../test/render';
import DomainsPage from './DomainsPage';

afterEach(() => vi.unstubAllGlobals());

const domain = (host: string, fields: Partial<Domain> = {}): Domain => ({
  host,
  default: false,
  root_redirect: null,
  not_found_redirect: null,
  expired_redirect: null,
  created_at: '2026-05-01T00:00:00.000Z',
  updated_at: '2026-05-01T00:00:00.000Z',
  ...fields,
});

/** The admin domains API: a list that POST adds to, PATCH changes; DELETE answers `onDelete`. */
function fakeDomainsApi(onDelete: (host: string) => Response) {
  let domains = [
    domain('f.example', { default: true, created_at: null, updated_at: null }),
    domain('go.example.com', { root_redirect: 'https://example.com/' }),
  ];
  const fetchMock = mockFetch();
  fetchMock.mockImplementation(async (input) => {
    const request = requestOf(input);
    const path = pathOf(input);
    if (request.method === 'GET' && path === '/api/v1/admin/domains') {
      return json(200, { items: domains });
    }
    if (request.method === 'POST' && path === '/api/v1/admin/domains') {
      const body = (await request.clone().json()) as Domain;
      if (body.host.includes('..')) {
        return problem(422, 'invalid-host', 'bad host', [
          { field: 'host', message: 'is not a valid domain name' },
        ]);
      }
      const added = domain(body.host, body);
      domains = [...domains, added];
      return json(201, added);
    }
    const host = decodeURIComponent(path.split('/').pop() ?? '');
    if (request.method === 'PATCH') {
      const patch = (await request.clone().json()) as Partial<Domain>;
      domains = domains.map((d) => (d.host === host ? { ...d, ...patch } : d));
      return json(
        200,
        domains.find((d) => d.host === host),
      );
    }
    if (request.method === 'DELETE') return onDelete(host);
    return json(404, { type: 'about:blank', title: 'Not Found', status: 404 });
  });
  return fetchMock;
}

const slow = { timeout: 5000 };
const itemOf = async (host: string) =>
  (await screen.findByRole('heading', { name: new RegExp(host) }, slow)).closest(
    'li',
  ) as HTMLElement;

describe('domains page', { timeout: 30_000 }, () => {
  it('lists the domains, default first, and adds one with its redirects', async () => {
    const fetchMock = fakeDomainsApi(() => new Response(null, { status: 204 }));
    renderPage(<DomainsPage />, '/admin/domains');
    const first = await itemOf('f.example');
    expect(within(first).getByText('default')).toBeVisible();
    expect(within(await itemOf('go.example.com')).getByText('https://example.com/')).toBeVisible();

    await userEvent.type(screen.getByLabelText('Host'), 'bad..example');
    await userEvent.click(screen.getByRole('button', { name: 'Add domain' }));
    expect(await screen.findByText('is not a valid domain name', {}, slow)).toBeVisible();
    expect(screen.getByLabelText('Host')).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(screen.getByLabelText('Host'));
    await userEvent.type(screen.getByLabelText('Host'), 'b.example.org');
    await userEvent.type(screen.getByLabelText('Not-found redirect'), 'https://example.org/404');
    await userEvent.click(screen.getByRole('button', { name: 'Add domain' }));
    expect(await itemOf('b.example.org')).toHaveTextContent('https://example.org/404');
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts.at(-1)?.body).toEqual({
      host: 'b.example.org',
      not_found_redirect: 'https://example.org/404',
    });
  });

  it('checks a redirect before asking the API', async () => {
    const fetchMock = fakeDomainsApi(() => new Response(null, { status: 204 }));
    renderPage(<DomainsPage />, '/admin/domains');
    await userEvent.type(screen.getByLabelText('Host'), 'c.example.org');
    await userEvent.type(screen.getByLabelText('Root redirect'), 'example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Add domain' }));
    expect(screen.getByLabelText('Root redirect')).toHaveAccessibleDescription(/Use a full http/);
    expect((await sentRequests(fetchMock)).filter((s) => s.method === 'POST')).toEqual([]);
  });

  it('edits the redirects, sending only the changes (emptied → null)', async () => {
    const fetchMock = fakeDomainsApi(() => new Response(null, { status: 204 }));
    renderPage(<DomainsPage />, '/admin/domains');
    const item = await itemOf('go.example.com');
    await userEvent.click(
      within(item).getByRole('button', { name: 'Edit the redirects of go.example.com' }),
    );
    await userEvent.clear(within(item).getByLabelText('Root redirect'));
    await userEvent.type(
      within(item).getByLabelText('Expired-link redirect'),
      'https://example.com/over',
    );
    await userEvent.click(within(item).getByRole('button', { name: 'Save redirects' }));
    expect(await within(item).findByText('https://example.com/over', {}, slow)).toBeVisible();
    const patch = (await sentRequests(fetchMock)).find((s) => s.method === 'PATCH');
    expect(patch?.url).toBe('/api/v1/admin/domains/go.example.com');
    expect(patch?.body).toEqual({
      root_redirect: null,
      expired_redirect: 'https://example.com/over',
    });
  });

  it('offers no Delete on the default domain, and says why', async () => {
    fakeDomainsApi(() => new Response(null, { status: 204 }));
    renderPage(<DomainsPage />, '/admin/domains');
    const item = await itemOf('f.example');
    expect(within(item).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(item).toHaveTextContent(
      'The default domain (the host of PUBLIC_BASE_URL) cannot be deleted.',
    );
    expect(
      within(await itemOf('go.example.com')).getByRole('button', { name: 'Delete' }),
    ).toBeVisible();
  });

  it.each([['go.example.com', 'domain-has-links', /go\.example\.com still has links/]])(
    'explains why %s cannot be deleted (%s)',
    async (host, slug, message) => {
      fakeDomainsApi(() => problem(409, slug, `${slug} detail`));
      renderPage(<DomainsPage />, '/admin/domains');
      const item = await itemOf(host);
      await userEvent.click(within(item).getByRole('button', { name: 'Delete' }));
      await userEvent.click(within(item).getByRole('button', { name: 'Yes, delete' }));
      expect(await within(item).findByRole('alert', {}, slow)).toHaveTextContent(message);
    },
  );
});
