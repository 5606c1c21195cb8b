import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { describeError, sentence } from './messages';

const problem = (status: number, slug: string, detail: string, retryAfter: number | null = null) =>
  new ApiError(
    { type: `https://flamingo.company.example/problems/${slug}`, title: slug, status, detail },
    retryAfter,
  );

describe('one voice for messages', () => {
  it('capitalises server details and ends them like sentences', () => {
    expect(sentence('the alias is taken')).toBe('The alias is taken.');
    expect(sentence('Already fine.')).toBe('Already fine.');
  });

  it('says a known problem in the UI’s words, the server detail as secondary text', () => {
    const refused = problem(409, 'default-domain', 'go.example.com serves PUBLIC_BASE_URL');
    expect(describeError(refused)).toEqual({
      text: 'The default domain cannot be deleted.',
      detail: 'go.example.com serves PUBLIC_BASE_URL.',
    });
    // A detail that only echoes the sentence is not repeated.
    const echo = problem(409, 'default-domain', 'the default domain cannot be deleted');
    expect(describeError(echo)).toEqual({ text: 'The default domain cannot be deleted.' });
  });

  it('shows an unknown problem’s detail, capitalised', () => {
    expect(describeError(problem(422, 'something-new', 'expiry must be later'))).toEqual({
      text: 'Expiry must be later.',
    });
  });

  it('says a rate limit once, with the wait', () => {
    const limited = problem(
      429,
      'rate-limited',
      'too many requests (limit 5 per 1 hour); retry in 3353 s',
      3353,
    );
    expect(describeError(limited)).toEqual({ text: 'Too many attempts. Try again in 56 minutes.' });
    expect(describeError(problem(429, 'rate-limited', 'x', 30))).toEqual({
      text: 'Too many attempts. Try again in 30 s.',
    });
  });
});
