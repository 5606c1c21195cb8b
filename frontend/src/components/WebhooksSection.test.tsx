import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Webhook, WebhookDelivery, WorkspaceRole } from '../api/types';
import { STORAGE_KEY } from '../lib/workspaces';
import WorkspacePage from '../pages/WorkspacePage';
import { aSharedWorkspace, aUser, aWorkspace } from '../test/fixtures';
import { json, mockApi, problem, renderPage, sentRequests } from '../test/render';

afterEach(() => vi.unstubAllGlobals());

const BASE = '/api/v1/workspaces/ws-team/webhooks';
const SECRET = `whsec_${'A'.repeat(43)}=`;
const NEW_SECRET = `whsec_${'B'.repeat(43)}=`;

const aHook = (fields: Partial<Webhook> = {}): Webhook => ({
  id: 'h1',
  workspace_id: 'ws-team',
  url: 'https://crm.example.com/hooks',
  events: ['link.created'],
  description: null,
  enabled: true,
  disabled_reason: null,
  failures: 0,
  previous_secret_expires_at: null,
  created_at: '2026-12-01T10:00:00.000Z',
  updated_at: '2026-12-01T10:00:00.000Z',
  ...fields,
});

const aDelivery = (fields: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: 'dlv_1',
  webhook_id: 'h1',
  msg_id: 'msg_1',
  event_type: 'link.created',
  events: 1,
  status: 'failed',
  attempts: 8,
  status_code: 500,
  latency_ms: 42,
  response_excerpt: 'broken receiver',
  error: null,
  created_at: '2026-12-01T10:00:00.000Z',
  last_attempt_at: '2026-12-02T13:00:00.000Z',
  next_attempt_at: null,
  ...fields,
});

/** The team workspace's webhooks API; `hooks` listed, creation refused with `refusal` if given. */
function hooksApi(hooks: Webhook[], refusal?: Response) {
  return mockApi((method, path) => {
    if (path === BASE && method === 'GET') return json(200, { items: hooks });
    if (path === BASE && method === 'POST') {
      return refusal ?? json(201, { ...aHook({ id: 'h2' }), secret: SECRET });
    }
    if (path === `${BASE}/h1` && method === 'PATCH') return json(200, aHook({ enabled: false }));
    if (path === `${BASE}/h1` && method === 'DELETE') return new Response(null, { status: 204 });
    if (path === `${BASE}/h1/rotate-secret` && method === 'POST') {
      return json(200, {
        ...aHook({ previous_secret_expires_at: '2026-12-02T10:00:00.000Z' }),
        secret: NEW_SECRET,
      });
    }
    if (path === `${BASE}/h1/deliveries` && method === 'GET') {
      return json(200, { items: [aDelivery()] });
    }
    if (path === `${BASE}/h1/test` && method === 'POST') {
      return json(202, aDelivery({ id: 'dlv_2', event_type: 'webhook.test', status: 'pending' }));
    }
    if (path === `${BASE}/h1/deliveries/dlv_1/redeliver` && method === 'POST') {
      return json(202, aDelivery({ id: 'dlv_3', status: 'pending', attempts: 0 }));
    }
    if (path.startsWith('/api/v1/workspaces/ws-team/')) return json(200, { items: [] });
    return undefined;
  });
}

function renderTeam(role: WorkspaceRole) {
  localStorage.setItem(STORAGE_KEY, 'ws-team');
  return renderPage(<WorkspacePage />, '/workspace', '/workspace', {
    workspaces: [aWorkspace(), aSharedWorkspace(role)],
    user: aUser(),
  });
}

async function webhooksRegion() {
  return screen.findByRole('region', { name: 'Webhooks' });
}

describe('webhooks section', () => {
  it('creates a webhook with the chosen events and shows its secret once', async () => {
    const fetchMock = hooksApi([]);
    renderTeam('admin');
    const region = await webhooksRegion();
    await userEvent.type(
      within(region).getByLabelText('Receiver URL'),
      'https://crm.example.com/h',
    );
    await userEvent.click(
      within(region).getByLabelText('Clicks (batched, up to 100 per delivery)'),
    );
    await userEvent.click(within(region).getByRole('button', { name: 'Add webhook' }));
    const card = await within(region).findByTestId('webhook-secret');
    expect(card).toHaveTextContent(SECRET);
    expect(card).toHaveTextContent(/shown only once/);
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts.map((s) => [s.url, s.body])).toEqual([
      [
        BASE,
        {
          url: 'https://crm.example.com/h',
          events: ['link.created', 'link.clicked'],
          enabled: true,
        },
      ],
    ]);
  });

  it('shows the API’s refusal of a URL next to the field', async () => {
    hooksApi(
      [],
      problem(422, 'target-private-address', 'private addresses are refused', [
        { field: 'url', message: '10.0.0.1 is a private address' },
      ]),
    );
    renderTeam('owner');
    const region = await webhooksRegion();
    await userEvent.type(within(region).getByLabelText('Receiver URL'), 'http://10.0.0.1/');
    await userEvent.click(within(region).getByRole('button', { name: 'Add webhook' }));
    expect(await within(region).findByText('10.0.0.1 is a private address')).toBeVisible();
  });

  it('refuses to send a form without events', async () => {
    const fetchMock = hooksApi([]);
    renderTeam('owner');
    const region = await webhooksRegion();
    await userEvent.type(within(region).getByLabelText('Receiver URL'), 'https://a.example/');
    await userEvent.click(within(region).getByLabelText('Link created'));
    await userEvent.click(within(region).getByRole('button', { name: 'Add webhook' }));
    expect(await within(region).findByText('Choose at least one event.')).toBeVisible();
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts).toEqual([]);
  });

  it('disables, rotates (showing the new secret) and deletes a webhook', async () => {
    const fetchMock = hooksApi([aHook()]);
    renderTeam('owner');
    const card = await screen.findByTestId('webhook-h1');
    await userEvent.click(within(card).getByRole('button', { name: 'Disable' }));
    await userEvent.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    await userEvent.click(within(card).getByRole('button', { name: 'Yes, rotate' }));
    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent(NEW_SECRET);
    await userEvent.click(within(card).getByRole('button', { name: 'Delete' }));
    await userEvent.click(within(card).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(async () => {
      const sent = (await sentRequests(fetchMock)).filter((s) => s.method !== 'GET');
      expect(sent.map((s) => [s.method, s.url, s.body])).toEqual([
        ['PATCH', `${BASE}/h1`, { enabled: false }],
        ['POST', `${BASE}/h1/rotate-secret`, undefined],
        ['DELETE', `${BASE}/h1`, undefined],
      ]);
    });
  });

  it('shows the delivery log, sends a test event and redelivers', async () => {
    const fetchMock = hooksApi([aHook({ enabled: false, disabled_reason: 'failing' })]);
    renderTeam('admin');
    const card = await screen.findByTestId('webhook-h1');
    expect(card).toHaveTextContent(/too many deliveries in a row failed/);
    await userEvent.click(within(card).getByText('Delivery log'));
    const log = await within(card).findByTestId('deliveries-h1');
    expect(await within(log).findByText('broken receiver')).toBeVisible();
    expect(within(log).getByText('42 ms')).toBeVisible();
    await userEvent.click(within(log).getByRole('button', { name: 'Send a test event' }));
    expect(await within(log).findByText('Test event queued.')).toBeVisible();
    await userEvent.click(within(log).getByRole('button', { name: /^Redeliver link.created/ }));
    expect(await within(log).findByText('Queued again.')).toBeVisible();
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts.map((s) => s.url)).toEqual([
      `${BASE}/h1/test`,
      `${BASE}/h1/deliveries/dlv_1/redeliver`,
    ]);
  });

  it('is not shown to members, who never ask for webhooks', async () => {
    const fetchMock = hooksApi([aHook()]);
    renderTeam('member');
    await screen.findByTestId('my-role');
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Webhooks' })).toBeNull();
    const urls = (await sentRequests(fetchMock)).map((s) => s.url);
    expect(urls.filter((u) => u.includes('/webhooks'))).toEqual([]);
  });
});
