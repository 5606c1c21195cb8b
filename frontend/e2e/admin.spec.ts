// An administrator (created by the launcher with `flamingo create-admin`) sees every user and
// link, disables someone's link, manages the domain blocklist, and disables and re-enables a user.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, shorten, signUp, submitLogin, TARGET, uniqueEmail } from './support';

const ADMIN_EMAIL = process.env.FLAMINGO_E2E_ADMIN_EMAIL ?? '';
const ADMIN_PASSWORD = process.env.FLAMINGO_E2E_ADMIN_PASSWORD ?? '';

async function openAdminPage(page: Page): Promise<void> {
  await submitLogin(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
}

test('admin: users, all links, blocklist', async ({ browser }) => {
  expect(ADMIN_EMAIL, 'the launcher creates the admin').not.toBe('');
  // A user with a link, in their own browser context.
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  const userEmail = uniqueEmail('owner');
  await signUp(userPage, userEmail);
  const { shortUrl } = await shorten(userPage, `${TARGET}/moderated`, { title: 'Moderated' });
  // A plain user has no admin page.
  await userPage.goto('/app/admin');
  await expect(userPage.getByTestId('page-not-found')).toBeVisible();

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await openAdminPage(page);
  // The users table's row (the links table names owners by email too, later in its rows).
  await expect(page.getByRole('row', { name: new RegExp(`^${userEmail}`) })).toBeVisible();
  await expectAccessible(page, 'admin page');

  // Disable the user's link: its short URL answers 410.
  const code = shortUrl.split('/').pop() ?? '';
  await page.getByLabel('Search all links').fill('Moderated');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row', { name: new RegExp(code) });
  await row.getByRole('button', { name: `Disable ${code}` }).click();
  await expect(row.getByRole('button', { name: `Enable ${code}` })).toBeVisible();
  expect((await page.request.get(shortUrl, { maxRedirects: 0 })).status()).toBe(410);

  // Block a domain: new links to it (and its subdomains) are refused, next to the field.
  await page.getByLabel('Domain', { exact: true }).fill('blocked-e2e.example');
  await page.getByRole('button', { name: 'Block' }).click();
  await expect(page.getByText('blocked-e2e.example', { exact: true })).toBeVisible();
  await userPage.goto('/app/');
  await userPage.getByLabel('Long URL').fill('https://www.blocked-e2e.example/x');
  await userPage.getByRole('button', { name: 'Shorten' }).click();
  await expect(userPage.getByLabel('Long URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(userPage.getByText(/blocklist/)).toBeVisible();

  await userContext.close();
  await adminContext.close();
});

test('admin: a disabled user cannot log in until enabled again', async ({ browser }) => {
  expect(ADMIN_EMAIL, 'the launcher creates the admin').not.toBe('');
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  const userEmail = uniqueEmail('disabled');
  await signUp(userPage, userEmail);

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await openAdminPage(page);
  const row = page.getByRole('row', { name: new RegExp(`^${userEmail}`) });
  await row.getByRole('button', { name: `Disable ${userEmail}` }).click();
  await expect(row.getByRole('button', { name: `Enable ${userEmail}` })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Still disabled when the page is loaded afresh (the server changed, not only the button).
  await page.reload();
  await expect(row.getByRole('button', { name: `Enable ${userEmail}` })).toBeVisible();

  // The user's session has ended, and logging in again is refused.
  await userPage.goto('/app/links');
  await expect(userPage).toHaveURL(/\/app\/login\?next=/);
  await submitLogin(userPage, userEmail);
  await expect(userPage.getByRole('alert')).toContainText(/invalid email or password/i);
  await expect(userPage).toHaveURL(/\/app\/login/);

  // Enabled again: the same credentials work.
  await row.getByRole('button', { name: `Enable ${userEmail}` }).click();
  await expect(row.getByRole('button', { name: `Disable ${userEmail}` })).toBeVisible();
  await submitLogin(userPage, userEmail);
  await expect(userPage.getByRole('heading', { name: 'Shorten a link' })).toBeVisible();
  await expect(userPage.getByRole('button', { name: 'Log out' })).toBeVisible();

  await userContext.close();
  await adminContext.close();
});
