import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Stats, Visit } from '../../api/types';
import { someStats } from '../../test/fixtures';
import { json, mockApi, renderPage, sentRequests } from '../../test/render';
import LinkStats from '../LinkStats';

afterEach(() => vi.unstubAllGlobals());

const RANGE = 'from=2026-12-01&to=2026-12-07';

/** Answers the link's stats: `current` for the asked range, `previous` for the week before. */
function statsApi(current: Partial<Stats> = {}, previous: Partial<Stats> = {}) {
  return mockApi((method, path, query) => {
    if (method === 'GET' && path === '/api/v1/links/id-promo/stats') {
      return json(200, someStats(query.get('from') === '2026-11-24' ? previous : current));
    }
    return undefined;
  });
}

function renderStats(search: string, canErase = false) {
  return renderPage(
    <LinkStats linkId="id-promo" canErase={canErase} />,
    `/links/id-promo?${search}`,
    '/links/:id',
  );
}

const statsCalls = async (fetchMock: ReturnType<typeof mockApi>) =>
  (await sentRequests(fetchMock))
    .map((r) => r.url)
    .filter((u) => u.startsWith('/api/v1/links/id-promo/stats?'));

describe('filter chips', () => {
  it('a click on a breakdown row adds a chip, filters the stats and writes the URL', async () => {
    const fetchMock = statsApi({
      totals: { total: 5, human: 5, bot: 0, unique: 5 },
      countries: [
        { key: 'DE', count: 3 },
        { key: 'AT', count: 2 },
      ],
    });
    const user = userEvent.setup();
    const { router } = renderStats(RANGE);
    // The first render also loads the page's code: a loaded machine may take a while.
    await user.click(
      await screen.findByRole('button', { name: 'Only Countries: DE' }, { timeout: 10_000 }),
    );
    const chips = await screen.findByRole('list', { name: 'Filters' });
    expect(within(chips).getByText('Country is DE')).toBeVisible();
    expect(new URLSearchParams(router.state.location.search).getAll('country')).toEqual(['DE']);
    await waitFor(async () =>
      expect(await statsCalls(fetchMock)).toContain(
        `/api/v1/links/id-promo/stats?from=2026-12-01&to=2026-12-07&country=DE`,
      ),
    );
    // "not" as the API writes it: `!AT`, beside DE ("any of" by repetition).
    await user.click(screen.getByRole('button', { name: 'Exclude Countries: AT' }));
    expect(within(chips).getByText('Country is not AT')).toBeVisible();
    expect(new URLSearchParams(router.state.location.search).getAll('country')).toEqual([
      'DE',
      '!AT',
    ]);
  });

  it('a chip is removed with its button', async () => {
    statsApi();
    const user = userEvent.setup();
    const { router } = renderStats(`${RANGE}&country=DE&device=mobile`);
    await user.click(await screen.findByRole('button', { name: 'Remove filter: Country is DE' }));
    const params = new URLSearchParams(router.state.location.search);
    expect(params.getAll('country')).toEqual([]);
    expect(params.getAll('device')).toEqual(['mobile']);
    expect(screen.getByText('Device is mobile')).toBeVisible();
  });

  it('a shared URL opens the same view: its chips, interval and tab, and asks for them', async () => {
    const fetchMock = statsApi();
    renderStats(`${RANGE}&interval=hour&referrer=%28none%29&rule=0&bot=false&tab=utm`);
    const chips = await screen.findByRole('list', { name: 'Filters' });
    expect(within(chips).getByText('Referrer is (none)')).toBeVisible();
    expect(within(chips).getByText('Rule is 1')).toBeVisible();
    expect(within(chips).getByText('Only humans')).toBeVisible();
    expect(screen.getByRole('tab', { name: 'UTM' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByLabelText('Interval')).toHaveValue('hour');
    await waitFor(async () =>
      expect(await statsCalls(fetchMock)).toContain(
        '/api/v1/links/id-promo/stats?from=2026-12-01&to=2026-12-07&interval=hour&referrer=%28none%29&rule=0&bot=false',
      ),
    );
    expect(screen.getByRole('table', { name: 'UTM campaign' })).toBeVisible();
  });
});

describe('previous period', () => {
  it('compares the totals with a second call over the week before, with the same filters', async () => {
    const fetchMock = statsApi(
      { totals: { total: 150, human: 120, bot: 30, unique: 90 } },
      { totals: { total: 100, human: 120, bot: 40, unique: 0 } },
    );
    renderStats(`${RANGE}&country=DE`);
    const clicks = await screen.findByTestId('total-total');
    await waitFor(() => expect(clicks).toHaveTextContent('+50 % · 100 before'));
    expect(screen.getByTestId('total-human')).toHaveTextContent('0 % · 120 before');
    expect(screen.getByTestId('total-bot')).toHaveTextContent('-25 % · 40 before');
    expect(screen.getByTestId('total-unique')).toHaveTextContent('new · 0 before');
    expect(screen.getByTestId('compare-note')).toHaveTextContent('2026-11-24 to 2026-11-30');
    expect(await statsCalls(fetchMock)).toContain(
      '/api/v1/links/id-promo/stats?from=2026-11-24&to=2026-11-30&country=DE',
    );
  });
});

function aVisit(id: string, fields: Partial<Visit> = {}): Visit {
  return {
    id,
    at: '2026-12-05T10:00:00.000Z',
    bot: false,
    browser: 'Firefox',
    code: 'promo',
    country: 'DE',
    device: 'desktop',
    domain: null,
    language: 'de',
    os: 'Linux',
    referrer: 'news.example',
    region: null,
    rule: null,
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    variant: null,
    visitor: 'v1',
    ...fields,
  };
}

describe('visits tab', () => {
  it('pages the visits newest first by cursor and offers them as CSV with the same filters', async () => {
    const fetchMock = mockApi((method, path, query) => {
      if (path === '/api/v1/links/id-promo/stats') return json(200, someStats());
      if (method === 'GET' && path === '/api/v1/links/id-promo/visits') {
        return query.get('cursor') === 'c2'
          ? json(200, { items: [aVisit('e1', { referrer: 'older.example' })], next_cursor: null })
          : json(200, { items: [aVisit('e2', { referrer: 'newer.example' })], next_cursor: 'c2' });
      }
      return undefined;
    });
    const user = userEvent.setup();
    renderStats(`${RANGE}&country=DE&tab=visits`);
    const table = await screen.findByRole('table', { name: 'Visits, newest first' });
    expect(await within(table).findByText('newer.example')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Download visits (CSV)' })).toHaveAttribute(
      'href',
      '/api/v1/links/id-promo/visits?from=2026-12-01&to=2026-12-07&country=DE&format=csv',
    );
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await within(table).findByText('older.example')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    const visitCalls = (await sentRequests(fetchMock))
      .map((r) => r.url)
      .filter((u) => u.includes('/visits'));
    expect(visitCalls).toEqual([
      '/api/v1/links/id-promo/visits?from=2026-12-01&to=2026-12-07&country=DE&limit=50',
      '/api/v1/links/id-promo/visits?from=2026-12-01&to=2026-12-07&country=DE&cursor=c2&limit=50',
    ]);
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await within(table).findByText('newer.example')).toBeVisible();
  });

  it('moves between tabs with the arrow keys and keeps the tab in the URL', async () => {
    statsApi();
    const user = userEvent.setup();
    const { router } = renderStats(RANGE);
    const overview = await screen.findByRole('tab', { name: 'Overview' });
    overview.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Visits' })).toHaveFocus();
    expect(new URLSearchParams(router.state.location.search).get('tab')).toBe('visits');
  });
});

describe('erasing visits', () => {
  it('asks once more, then DELETEs the link’s visits', async () => {
    const fetchMock = mockApi((method, path) => {
      if (path === '/api/v1/links/id-promo/stats') return json(200, someStats());
      if (method === 'DELETE' && path === '/api/v1/links/id-promo/visits') {
        return new Response(null, { status: 204 });
      }
      return undefined;
    });
    const user = userEvent.setup();
    renderStats(RANGE, true);
    await user.click(await screen.findByRole('button', { name: 'Erase visits' }));
    expect((await sentRequests(fetchMock)).some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Yes, erase visits' }));
    expect(await screen.findByText('The visits were erased.')).toBeVisible();
    const deletes = (await sentRequests(fetchMock)).filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.url)).toEqual(['/api/v1/links/id-promo/visits']);
  });

  it('is not offered to who may not erase', async () => {
    statsApi();
    renderStats(RANGE, false);
    await screen.findByRole('heading', { name: 'Analytics' });
    expect(screen.queryByRole('button', { name: 'Erase visits' })).toBeNull();
  });
});
