import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem, renderPage, sentRequests } from '../test/render';
import UnlockPage from './UnlockPage';

afterEach(() => vi.unstubAllGlobals());

describe('unlock page', () => {
  it('asks for the password, says when it is wrong, then goes to the target', async () => {
    const fetchMock = mockFetch();
    fetchMock
      .mockResolvedValueOnce(problem(403, 'wrong-password', 'wrong password'))
      .mockResolvedValueOnce(json(200, { target: 'https://example.com/secret' }));
    const go = vi.fn();
    renderPage(<UnlockPage go={go} />, '/unlock/Abc1234', '/unlock/:code');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter the password.');
    expect(fetchMock).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
        'That password is not right.',
      ),
    );
    await userEvent.clear(screen.getByLabelText('Password'));
    await userEvent.type(screen.getByLabelText('Password'), 'open sesame');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(go).toHaveBeenCalledWith('https://example.com/secret'));
    const sent = (await sentRequests(fetchMock))[1];
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/api/v1/unlock/Abc1234');
    expect(sent?.body).toEqual({ password: 'open sesame' });
  });

  it('never navigates to a non-http target', async () => {
    mockFetch().mockResolvedValue(json(200, { target: 'javascript:alert(1)' }));
    const go = vi.fn();
    renderPage(<UnlockPage go={go} />, '/unlock/Abc1234', '/unlock/:code');
    await userEvent.type(screen.getByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('will not open');
    expect(go).not.toHaveBeenCalled();
  });

  it('shows the 410 page for a link that is gone', async () => {
    mockFetch().mockResolvedValue(problem(410, 'link-gone', 'This link has expired.'));
    renderPage(<UnlockPage go={vi.fn()} />, '/unlock/Old1234', '/unlock/:code');
    await userEvent.type(screen.getByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByTestId('gone')).toHaveTextContent('Link unavailable');
  });

  it('explains a rate limit with its wait', async () => {
    mockFetch().mockResolvedValue(
      new Response(
        JSON.stringify({
          type: 'x/rate-limited',
          title: 'Too Many Requests',
          status: 429,
          detail: 'Too many attempts.',
        }),
        {
          status: 429,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '42' },
        },
      ),
    );
    renderPage(<UnlockPage go={vi.fn()} />, '/unlock/Abc1234', '/unlock/:code');
    await userEvent.type(screen.getByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Try again in 42 s.',
    );
  });
});
