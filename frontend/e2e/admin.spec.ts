// An administrator (created by the launcher with `flamingo create-admin`) sees every user and
// link, disables someone's link, and manages the domain blocklist.
import { expect, test } from '@playwright/test';
import { expectAccessible, shorten, signUp, TARGET, uniqueEmail } from './support';

const ADMIN_EMAIL = process.env.FLAMINGO_E2E_ADMIN_EMAIL ?? '';
const ADMIN_PASSWORD = process.env.FLAMINGO_E2E_ADMIN_PASSWORD ?? '';

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
  await expect(userPage.getByTestId('not-found')).toBeVisible();

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await page.goto('/app/login');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(userEmail) })).toBeVisible();
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
