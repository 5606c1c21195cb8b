// Issue 22, items 4 and 17, in the browser: a password link keeps the visit. The visitor comes
// from another site with a query string; after the password, the target gets the query
// (forward_query), a rule on the query matches, and the click is counted with the visitor's
// referrer (not our unlock page). The unlock page of an unknown code says there is no link.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signUp, TARGET, uniqueEmail } from './support';

const PASSWORD = 'open sesame';
const FROM = 'https://news.example/issue/7';

interface Created {
  id: string;
  code: string;
  short_url: string;
}

/** Creates a link through the API with the signed-in session (and its CSRF token). */
async function createLink(page: Page, body: Record<string, unknown>): Promise<Created> {
  const answer = await page.evaluate(async (payload) => {
    const csrf = /(?:^|; )flamingo_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
    const response = await fetch('/api/v1/links', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
      body: JSON.stringify(payload),
    });
    return { status: response.status, body: (await response.json()) as Created };
  }, body);
  expect(answer.status).toBe(201);
  return answer.body;
}

async function unlockAs(visitor: Page, url: string): Promise<void> {
  await visitor.goto(url, { referer: FROM });
  await expect(visitor).toHaveURL(/\/app\/unlock\/[A-Za-z0-9_-]+\?visit=/);
  await expect(visitor.getByRole('heading', { name: 'This link is protected' })).toBeVisible();
  await visitor.getByLabel('Password').fill(PASSWORD);
  await visitor.getByRole('button', { name: 'Continue' }).click();
}

test('a password link keeps the visit: query, rule and referrer', async ({ page, context }) => {
  await signUp(page, uniqueEmail('unlock'));
  const forwarding = await createLink(page, {
    target: `${TARGET}/page`,
    password: PASSWORD,
    forward_query: true,
  });
  const ruled = await createLink(page, {
    target: `${TARGET}/page`,
    password: PASSWORD,
    rules: [{ if: { query: { utm_source: 'nl' } }, target: `${TARGET}/newsletter` }],
  });

  const visitor = await context.newPage();
  await unlockAs(visitor, `${forwarding.short_url}?utm_source=nl&utm_medium=mail`);
  await visitor.waitForURL(`${TARGET}/page?utm_source=nl&utm_medium=mail`);
  await expect(
    visitor.getByRole('heading', { name: 'Landed on /page?utm_source=nl&utm_medium=mail' }),
  ).toBeVisible();

  await unlockAs(visitor, `${ruled.short_url}?utm_source=nl`);
  await visitor.waitForURL(`${TARGET}/newsletter`);
  await visitor.close();

  // The click worker counts it with the visit's referrer host.
  await expect
    .poll(
      async () => {
        const stats = await page.evaluate(async (id) => {
          const response = await fetch(`/api/v1/links/${id}/stats`);
          return (await response.json()) as { referrers: { key: string; count: number }[] };
        }, forwarding.id);
        return stats.referrers.map((row) => row.key);
      },
      { timeout: 20_000 },
    )
    .toEqual(['news.example']);
});

test('the unlock page of an unknown code says there is no link', async ({ page }) => {
  await page.goto('/app/unlock/Nope1234567');
  await expect(page.getByRole('heading', { name: 'Link not found' })).toBeVisible();
  await expect(page.getByTestId('unlock-not-found')).toContainText('/Nope1234567');
  await expect(page.getByLabel('Password')).toHaveCount(0);
  await expectAccessible(page, 'unlock page of an unknown code');
});
