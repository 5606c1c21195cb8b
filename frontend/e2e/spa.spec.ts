// Issue 22's SPA items, each as a person meets it in Chromium: the CSV import keeps a row's
// password, the link page opens on its analytics, the links list shows clicks and states, the
// phone navigation fits 360 px, the audit log names people, controls that can only fail are
// gone (with the reason), and an unknown address says "Page not found".
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, shorten, signUp, submitLogin, TARGET, uniqueEmail } from './support';

const ADMIN_EMAIL = process.env.FLAMINGO_E2E_ADMIN_EMAIL ?? '';
const ADMIN_PASSWORD = process.env.FLAMINGO_E2E_ADMIN_PASSWORD ?? '';

// One user for the whole file (signups are rate-limited per IP: the suite stays under it).
test.describe.configure({ mode: 'serial' });
let userContext: BrowserContext;
let userPage: Page;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  userContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  userPage = await userContext.newPage();
  await signUp(userPage, uniqueEmail('spa'));
});

test.afterAll(async () => {
  await userContext.close();
});

/** The file's user, at `viewport`. */
async function user(viewport = { width: 1366, height: 900 }) {
  await userPage.setViewportSize(viewport);
  return { context: userContext, page: userPage };
}

async function asAdmin(browser: Browser, viewport = { width: 1366, height: 900 }) {
  expect(ADMIN_EMAIL, 'the launcher creates the admin').not.toBe('');
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await submitLogin(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Shorten a link' })).toBeVisible();
  return { context, page };
}

/** The page scrolls only downwards: nothing is wider than the window. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.scrollingElement?.scrollWidth ?? 0,
    inner: window.innerWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
}

/** Fully inside the window, horizontally (reachable without scrolling sideways). */
async function expectWithinWidth(page: Page, locator: ReturnType<Page['locator']>) {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, 'the element is rendered').not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
}

test('CSV import: a row with a password becomes a protected link', async () => {
  const { context, page } = await user();
  await page.goto('/app/import');
  await expect(page.getByTestId('import-help')).toContainText('| or ,');
  const csv = [
    'target,title,tags,password',
    `${TARGET}/imported-locked,Imported locked,"e2e-import|locked",open sesame 22`,
    `${TARGET}/imported-open,Imported open,e2e-import,`,
  ].join('\n');
  await page.getByLabel('CSV file').setInputFiles({
    name: 'links.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: 'Import 2 links' }).click();
  await expect(page.getByTestId('import-status')).toHaveText(
    '2 of 2 rows processed — 2 created, 0 failed',
  );
  await page.goto('/app/links?tag=locked');
  const row = page.getByTestId('link-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByText('Password', { exact: true })).toBeVisible();
  const shortUrl = (await row.getByRole('link', { name: /^http/ }).textContent()) ?? '';
  const visitor = await context.newPage();
  await visitor.goto(shortUrl);
  await expect(visitor).toHaveURL(/\/app\/unlock\/[A-Za-z0-9_-]+$/);
  await visitor.getByLabel('Password').fill('open sesame 22');
  await visitor.getByRole('button', { name: 'Continue' }).click();
  await visitor.waitForURL(`${TARGET}/imported-locked`);
  // An unknown column refuses the whole file, naming it.
  await page.goto('/app/import');
  await page.getByLabel('CSV file').setInputFiles({
    name: 'typo.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`target,pasword\n${TARGET}/x,secret\n`),
  });
  await expect(page.getByText(/unknown column\(s\): pasword/)).toBeVisible();
  await visitor.close();
});

for (const viewport of [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`the link page shows Analytics in the first screen at ${viewport.width}×${viewport.height}`, async () => {
    const { page } = await user(viewport);
    const { detailPath } = await shorten(page, `${TARGET}/analytics-first`, { title: 'First' });
    await page.goto(detailPath);
    const heading = page.getByRole('heading', { name: 'Analytics' });
    await expect(heading).toBeVisible();
    const box = await heading.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(viewport.height);
    // Editing has its own page.
    await expect(page.getByLabel('Target URL')).toHaveCount(0);
    await page.getByRole('link', { name: 'Edit link' }).click();
    await expect(page.getByLabel('Target URL')).toHaveValue(`${TARGET}/analytics-first`);
    await expectAccessible(page, 'link edit page');
  });
}

test('the links list shows clicks, creation date and state, and sorts by clicks', async () => {
  const { page } = await user();
  const quiet = await shorten(page, `${TARGET}/quiet`, { title: 'Quiet one' });
  const busy = await shorten(page, `${TARGET}/busy`, { title: 'Busy one' });
  await shorten(page, `${TARGET}/newest`, { title: 'Newest one' });
  for (let i = 0; i < 2; i++) {
    expect((await page.request.get(busy.shortUrl, { maxRedirects: 0 })).status()).toBe(302);
  }
  const busyRow = page.getByTestId('link-row').filter({ hasText: 'Busy one' });
  await expect(async () => {
    await page.goto('/app/links');
    await expect(busyRow.getByTestId('link-clicks')).toHaveText('2 clicks', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(busyRow.getByTestId('link-meta')).toContainText('2 in the last 7 days');
  await expect(busyRow.getByTestId('link-meta')).toContainText(/Created \w+/);
  await expect(busyRow.getByTestId('link-state')).toHaveText('Active');
  // Newest first by default; most clicked first on request.
  await expect(page.getByTestId('link-row').first()).toContainText('Newest one');
  await page.getByLabel('Order').selectOption({ label: 'Most clicked first' });
  await expect(page).toHaveURL(/sort=clicks/);
  await expect(page.getByTestId('link-row').first()).toContainText('Busy one');
  // A disabled link says so; three links fit one page: no pager.
  const quietRow = page.getByTestId('link-row').filter({ hasText: 'Quiet one' });
  await quietRow.getByRole('button', { name: 'Disable Quiet one' }).click();
  await expect(quietRow.getByTestId('link-state')).toHaveText('Disabled');
  await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
  expect(quiet.detailPath).toMatch(/^\/app\/links\//);
  await expectAccessible(page, 'links list with states');
});

test('at 360×740 every navigation item is reachable and nothing scrolls sideways', async ({
  browser,
}) => {
  const { context, page } = await asAdmin(browser, { width: 360, height: 740 });
  await expectNoSidewaysScroll(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = nav.getByRole('button', { name: 'Menu' });
  await expectWithinWidth(page, menu);
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const items = [
    nav.getByLabel('Workspace'),
    ...['Shorten', 'Links', 'Overview', 'Import', 'Members', 'API tokens', 'Admin'].map((name) =>
      nav.getByRole('link', { name, exact: true }),
    ),
    nav.getByRole('button', { name: 'Log out' }),
  ];
  for (const item of items) {
    await expect(item).toBeVisible();
    await expectWithinWidth(page, item);
  }
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'open menu at 360 px');
  // It closes on navigation, and the admin tables fit too, their buttons included.
  await nav.getByRole('link', { name: 'Admin', exact: true }).click();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(page.getByRole('main').getByText(ADMIN_EMAIL).first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  const firstToggle = page.getByRole('button', { name: /^(Disable|Enable) / }).first();
  await expect(firstToggle).toBeVisible();
  await expectWithinWidth(page, firstToggle);
  for (const path of ['/app/links', '/app/tokens', '/app/workspace', '/app/admin/audit']) {
    await page.goto(path);
    await expect(page.locator('h1').first()).toBeVisible();
    await expectNoSidewaysScroll(page);
  }
  await context.close();
});

test('the audit log names people and links, readable on a phone', async ({ browser }) => {
  const { context, page } = await asAdmin(browser, { width: 390, height: 844 });
  await shorten(page, `${TARGET}/audited`, { title: 'Audited' });
  await page.goto('/app/admin/audit');
  const row = page.getByRole('row').filter({ hasText: 'link.create' }).first();
  await expect(row).toContainText(ADMIN_EMAIL);
  await expect(row).toContainText(/\/[A-Za-z0-9_-]+/); // the link's host/code
  // No 24-character id is shown as the actor or the target.
  expect(await row.innerText()).not.toMatch(/\b[0-9a-f]{24}\b/);
  await expectNoSidewaysScroll(page);
  // Not one character per line: the actor's email keeps most of the row's width.
  const email = row.getByText(ADMIN_EMAIL);
  const box = await email.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(150);
  await expectAccessible(page, 'audit log at 390 px');
  await context.close();
});

test('controls that can only fail are not offered, and the page says why', async ({ browser }) => {
  const owner = await user();
  const { shortUrl } = await shorten(owner.page, `${TARGET}/moderated-22`, { title: 'Mod 22' });
  // The sole owner of a workspace has no role menu.
  await owner.page.goto('/app/workspace');
  await expect(
    owner.page.getByText('The only owner: make another member owner first.'),
  ).toBeVisible();
  await expect(owner.page.getByRole('combobox', { name: /^Role of/ })).toHaveCount(0);

  const admin = await asAdmin(browser);
  await admin.page.goto('/app/admin');
  // No Disable on the admin's own row.
  const own = admin.page.getByRole('row', {
    name: new RegExp(`^${ADMIN_EMAIL.replace(/[.]/g, '\\.')}`),
  });
  await expect(own).toContainText('You cannot disable your own account.');
  await expect(own.getByRole('button')).toHaveCount(0);
  // The admin disables the owner's link: the owner is offered no Enable, and told why.
  const code = shortUrl.split('/').pop() ?? '';
  await admin.page.getByLabel('Search all links').fill('Mod 22');
  await admin.page.getByRole('button', { name: 'Search' }).click();
  // Until the search answers, the previous page stays on screen (keepPreviousData) with the same
  // row in it: a click there can land on a row React is replacing. Wait for the one result.
  const results = admin.page.getByRole('table', { name: 'All links' }).getByRole('row');
  await expect(results).toHaveCount(2); // the header and the link
  await admin.page.getByRole('button', { name: `Disable ${code}` }).click();
  await expect(admin.page.getByRole('button', { name: `Enable ${code}` })).toBeVisible();
  await owner.page.goto('/app/links?q=Mod%2022');
  const row = owner.page.getByTestId('link-row');
  await expect(row.getByTestId('link-state')).toHaveText('Disabled by an admin');
  await expect(row.getByRole('button', { name: /^Enable/ })).toHaveCount(0);
  await expect(row).toContainText('Only an administrator can enable it.');
  // No Delete on the default domain.
  await admin.page.goto('/app/admin/domains');
  const defaultDomain = admin.page.getByRole('listitem').filter({ hasText: 'default' }).first();
  await expect(defaultDomain).toContainText('cannot be deleted');
  await expect(defaultDomain.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await admin.context.close();
});

test('an unknown address of the SPA says "Page not found"', async ({ page }) => {
  await page.goto('/app/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('Link not found')).toHaveCount(0);
  await expectAccessible(page, 'page not found');
});
