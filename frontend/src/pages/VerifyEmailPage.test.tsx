import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aUser } from '../test/fixtures';
import { json, mockApi, problem, renderPage, sentRequests } from '../test/render';
import VerifyEmailPage from './VerifyEmailPage';

afterEach(() => vi.unstubAllGlobals());

const TOKEN = `flv_${'c'.repeat(43)}`;

function renderVerify(signedIn = false) {
  return renderPage(<VerifyEmailPage />, `/verify-email/${TOKEN}`, '/verify-email/:token', {
    user: signedIn ? aUser({ email: 'ann@example.com', email_verified: false }) : undefined,
  });
}

describe('email verification page', () => {
  it('posts the token of the link once and says the address is confirmed', async () => {
    const fetchMock = mockApi((method, path) => {
      if (path === '/api/v1/me') return problem(401, 'unauthorized', 'sign in');
      if (method === 'POST' && path === '/api/v1/auth/verify-email') {
        return json(200, { email: 'ann@example.com', email_verified: true });
      }
      return undefined;
    });
    renderVerify();
    expect(await screen.findByRole('status')).toHaveTextContent(
      'ann@example.com is confirmed. You can now accept invitations sent to it.',
    );
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts).toEqual([
      expect.objectContaining({ url: '/api/v1/auth/verify-email', body: { token: TOKEN } }),
    ]);
  });

  it.each([
    [404, 'verification-not-found', /a newer one was sent/],
    [409, 'verification-used', /your address is confirmed/],
    [410, 'verification-expired', /ask for a new one/],
  ])('explains a refused link (%i %s)', async (status, slug, advice) => {
    mockApi((method, path) => {
      if (path === '/api/v1/me') return problem(401, 'unauthorized', 'sign in');
      if (method === 'POST') return problem(status, slug, `the server says ${slug}`);
      return undefined;
    });
    renderVerify();
    expect(await screen.findByRole('alert')).toHaveTextContent(`The server says ${slug}.`);
    expect(screen.getByTestId('verification-advice')).toHaveTextContent(advice);
    expect(screen.queryByRole('button', { name: 'Send the link again' })).toBeNull();
  });

  it('lets a signed-in user ask for a new link when this one expired', async () => {
    const fetchMock = mockApi((_method, path) => {
      if (path === '/api/v1/auth/verify-email') {
        return problem(410, 'verification-expired', 'this verification link has expired');
      }
      if (path === '/api/v1/auth/verify-email/resend') {
        return json(202, { email: 'ann@example.com', mailed: false });
      }
      return undefined;
    });
    renderVerify(true);
    await userEvent.click(await screen.findByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'this server sends no mail: its operator finds the link in the server’s log',
    );
    const posts = (await sentRequests(fetchMock)).filter((s) => s.method === 'POST');
    expect(posts.map((s) => s.url)).toEqual([
      '/api/v1/auth/verify-email',
      '/api/v1/auth/verify-email/resend',
    ]);
  });
});
