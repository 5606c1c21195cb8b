// Issue 13 in the browser: an administrator adds a branded domain, creates a link with a redirect
// rule on it and an A/B split link, and each short URL is followed with the conditions sent by
// the test (Host, Accept-Language, User-Agent), without following the redirect.
import { request as httpRequest } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, submitLogin, TARGET } from './support';

const ADMIN_EMAIL = process.env.FLAMINGO_E2E_ADMIN_EMAIL ?? '';
const ADMIN_PASSWORD = process.env.FLAMINGO_E2E_ADMIN_PASSWORD ?? '';
const BASE = process.env.FLAMINGO_E2E_BASE_URL ?? '';

interface Followed {
  status: number;
  location: string | undefined;
}

/**
 * GET `path` from the stack's Nginx with these headers, the redirect not followed. Plain
 * node:http, so the `Host` header is exactly the one given (a second domain on the same address).
 */
function follow(path: string, headers: Record<string, string>): Promise<Followed> {
  const base = new URL(BASE);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: base.hostname, port: base.port, path, method: 'GET', headers },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function createFromShortenPage(page: Page, fill: () => Promise<void>): Promise<string> {
  await page.goto('/app/');
  await expect(page.getByRole('heading', { name: 'Shorten a link' })).toBeVisible();
  await fill();
  await page.getByRole('button', { name: 'Shorten' }).click();
  const link = page.getByTestId('short-url');
  await expect(link).toBeVisible();
  return (await link.textContent()) ?? '';
}

test('admin: a branded domain, a ruled link on it and an A/B split, each followed', async ({
  page,
}) => {
  expect(ADMIN_EMAIL, 'the launcher creates the admin').not.toBe('');
  const host = `go-${Date.now().toString(36)}.e2e-brand.example`;
  await submitLogin(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page
    .getByRole('navigation', { name: 'Admin' })
    .getByRole('link', { name: 'Domains' })
    .click();
  await expect(page.getByRole('heading', { name: 'Domains', level: 1 })).toBeVisible();

  // A bad host is refused next to its field (the API's `invalid-host`).
  await page.getByLabel('Host').fill('127.0.0.1');
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByLabel('Host')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('an IP address cannot be a short domain')).toBeVisible();

  await page.getByLabel('Host').fill(host);
  await page.getByLabel('Not-found redirect').fill(`${TARGET}/brand-not-found`);
  await page.getByRole('button', { name: 'Add domain' }).click();
  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: host }) });
  await expect(item).toBeVisible();
  await expect(item).toContainText(`${TARGET}/brand-not-found`);
  await expectAccessible(page, 'domains page');
  // The domain's own not-found redirect answers for an unknown code on it.
  const unknown = await follow('/no-such-code-e2e', { Host: host });
  expect(unknown).toEqual({ status: 302, location: `${TARGET}/brand-not-found` });

  // A link on the new domain with a rule: German speakers go elsewhere.
  const ruledUrl = await createFromShortenPage(page, async () => {
    await page.getByLabel('Domain', { exact: true }).selectOption(host);
    await page.getByLabel('Long URL').fill(`${TARGET}/everyone`);
    await page.getByText('Redirect rules and A/B split').click();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    const rule = page.getByRole('group', { name: 'Rule 1' });
    await rule.getByLabel('Languages').fill('de');
    await rule.getByLabel('Send to').fill(`${TARGET}/deutsch`);
    await expectAccessible(page, 'link form with a rule');
  });
  const ruled = new URL(ruledUrl);
  expect(ruled.hostname).toBe(host);
  const ruledPath = ruled.pathname;
  expect(await follow(ruledPath, { Host: host, 'Accept-Language': 'de-CH, de;q=0.9' })).toEqual({
    status: 302,
    location: `${TARGET}/deutsch`,
  });
  expect(
    await follow(ruledPath, { Host: host, 'Accept-Language': 'fr-FR, en;q=0.8, de;q=0' }),
  ).toEqual({ status: 302, location: `${TARGET}/everyone` });
  // The code lives on the branded domain only: the default domain has no such link.
  expect((await follow(ruledPath, { Host: new URL(BASE).host })).status).toBe(404);

  // A 1:3 split on the default domain; the form shows each share.
  const splitUrl = await createFromShortenPage(page, async () => {
    await page.getByLabel('Long URL').fill(`${TARGET}/split-fallback`);
    await page.getByText('Redirect rules and A/B split').click();
    await page.getByRole('button', { name: 'Split between targets' }).click();
    await page.getByLabel('URL of variant 1').fill(`${TARGET}/variant-a`);
    await page.getByLabel('URL of variant 2').fill(`${TARGET}/variant-b`);
    await page.getByLabel('Weight of variant 2').fill('3');
    await expect(page.getByTestId('variant-share-0')).toHaveText('25 % of visitors');
    await expect(page.getByTestId('variant-share-1')).toHaveText('75 % of visitors');
  });
  const splitPath = new URL(splitUrl).pathname;
  const seen = new Map<string, string>();
  for (let i = 0; i < 40; i++) {
    const ua = `e2e-visitor/${i}`;
    const got = await follow(splitPath, { Host: new URL(BASE).host, 'User-Agent': ua });
    expect(got.status).toBe(302);
    seen.set(ua, got.location ?? '');
  }
  const locations = new Set(seen.values());
  // Both variants are served (all 40 on one side has a chance below 1e-4), and nothing else.
  expect([...locations].sort()).toEqual([`${TARGET}/variant-a`, `${TARGET}/variant-b`]);
  // Sticky: the same visitor gets the same variant again.
  for (const [ua, location] of [...seen].slice(0, 5)) {
    const again = await follow(splitPath, { Host: new URL(BASE).host, 'User-Agent': ua });
    expect(again.location).toBe(location);
  }

  // The link's analytics list the split's variants.
  await page.getByRole('link', { name: 'Edit and see analytics' }).click();
  const perVariant = page.getByRole('table', { name: 'Clicks per variant' });
  await expect(perVariant).toBeVisible();
  await expect(perVariant.getByRole('row')).toHaveCount(3);
  await expect(perVariant).toContainText(`${TARGET}/variant-b`);

  // The domain still has a link: deleting it is refused, and the page says why.
  await page.goto('/app/admin/domains');
  const again = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: host }) });
  await again.getByRole('button', { name: 'Delete' }).click();
  await again.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(again.getByRole('alert')).toContainText('still has links');

  // The unknown code visited on the branded domain shows up as an orphan visit (counted by the
  // worker, so it may take a moment).
  await page
    .getByRole('navigation', { name: 'Admin' })
    .getByRole('link', { name: 'Orphan visits' })
    .click();
  const top = page.getByRole('table', { name: 'Most visited unknown codes' });
  await expect(async () => {
    await page.reload();
    await expect(top.getByRole('row', { name: /no-such-code-e2e/ })).toContainText(host, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page, 'orphan visits page');
});
