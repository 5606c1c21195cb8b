import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const TARGET = process.env.FLAMINGO_E2E_TARGET ?? '';
/** The launcher's mailbox (tests/e2e/mailbox.py): what the backend mailed, by recipient. */
export const MAILBOX = process.env.FLAMINGO_E2E_MAILBOX ?? '';
export const PASSWORD = 'correct horse battery 9';

export function uniqueEmail(prefix = 'e2e'): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** axe-core finds no WCAG 2.1 A/AA violation, in the light and the dark theme. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const violations = result.violations.map(
      (v) =>
        `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(violations, `${what} in ${colorScheme} mode`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Nothing is wider than the viewport (usable from 360 px). */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

export async function signUp(page: Page, email: string): Promise<void> {
  await page.goto('/app/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { name: 'Shorten a link' })).toBeVisible();
}

/** Submits the login form; the caller checks where it lands (or the error it shows). */
export async function submitLogin(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/app/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Creates a link through the shorten form; returns its short URL and detail page path. */
export async function shorten(
  page: Page,
  target: string,
  options: { password?: string; title?: string } = {},
): Promise<{ shortUrl: string; detailPath: string }> {
  await page.goto('/app/');
  await page.getByLabel('Long URL').fill(target);
  if (options.password || options.title) {
    await page.getByText('More options').click();
    if (options.title) await page.getByLabel('Title').fill(options.title);
    if (options.password) await page.getByLabel('Password').fill(options.password);
  }
  await page.getByRole('button', { name: 'Shorten' }).click();
  const link = page.getByTestId('short-url');
  await expect(link).toBeVisible();
  const shortUrl = (await link.textContent()) ?? '';
  const detail = page.getByRole('link', { name: 'Edit and see analytics' });
  const detailPath = (await detail.getAttribute('href')) ?? '';
  return { shortUrl, detailPath };
}

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** The link of the newest verification mail sent to `email` (waits for it to arrive). */
export async function verificationLink(email: string): Promise<string> {
  expect(MAILBOX, 'the launcher passes its mailbox').not.toBe('');
  let link = '';
  await expect
    .poll(async () => {
      const answer = await fetch(`${MAILBOX}/messages?to=${encodeURIComponent(email)}`);
      const mails = (await answer.json()) as Mail[];
      const found = mails
        .filter((m) => m.subject === 'Confirm your email address for Flamingo')
        .map((m) => /https?:\/\/\S+\/app\/verify-email\/flv_[A-Za-z0-9_-]+/.exec(m.text)?.[0])
        .filter((l): l is string => Boolean(l));
      link = found.at(-1) ?? '';
      return link;
    }, `a verification mail to ${email}`)
    .not.toBe('');
  return link;
}
