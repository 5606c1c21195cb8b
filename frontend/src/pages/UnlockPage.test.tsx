import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem, renderPage, sentRequests } from '../test/render';
import UnlockPage from './UnlockPage';

afterEach(() => vi.unstubAllGlobals());

const PROTECTED = () => json(200, { code: 'Abc1234', protected: true });

describe('unlock page', () => {
  it('asks for the password, says when it is wrong, then goes to the target', async () => {
    const fetchMock = mockFetch();
    fetchMock
      .mockResolvedValueOnce(PROTECTED())
      .mockResolvedValueOnce(problem(403, 'wrong-password', 'wrong password'))
      .mockResolvedValueOnce(json(200, { target: 'https://example.com/secret' }));
    const go = vi.fn();
    renderPage(<UnlockPage go={go} />, '/unlock/Abc1234', '/unlock/:code');
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter the password.');
    expect(fetchMock).toHaveBeenCalledTimes(1); // only the question whether the link exists

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
    const [asked, , sent] = await sentRequests(fetchMock);
    expect(asked?.method).toBe('GET');
    expect(asked?.url).toBe('/api/v1/unlock/Abc1234');
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/api/v1/unlock/Abc1234');
    expect(sent?.body).toEqual({ password: 'open sesame' });
  });

  it('passes the carried visit back with the password', async () => {
    const fetchMock = mockFetch();
    fetchMock
      .mockResolvedValueOnce(PROTECTED())
      .mockResolvedValueOnce(json(200, { target: 'https://example.com/page?utm_source=nl' }));
    const go = vi.fn();
    renderPage(<UnlockPage go={go} />, '/unlock/Abc1234?visit=signed.value-1', '/unlock/:code');
    await userEvent.type(await screen.findByLabelText('Password'), 'open sesame');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(go).toHaveBeenCalledWith('https://example.com/page?utm_source=nl'));
    const sent = (await sentRequests(fetchMock))[1];
    expect(sent?.body).toEqual({ password: 'open sesame', visit: 'signed.value-1' });
  });

  it('says an unknown code has no link instead of asking for a password', async () => {
    mockFetch().mockResolvedValue(problem(404, 'link-not-found', 'there is no link'));
    renderPage(<UnlockPage go={vi.fn()} />, '/unlock/Nope123', '/unlock/:code');
    expect(await screen.findByRole('heading', { name: 'Link not found' })).toBeVisible();
    expect(screen.getByTestId('unlock-not-found')).toHaveTextContent('/Nope123');
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('never navigates to a non-http target', async () => {
    const fetchMock = mockFetch();
    fetchMock
      .mockResolvedValueOnce(PROTECTED())
      .mockResolvedValue(json(200, { target: 'javascript:alert(1)' }));
    const go = vi.fn();
    renderPage(<UnlockPage go={go} />, '/unlock/Abc1234', '/unlock/:code');
    await userEvent.type(await screen.findByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('will not open');
    expect(go).not.toHaveBeenCalled();
  });

  it('shows the 410 page for a link that is gone before the password', async () => {
    mockFetch().mockResolvedValue(problem(410, 'link-gone', 'This link has expired.'));
    renderPage(<UnlockPage go={vi.fn()} />, '/unlock/Old1234', '/unlock/:code');
    expect(await screen.findByTestId('gone')).toHaveTextContent('Link unavailable');
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('shows the 410 page for a link that went while the visitor typed', async () => {
    const fetchMock = mockFetch();
    fetchMock
      .mockResolvedValueOnce(PROTECTED())
      .mockResolvedValue(problem(410, 'link-gone', 'This link has expired.'));
    renderPage(<UnlockPage go={vi.fn()} />, '/unlock/Abc1234', '/unlock/:code');
    await userEvent.type(await screen.findByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByTestId('gone')).toHaveTextContent('Link unavailable');
  });

  it('explains a rate limit with its wait', async () => {
    const fetchMock = mockFetch();
    fetchMock.mockResolvedValueOnce(PROTECTED()).mockResolvedValue(
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
    await userEvent.type(await screen.findByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Try again in 42 s.',
    );
  });
});
