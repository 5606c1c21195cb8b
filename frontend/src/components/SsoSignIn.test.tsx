import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, pathOf, renderPage } from '../test/render';
import { SsoSignIn } from './SsoSignIn';

afterEach(() => vi.unstubAllGlobals());

const providers = (oidc: { name: string; login_url: string } | null) =>
  json(200, { password: true, signup: true, oidc });

describe('single sign-on on the login page', () => {
  it('offers the provider when single sign-on is configured', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockImplementation(() =>
      Promise.resolve(providers({ name: 'Google', login_url: '/api/v1/auth/oidc/login' })),
    );
    renderPage(<SsoSignIn />, '/login');
    const link = await screen.findByRole('link', { name: 'Sign in with Google' });
    expect(link).toHaveAttribute('href', '/api/v1/auth/oidc/login');
    expect(pathOf(fetchMock.mock.calls[0]?.[0] ?? '')).toBe('/api/v1/auth/providers');
  });

  it('takes the page it was sent from along, so the sign-in returns there', async () => {
    mockFetch().mockImplementation(() =>
      Promise.resolve(providers({ name: 'Google', login_url: '/api/v1/auth/oidc/login' })),
    );
    renderPage(<SsoSignIn />, '/login?next=%2Finvite%2Ftok-1', '/login');
    const link = await screen.findByRole('link', { name: 'Sign in with Google' });
    expect(link).toHaveAttribute('href', '/api/v1/auth/oidc/login?next=%2Finvite%2Ftok-1');
  });

  it('never takes another origin along', async () => {
    mockFetch().mockImplementation(() =>
      Promise.resolve(providers({ name: 'Google', login_url: '/api/v1/auth/oidc/login' })),
    );
    renderPage(<SsoSignIn />, '/login?next=%2F%2Fevil.example', '/login');
    const link = await screen.findByRole('link', { name: 'Sign in with Google' });
    expect(link).toHaveAttribute('href', '/api/v1/auth/oidc/login?next=%2F');
  });

  it('shows nothing without single sign-on', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockImplementation(() => Promise.resolve(providers(null)));
    renderPage(<SsoSignIn />, '/login');
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('explains why a single sign-on came back refused', async () => {
    mockFetch().mockImplementation(() => Promise.resolve(providers(null)));
    renderPage(<SsoSignIn />, '/login?sso_error=domain-not-allowed', '/login');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Accounts of your email domain may not sign in here.',
    );
  });
});
