import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { ME_KEY } from '../auth/useMe';
import type { User } from '../api/types';
import { STORAGE_KEY } from '../lib/workspaces';
import { aLink, aSharedWorkspace, aWorkspace } from '../test/fixtures';
import { json, mockFetch, problem, renderPage, sentRequests } from '../test/render';
import ShortenPage from './ShortenPage';

afterEach(() => vi.unstubAllGlobals());

describe('shorten form', () => {
  it('refuses a non-http target without calling the API', async () => {
    const fetchMock = mockFetch();
    renderPage(<ShortenPage />);
    await userEvent.type(screen.getByLabelText('Long URL'), 'ftp://example.com/file');
    await userEvent.click(screen.getByRole('button', { name: 'Shorten' }));
    expect(screen.getByLabelText('Long URL')).toHaveAccessibleDescription(
      'Use a full http:// or https:// URL.',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('puts a server error on the field it names and opens the options holding it', async () => {
    mockFetch().mockResolvedValue(
      problem(422, 'validation-error', 'invalid fields: alias', [
        { field: 'alias', message: 'this alias is reserved' },
      ]),
    );
    renderPage(<ShortenPage />);
    await userEvent.type(screen.getByLabelText('Long URL'), 'https://example.com/x');
    await userEvent.type(screen.getByLabelText('Custom alias'), 'api');
    await userEvent.click(screen.getByRole('button', { name: 'Shorten' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Custom alias')).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(screen.getByText('this alias is reserved')).toBeVisible();
  });

  it('shows the short link with copy button and QR code', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockResolvedValue(
      json(201, {
        id: 'abc123',
        code: 'Xy12345',
        short_url: 'http://localhost:8080/Xy12345',
        target: 'https://example.com/x?utm_source=news',
        title: null,
        tags: [],
        expires_at: null,
        max_clicks: null,
        has_password: false,
        redirect_status: 302,
        disabled: false,
      }),
    );
    renderPage(<ShortenPage />);
    await userEvent.type(screen.getByLabelText('Long URL'), 'https://example.com/x');
    await userEvent.click(screen.getByText('UTM builder'));
    await userEvent.type(screen.getByLabelText('utm_source'), 'news');
    await userEvent.click(screen.getByRole('button', { name: 'Apply UTM parameters' }));
    await userEvent.click(screen.getByRole('button', { name: 'Shorten' }));
    expect(await screen.findByTestId('short-url')).toHaveTextContent(
      'http://localhost:8080/Xy12345',
    );
    expect(screen.getByRole('img', { name: /QR code/ })).toHaveAttribute(
      'src',
      '/api/v1/links/abc123/qr.svg',
    );
    expect(
      screen.getByRole('button', { name: /Copy http:\/\/localhost:8080\/Xy12345/ }),
    ).toBeVisible();
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.url).toBe('/api/v1/links');
    expect(sent?.body).toMatchObject({ target: 'https://example.com/x?utm_source=news' });
  });

  it('offers every signed-in user the domain picker when there is a choice', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockImplementation(() =>
      Promise.resolve(
        json(200, {
          items: [
            { host: 'go.example.com', default: false },
            { host: 'f.example', default: true },
          ],
        }),
      ),
    );
    const user: User = {
      id: 'u1',
      email: 'u@example.com',
      role: 'user',
      email_verified: true,
      created_at: '2026-05-01T00:00:00.000Z',
    };
    const { queryClient } = renderPage(<ShortenPage />);
    await act(async () => {
      queryClient.setQueryData(ME_KEY, user);
      await Promise.resolve();
    });
    const picker = await screen.findByLabelText('Domain', {}, { timeout: 5000 });
    expect(picker).toHaveDisplayValue('f.example (default)');
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.url).toBe('/api/v1/domains');
  });

  it('offers no picker when the default domain is the only one', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockImplementation(() =>
      Promise.resolve(json(200, { items: [{ host: 'f.example', default: true }] })),
    );
    const { queryClient } = renderPage(<ShortenPage />);
    await act(async () => {
      queryClient.setQueryData(ME_KEY, {
        id: 'u1',
        email: 'u@example.com',
        role: 'user',
        created_at: '2026-05-01T00:00:00.000Z',
      });
      await Promise.resolve();
    });
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.queryByLabelText('Domain')).toBeNull();
  });

  it('creates the link in the current workspace', async () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team');
    const fetchMock = mockFetch();
    fetchMock.mockResolvedValue(json(201, aLink({ code: 'team1', workspace_id: 'ws-team' })));
    renderPage(<ShortenPage />, '/', '/', {
      workspaces: [aWorkspace(), aSharedWorkspace('member')],
    });
    expect(screen.getByTestId('shorten-workspace')).toHaveTextContent('In Team');
    await userEvent.type(screen.getByLabelText('Long URL'), 'https://example.com/t');
    await userEvent.click(screen.getByRole('button', { name: 'Shorten' }));
    expect(await screen.findByTestId('short-url')).toHaveTextContent('https://f.example/team1');
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.body).toMatchObject({ target: 'https://example.com/t', workspace_id: 'ws-team' });
  });

  it('adds https:// to an address typed without a scheme, and shows it', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockResolvedValue(json(201, aLink({ code: 'plain1' })));
    renderPage(<ShortenPage />);
    const field = screen.getByLabelText('Long URL');
    await userEvent.type(field, 'example.com/page?x=1');
    await userEvent.tab(); // leaving the field completes it
    expect(field).toHaveValue('https://example.com/page?x=1');
    expect(field).toHaveAccessibleDescription('https:// added to the address you typed.');
    await userEvent.click(screen.getByRole('button', { name: 'Shorten' }));
    expect(await screen.findByTestId('short-url')).toBeVisible();
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.body).toMatchObject({ target: 'https://example.com/page?x=1' });
  });

  it('completes the address on submit too (Enter without leaving the field)', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockResolvedValue(json(201, aLink({ code: 'plain2' })));
    renderPage(<ShortenPage />);
    await userEvent.type(screen.getByLabelText('Long URL'), 'www.example.org{Enter}');
    expect(await screen.findByTestId('short-url')).toBeVisible();
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.body).toMatchObject({ target: 'https://www.example.org' });
  });

  it('shows a viewer no form to create links, and says why', () => {
    localStorage.setItem(STORAGE_KEY, 'ws-team');
    const fetchMock = mockFetch();
    renderPage(<ShortenPage />, '/', '/', {
      workspaces: [aWorkspace(), aSharedWorkspace('viewer')],
    });
    expect(screen.getByRole('status')).toHaveTextContent(/see the links of Team but not create/);
    expect(screen.queryByLabelText('Long URL')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Shorten' })).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
