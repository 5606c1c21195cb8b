// Issue 18's browser tests: a link's live feed receives a click through Nginx (and the test
// measures how long that took, against the 2 s), and the filter chips of its analytics:
// a breakdown row filters, the URL carries the filter, the totals are the filtered ones, the same
// URL opened in another browser shows the same view, removing a chip restores the totals.
import {
  expect,
  request,
  test,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { expectAccessible, PASSWORD, shorten, signUp, TARGET, uniqueEmail } from './support';

// One user for the whole file (signups are rate-limited per IP: the suite stays under it).
test.describe.configure({ mode: 'serial' });
let context: BrowserContext;
let page: Page;
const email = uniqueEmail('analytics');

// Generous bounds for "eventually", not measurements (the live test measures and reports its
// latency instead of asserting one): CI runs this beside the cluster suite on 2 shared cores.
const ARRIVAL_MS = 30_000; // one click into the live feed (≈ 0.1–1.2 s measured here)
const COUNTED_MS = 60_000; // six clicks folded by the worker into the stats
const GEO = 'X-Client-Geo-Location'; // the load balancer's country header (GEO_HEADER)
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  expect(TARGET, 'the launcher passes the target site').not.toBe('');
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  await signUp(page, email);
});

test.afterAll(async () => {
  await context.close();
});

interface Shown {
  /** The browser's clock when the feed listed the click. */
  shownAt: number;
  /** The click's own `time`: when the redirect happened (the backend's clock, same machine). */
  time: string;
}

/** Resolves when the live feed lists its `n`-th click: a MutationObserver in the page notes the
 * moment the list changed (no polling interval adds to the measured time). */
function nthClickShown(watcher: Page, n: number): Promise<Shown> {
  return watcher.evaluate(
    ({ count, bound }) =>
      new Promise<Shown>((resolve, reject) => {
        const seen = (): boolean => {
          const items = document.querySelectorAll('[aria-label="Latest clicks"] li');
          if (items.length < count) return false;
          const time = items[0]?.querySelector('time')?.getAttribute('datetime') ?? '';
          resolve({ shownAt: Date.now(), time });
          return true;
        };
        if (seen()) return;
        const observer = new MutationObserver(() => {
          if (seen()) observer.disconnect();
        });
        observer.observe(document.body, { childList: true, subtree: true });
        setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the live feed did not list click ${count} within ${bound} ms`));
        }, bound);
      }),
    { count: n, bound: ARRIVAL_MS },
  );
}

test('a click reaches the live feed of the link page through Nginx', async ({ browser }) => {
  const { shortUrl, detailPath } = await shorten(page, `${TARGET}/live`, { title: 'Live one' });
  await page.goto(detailPath);
  const panel = page.getByRole('region', { name: 'Live clicks' });
  await panel.getByRole('button', { name: 'Watch live' }).click();
  // Open: the SSE answer's headers came through Nginx (the feed reads new clicks from here on).
  await expect(panel.getByRole('status')).toHaveText('Live', { timeout: ARRIVAL_MS });

  // Another browser (no session) follows the short link, three times, one after the other.
  const visitors = await browser.newContext({
    userAgent: FIREFOX_LINUX,
    extraHTTPHeaders: { [GEO]: 'NL,Amsterdam' },
  });
  const samples: { fromRedirect: number; fromVisit: number }[] = [];
  try {
    for (let n = 1; n <= 3; n += 1) {
      const shown = nthClickShown(page, n);
      const visitor = await visitors.newPage();
      const visitedAt = Date.now();
      await visitor.goto(shortUrl);
      await expect(visitor.getByRole('heading', { name: 'Landed on /live' })).toBeVisible();
      const { shownAt, time } = await shown;
      const redirectedAt = Date.parse(time);
      expect(redirectedAt, `the click's time (${time}) is a time`).not.toBeNaN();
      samples.push({ fromRedirect: shownAt - redirectedAt, fromVisit: shownAt - visitedAt });
      await visitor.close();
    }
  } finally {
    await visitors.close();
  }
  await expect(panel.getByTestId('live-count')).toHaveText('3');
  const newest = panel.getByRole('list', { name: 'Latest clicks' }).getByRole('listitem');
  await expect(newest).toHaveCount(3);
  await expect(newest.first()).toContainText('NL');
  await expect(newest.first()).toContainText('Firefox');
  await expectAccessible(page, 'link page with the live feed');

  // Reported, not asserted (no timing assertions): docs/performance.md records the figure.
  const fromRedirect = samples.map((s) => s.fromRedirect);
  const fromVisit = samples.map((s) => s.fromVisit);
  const description =
    `redirect → shown in the feed: ${fromRedirect.join(', ')} ms ` +
    `(max ${Math.max(...fromRedirect)} ms; the issue's target is 2000 ms); ` +
    `visitor's navigation start → shown: ${fromVisit.join(', ')} ms`;
  test.info().annotations.push({ type: 'live latency', description });
  console.log(`[live latency] ${description}`);
});

interface Visit {
  country: string;
  userAgent: string;
  language: string;
  referer?: string;
}

// Six visits over three countries and three browsers: every filter below has its own answer.
const VISITS: Visit[] = [
  ...Array<Visit>(2).fill({
    country: 'DE,Berlin',
    userAgent: FIREFOX_LINUX,
    language: 'de-DE,de;q=0.9',
    referer: 'https://news.example.org/today',
  }),
  {
    country: 'DE,Hamburg',
    userAgent: CHROME_WINDOWS,
    language: 'de-DE',
    referer: 'https://social.example.net/post/1',
  },
  ...Array<Visit>(2).fill({
    country: 'FR,Paris',
    userAgent: CHROME_WINDOWS,
    language: 'fr-FR',
    referer: 'https://social.example.net/post/2',
  }),
  { country: 'US,New York', userAgent: SAFARI_IPHONE, language: 'en-US' },
];
const count = (match: (v: Visit) => boolean) => VISITS.filter(match).length;
const inDE = (v: Visit) => v.country.startsWith('DE,');
const inFR = (v: Visit) => v.country.startsWith('FR,');
const onChrome = (v: Visit) => v.userAgent === CHROME_WINDOWS;

/** Each visit as its own client (user agent, country header, language, referrer). */
async function visitAll(shortUrl: string): Promise<void> {
  for (const visit of VISITS) {
    const client = await request.newContext({
      userAgent: visit.userAgent,
      extraHTTPHeaders: {
        [GEO]: visit.country,
        'Accept-Language': visit.language,
        ...(visit.referer ? { Referer: visit.referer } : {}),
      },
    });
    const answer = await client.get(shortUrl, { maxRedirects: 0 });
    expect(answer.status(), `a redirect for ${visit.country}`).toBe(302);
    expect(answer.headers()['location']).toBe(`${TARGET}/sliced`);
    await client.dispose();
  }
}

/** The page shows exactly these chips, in this order, each with its remove button. */
async function expectChips(p: Page, names: readonly string[]): Promise<void> {
  const chips = p.getByRole('list', { name: 'Filters' }).getByRole('listitem');
  await expect(chips).toHaveCount(names.length);
  for (const [i, name] of names.entries()) {
    await expect(chips.nth(i)).toContainText(name);
    await expect(chips.nth(i).getByRole('button')).toHaveAccessibleName(`Remove filter: ${name}`);
  }
}
const total = (p: Page) => p.getByTestId('count-total');

test('a breakdown row adds a filter chip; the URL carries it; the totals follow', async () => {
  const { shortUrl, detailPath } = await shorten(page, `${TARGET}/sliced`, { title: 'Sliced' });
  await visitAll(shortUrl);
  await page.goto(detailPath);
  await expect(async () => {
    await page.reload();
    await expect(total(page)).toHaveText(String(VISITS.length), { timeout: 1_000 });
  }).toPass({ timeout: COUNTED_MS });
  await expectChips(page, []);

  await page.getByRole('button', { name: 'Only Countries: DE' }).click();
  await expectChips(page, ['Country is DE']);
  await expect(page).toHaveURL(/[?&]country=DE(&|$)/);
  await expect(total(page)).toHaveText(String(count(inDE)));
  // The breakdowns are the filtered ones too: France is gone from the countries.
  await expect(page.getByRole('button', { name: 'Only Countries: FR' })).toHaveCount(0);

  // A second dimension narrows further (every filter holds).
  await page.getByRole('button', { name: 'Only Browsers: Chrome' }).click();
  await expectChips(page, ['Country is DE', 'Browser is Chrome']);
  await expect(page).toHaveURL(/[?&]browser=Chrome(&|$)/);
  await expect(total(page)).toHaveText(String(count((v) => inDE(v) && onChrome(v))));
  await expectAccessible(page, 'link analytics with filter chips');
});

test('the filtered URL, opened in another browser, shows the same view', async ({ browser }) => {
  const shared = page.url();
  expect(shared).toMatch(/country=DE/);
  const other = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const colleague = await other.newPage();
    // Without a session the URL leads to the login, which leads back to the same view.
    await colleague.goto(shared);
    await expect(colleague).toHaveURL(/\/app\/login\?next=/);
    await colleague.getByLabel('Email').fill(email);
    await colleague.getByLabel('Password').fill(PASSWORD);
    await colleague.getByRole('button', { name: 'Log in' }).click();
    await expect(colleague).toHaveURL(shared);
    await expectChips(colleague, ['Country is DE', 'Browser is Chrome']);
    await expect(total(colleague)).toHaveText(String(count((v) => inDE(v) && onChrome(v))));
  } finally {
    await other.close();
  }
});

test('removing a chip restores the totals it had narrowed', async () => {
  await page.getByRole('button', { name: 'Remove filter: Country is DE' }).click();
  await expectChips(page, ['Browser is Chrome']);
  await expect(page).not.toHaveURL(/country=/);
  await expect(total(page)).toHaveText(String(count(onChrome)));

  await page.getByRole('button', { name: 'Remove filter: Browser is Chrome' }).click();
  await expectChips(page, []);
  await expect(page).not.toHaveURL(/browser=/);
  await expect(total(page)).toHaveText(String(VISITS.length));
});

test('"not": excluding a row counts every other visit', async () => {
  await page.getByRole('button', { name: 'Exclude Countries: FR' }).click();
  await expectChips(page, ['Country is not FR']);
  await expect(page).toHaveURL(/[?&]country=(!|%21)FR(&|$)/);
  await expect(total(page)).toHaveText(String(count((v) => !inFR(v))));
  await expect(page.getByRole('button', { name: 'Only Countries: FR' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectChips(page, []);
  await expect(total(page)).toHaveText(String(VISITS.length));
});
