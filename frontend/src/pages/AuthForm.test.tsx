import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem, renderPage, sentRequests } from '../test/render';
import LoginPage from './LoginPage';
import SignupPage from './SignupPage';

afterEach(() => vi.unstubAllGlobals());

describe('login and signup forms', () => {
  it('validates before calling the API', async () => {
    const fetchMock = mockFetch();
    renderPage(<SignupPage />, '/signup');
    await userEvent.type(screen.getByLabelText('Email'), 'not-an-email');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'Enter a valid email address.',
    );
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows a server field error next to the field it names', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockResolvedValue(
      problem(422, 'validation-error', 'invalid fields: password', [
        { field: 'password', message: 'must contain a digit' },
      ]),
    );
    renderPage(<SignupPage />, '/signup');
    await userEvent.type(screen.getByLabelText('Email'), 'ann@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'abcdefghij');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    const password = screen.getByLabelText('Password');
    await waitFor(() =>
      expect(password).toHaveAccessibleDescription('At least 10 characters. must contain a digit'),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/api/v1/auth/signup');
    expect(sent?.body).toEqual({
      email: 'ann@example.com',
      password: 'abcdefghij',
    });
  });

  it('shows an error that names no field as an alert', async () => {
    // A fresh answer per call: the page also asks /auth/providers.
    mockFetch().mockImplementation(() =>
      Promise.resolve(problem(401, 'invalid-credentials', 'invalid email or password')),
    );
    renderPage(<LoginPage />, '/login');
    await userEvent.type(screen.getByLabelText('Email'), 'ann@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'whatever');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password.');
  });

  it('goes to ?next= after logging in, but only inside the SPA', async () => {
    mockFetch().mockImplementation(() =>
      Promise.resolve(json(200, { id: 'u1', email: 'a@b.co', role: 'user' })),
    );
    const { router } = renderPage(<LoginPage />, '/login?next=%2Flinks', '/login');
    await userEvent.type(screen.getByLabelText('Email'), 'a@b.co');
    await userEvent.type(screen.getByLabelText('Password'), 'pw');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/links'));
  });

  it('keeps an invitation as where to go next when switching to sign up', () => {
    mockFetch();
    const next = encodeURIComponent('/invite/fli_x');
    renderPage(<LoginPage />, `/login?next=${next}`, '/login');
    expect(screen.getByText(/with the email address you were invited with/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Sign up' })).toHaveAttribute(
      'href',
      `/signup?next=${next}`,
    );
  });
});
