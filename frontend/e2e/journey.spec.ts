// The scenario, in order, as one user in one browser: sign up → shorten → visit the short
// link → the click shows in analytics once the worker has flushed → edit the target and the
// redirect follows → password-protected link unlock → API token create and revoke → bulk CSV
// import → log out. axe-core checks every page on the way.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import {
  expectAccessible,
  expectNoHorizontalScroll,
  shorten,
  signUp,
  TARGET,
  uniqueEmail,
} from './support';

test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
let shortUrl = '';
let detailPath = '';

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  expect(TARGET, 'the launcher passes the target site').not.toBe('');
  context = await browser.newContext();
  page = await context.newPage();
  // A CSP violation (an inline script or style the policy refuses) shows up as a console error.
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});

test.afterAll(async () => {
  await context.close();
});

test('sign up', async () => {
  await page.goto('/app/signup');
  await expectAccessible(page, 'signup page');
  await signUp(page, uniqueEmail());
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  // The footer names the backend that answered (blue/green).
  await expect(page.getByTestId('backend-version')).toContainText('0.0.0-e2e');
  await expect(page.getByTestId('backend-version')).toContainText('e2e012345678');
});

test('shorten a URL: short link, copy button and QR code', async () => {
  ({ shortUrl, detailPath } = await shorten(page, `${TARGET}/first`));
  expect(shortUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole('button', { name: `Copy ${shortUrl}` })).toBeVisible();
  const qr = page.getByRole('img', { name: `QR code for ${shortUrl}` });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expectAccessible(page, 'shorten page with a result');
});

test('visiting the short link follows the redirect', async () => {
  const visitor = await context.newPage();
  await visitor.goto(shortUrl);
  expect(visitor.url()).toBe(`${TARGET}/first`);
  await expect(visitor.getByRole('heading', { name: 'Landed on /first' })).toBeVisible();
  await visitor.close();
});

test('the click appears in the analytics once the worker has flushed', async () => {
  await page.goto(detailPath);
  await expect(page.getByRole('heading', { name: 'Analytics' })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('count-total')).toHaveText('1', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('img', { name: /Clicks per day .* 1 in total/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
    'href',
    /\/api\/v1\/links\/[^/]+\/stats\.csv\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/,
  );
  await expectAccessible(page, 'link detail page');

  // The account-wide overview counts it too, and lists the link among the most clicked.
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('overview-total')).toHaveText('1');
  await expect(page.getByTestId('top-links').getByRole('row')).toHaveCount(2);
  await expectAccessible(page, 'overview page');
});

test('editing the target moves the redirect at once', async () => {
  await page.goto(detailPath);
  await page.getByRole('link', { name: 'Edit link' }).click();
  await page.getByLabel('Target URL').fill(`${TARGET}/second`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const visitor = await context.newPage();
  await visitor.goto(shortUrl);
  expect(visitor.url()).toBe(`${TARGET}/second`);
  await visitor.close();
});

test('a password-protected link asks for the password, then redirects', async () => {
  const protectedLink = await shorten(page, `${TARGET}/secret`, { password: 'open sesame' });
  const visitor = await context.newPage();
  await visitor.goto(protectedLink.shortUrl);
  await expect(visitor).toHaveURL(/\/app\/unlock\/[A-Za-z0-9_-]+$/);
  await expect(visitor.getByRole('heading', { name: 'This link is protected' })).toBeVisible();
  await expectAccessible(visitor, 'unlock page');
  await visitor.getByLabel('Password').fill('wrong password');
  await visitor.getByRole('button', { name: 'Continue' }).click();
  await expect(visitor.getByText('That password is not right.')).toBeVisible();
  await visitor.getByLabel('Password').fill('open sesame');
  await visitor.getByRole('button', { name: 'Continue' }).click();
  await visitor.waitForURL(`${TARGET}/secret`);
  await expect(visitor.getByRole('heading', { name: 'Landed on /secret' })).toBeVisible();
  await visitor.close();
});

test('create an API token (shown once), use it, revoke it', async () => {
  await page.goto('/app/tokens');
  await expectAccessible(page, 'tokens page');
  await page.getByLabel('Name').fill('e2e script');
  await page.getByLabel('stats:read').check();
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('token-secret').textContent()) ?? '';
  expect(secret).toMatch(/^flm_/);
  const call = () =>
    page.request.get('/api/v1/links', { headers: { Authorization: `Bearer ${secret}` } });
  expect((await call()).status()).toBe(200);
  const row = page.getByRole('row', { name: /e2e script/ });
  await expect(row).toContainText('links:read, stats:read');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(page.getByRole('row', { name: /e2e script/ })).toHaveCount(0);
  expect((await call()).status()).toBe(401);
  // Shown once: a fresh page has no secret.
  await page.reload();
  await expect(page.getByTestId('token-secret')).toHaveCount(0);
});

test('bulk CSV import with a progress bar and per-row results', async () => {
  await page.goto('/app/import');
  await expectAccessible(page, 'import page');
  const csv = [
    'target,title,tags',
    `${TARGET}/bulk-1,Bulk one,bulk`,
    `${TARGET}/bulk-2,Bulk two,bulk|e2e`,
    'ftp://example.com/not-http,Bad one,bulk',
    `${TARGET}/bulk-3,Bulk three,bulk`,
  ].join('\n');
  await page.getByLabel('CSV file').setInputFiles({
    name: 'links.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: 'Import 4 links' }).click();
  await expect(page.getByTestId('import-status')).toHaveText(
    '4 of 4 rows processed — 3 created, 1 failed',
  );
  await expect(page.getByRole('progressbar')).toHaveAttribute('value', '4');
  const results = page.getByTestId('import-results');
  await expect(results.getByRole('row', { name: /ftp:\/\/example.com/ })).toContainText('✗');
  await expectAccessible(page, 'import page with results');

  // The links list finds them by tag and by search.
  await page.goto('/app/links?tag=bulk');
  await expect(page.getByTestId('link-row')).toHaveCount(3);
  await page.getByLabel('Search').fill('Bulk two');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('link-row')).toHaveCount(1);
  await expectAccessible(page, 'links list');
});

test('disable and delete from the links list', async () => {
  await page.goto('/app/links?q=Bulk%20three');
  const row = page.getByTestId('link-row');
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /^Disable/ }).click();
  await expect(row.getByTestId('link-state')).toHaveText('Disabled');
  const href = (await row.getByRole('link', { name: /^http/ }).getAttribute('href')) ?? '';
  const gone = await page.request.get(href, { maxRedirects: 0 });
  expect(gone.status()).toBe(410);
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByTestId('link-row')).toHaveCount(0);
  expect((await page.request.get(href, { maxRedirects: 0 })).status()).toBe(404);
});

test('404 page, keyboard use and a 360 px screen', async () => {
  await page.goto('/app/no/such/page');
  await expect(page.getByTestId('page-not-found')).toBeVisible();
  await expectAccessible(page, '404 page');
  // Keyboard: the first Tab reaches the skip link, Enter moves focus to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/app/', '/app/links', detailPath, '/app/tokens', '/app/import']) {
    await page.goto(path);
    await expect(page.locator('h1').first()).toBeVisible();
    await expectNoHorizontalScroll(page);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('no page broke the Content-Security-Policy', () => {
  const csp = consoleErrors.filter((text) => /Content Security Policy/i.test(text));
  expect(csp).toEqual([]);
});

test('log out', async () => {
  await page.goto('/app/links');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/app\/login$/);
  await expectAccessible(page, 'login page');
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  await page.goto('/app/links');
  await expect(page).toHaveURL(/\/app\/login\?next=%2Flinks$/);
});
