// Workspaces and roles, as two people in two browsers: A creates a shared workspace and invites
// B as a member → B signs up from the invitation link, cannot accept until they open the
// verification link mailed to them, then accepts and creates a link there → A sees
// it in that workspace → A makes B a viewer → B still sees the links but no create controls, and
// the API itself refuses B's link (403).
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import {
  expectAccessible,
  PASSWORD,
  shorten,
  signUp,
  TARGET,
  uniqueEmail,
  verificationLink,
} from './support';

test.describe.configure({ mode: 'serial' });

const emailA = uniqueEmail('owner');
const emailB = uniqueEmail('invitee');
const team = `Team ${Date.now()}`;
const title = `B's link in ${team}`;
let contextA: BrowserContext;
let contextB: BrowserContext;
let pageA: Page;
let pageB: Page;
let acceptLink = '';

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  expect(TARGET, 'the launcher passes the target site').not.toBe('');
  contextA = await browser.newContext();
  contextB = await browser.newContext();
  pageA = await contextA.newPage();
  pageB = await contextB.newPage();
});

test.afterAll(async () => {
  await contextA.close();
  await contextB.close();
});

test('A creates a shared workspace and invites B as a member', async () => {
  await signUp(pageA, emailA);
  await pageA.getByRole('link', { name: 'Members' }).click();
  await pageA.getByLabel('Name of the new workspace').fill(team);
  await pageA.getByRole('button', { name: 'Create workspace' }).click();
  await expect(pageA.getByRole('heading', { level: 1, name: team })).toBeVisible();
  await expect(pageA.getByLabel('Workspace').locator('option:checked')).toHaveText(
    `${team} · Owner`,
  );

  await pageA.getByLabel('Email to invite').fill(emailB);
  await pageA.getByLabel('Role', { exact: true }).selectOption('member');
  await pageA.getByRole('button', { name: 'Invite' }).click();
  const link = pageA.getByTestId('invitation-link');
  await expect(link).toBeVisible();
  acceptLink = (await link.textContent()) ?? '';
  expect(acceptLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/invite\/fli_[A-Za-z0-9_-]{43}$/);
  await expect(pageA.getByRole('button', { name: `Copy link ${acceptLink}` })).toBeVisible();
  await expect(
    pageA.getByTestId('invitations-table').getByRole('row', { name: new RegExp(emailB) }),
  ).toBeVisible();
  await expectAccessible(pageA, 'workspace page with a new invitation');
});

test('B opens the link, signs up, comes back to the invitation and accepts', async () => {
  await pageB.goto(acceptLink);
  await expect(pageB).toHaveURL(/\/app\/login\?next=%2Finvite%2Ffli_/);
  await pageB.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await expect(pageB).toHaveURL(/\/app\/signup\?next=%2Finvite%2Ffli_/);
  await pageB.getByLabel('Email').fill(emailB);
  await pageB.getByLabel('Password').fill(PASSWORD);
  await pageB.getByRole('button', { name: 'Sign up' }).click();
  await expect(pageB.getByRole('heading', { name: 'Join a workspace' })).toBeVisible();
  await expectAccessible(pageB, 'invitation page');
  // Holding the invitation link is not enough: B must prove the invited address is theirs.
  await pageB.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(pageB.getByTestId('invitation-advice')).toContainText(
    `Confirm your email address first: open the link we sent to ${emailB}`,
  );
  await expect(pageB.getByRole('button', { name: 'Send the link again' })).toBeVisible();
  await expectAccessible(pageB, 'invitation page of an unverified invitee');

  await pageB.goto(await verificationLink(emailB));
  await expect(pageB.getByRole('status')).toContainText(`${emailB} is confirmed`);
  await expectAccessible(pageB, 'email verification page');

  await pageB.goto(acceptLink);
  await pageB.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(pageB.getByRole('status').filter({ hasText: 'You joined' })).toContainText(
    `You joined “${team}” as Member`,
  );
  await pageB.getByRole('link', { name: 'See its links' }).click();
  await expect(pageB.getByTestId('links-workspace')).toHaveText(`In ${team}`);
});

test('B creates a link in the shared workspace, and A sees it there', async () => {
  await pageB.goto('/app/');
  await expect(pageB.getByTestId('shorten-workspace')).toHaveText(`In ${team}`);
  await shorten(pageB, `${TARGET}/team`, { title });

  await pageA.goto('/app/links');
  await expect(pageA.getByTestId('links-workspace')).toHaveText(`In ${team}`);
  await expect(pageA.getByRole('link', { name: title })).toBeVisible();
  // Not in A's personal workspace.
  await pageA.getByLabel('Workspace').selectOption({ label: 'Personal' });
  await expect(pageA.getByTestId('links-workspace')).toHaveText('In Personal');
  await expect(pageA.getByText('No links yet.')).toBeVisible();
  await expect(pageA.getByRole('link', { name: title })).toHaveCount(0);
  await pageA.getByLabel('Workspace').selectOption({ label: `${team} · Owner` });
  await expect(pageA.getByRole('link', { name: title })).toBeVisible();
});

test('A makes B a viewer', async () => {
  await pageA.getByRole('link', { name: 'Members' }).click();
  const role = pageA.getByLabel(`Role of ${emailB}`);
  await expect(role).toHaveValue('member');
  const changed = pageA.waitForResponse(
    (r) => r.request().method() === 'PATCH' && r.url().includes('/members/'),
  );
  await role.selectOption('viewer');
  expect((await changed).status()).toBe(200);
  await pageA.reload();
  await expect(pageA.getByLabel(`Role of ${emailB}`)).toHaveValue('viewer');
  // The workspace's audit log has the change, newest first, and B's joining before it.
  const audit = pageA.getByRole('region', { name: 'Audit log' });
  const rows = audit.getByRole('row');
  await expect(rows.nth(1)).toContainText('member.update');
  await expect(rows.nth(1)).toContainText('role: "member" → "viewer"');
  await expect(audit.getByRole('rowheader', { name: 'member.add' })).toBeVisible();
  await expect(audit.getByRole('rowheader', { name: 'invitation.accept' })).toBeVisible();
});

test('B, now a viewer, sees the links but no create controls; the API refuses a link', async () => {
  await pageB.goto('/app/links');
  await expect(pageB.getByTestId('links-workspace')).toHaveText(`In ${team}`);
  const row = pageB.getByTestId('link-row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByRole('button', { name: /^Copy / })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: /^(Disable|Enable) / })).toHaveCount(0);
  const nav = pageB.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Shorten' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Import' })).toHaveCount(0);

  await pageB.goto('/app/');
  await expect(
    pageB.getByText(`You can see the links of ${team} but not create them`),
  ).toBeVisible();
  await expect(pageB.getByLabel('Long URL')).toHaveCount(0);

  // The controls are only hidden: the API is what refuses, with the session's own CSRF token.
  const refused = await pageB.evaluate(async (target: string) => {
    const workspaceId = localStorage.getItem('flamingo.workspace') ?? '';
    const csrf = /(?:^|; )flamingo_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
    const response = await fetch('/api/v1/links', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
      body: JSON.stringify({ target, workspace_id: workspaceId }),
    });
    return { status: response.status, body: (await response.json()) as { type?: string } };
  }, `${TARGET}/refused`);
  expect(refused.status).toBe(403);
  expect(refused.body.type).toMatch(/role-forbidden$/);
});
