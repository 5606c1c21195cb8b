import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiUrl, errorMessage, readCookie } from './client';

function jsonResponse(
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers = {},
) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType, ...headers },
  });
}

describe('api client', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    document.cookie = 'flamingo_csrf=tok%2Fen-123; path=/';
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    document.cookie = 'flamingo_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('reads a cookie by name, decoded', () => {
    expect(readCookie('flamingo_csrf', 'a=1; flamingo_csrf=x%3Dy; b=2')).toBe('x=y');
    expect(readCookie('missing', 'a=1')).toBeUndefined();
  });

  it('builds same-origin /api/v1 URLs and drops empty query values', () => {
    expect(apiUrl('/links', { q: 'a b', tag: '', cursor: null, limit: 20 })).toBe(
      '/api/v1/links?q=a+b&limit=20',
    );
  });

  it('sends the CSRF header from the cookie on unsafe methods only', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: '1' }));
    await api.post('/links', { target: 'https://example.com' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/links');
    const headers = init?.headers as Record<string, string>;
    expect(headers['X-CSRF-Token']).toBe('tok/en-123');
    expect(headers['Content-Type']).toBe('application/json');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"target":"https://example.com"}');

    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], next_cursor: null }));
    await api.get('/links');
    const getHeaders = fetchMock.mock.calls[1]?.[1]?.headers as Record<string, string>;
    expect(getHeaders['X-CSRF-Token']).toBeUndefined();
  });

  it('turns problem+json into an ApiError with field errors', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(
        422,
        {
          type: 'https://flamingo.company.example/problems/validation-error',
          title: 'Unprocessable Content',
          status: 422,
          detail: 'invalid fields: alias, target',
          errors: [
            { field: 'alias', message: 'reserved' },
            { field: 'target', message: 'not an http(s) URL' },
            { field: 'alias', message: 'second message' },
          ],
        },
        'application/problem+json',
      ),
    );
    const error = await api.post('/links', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const problem = error as ApiError;
    expect(problem.status).toBe(422);
    expect(problem.slug).toBe('validation-error');
    expect(problem.fieldErrors()).toEqual({ alias: 'reserved', target: 'not an http(s) URL' });
  });

  it("takes a top-level `field` as that field's error (URL policy refusals)", async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(
        422,
        {
          type: 'https://flamingo.company.example/problems/target-blocked-domain',
          title: 'Unprocessable Content',
          status: 422,
          detail: 'the domain bad.example is on the blocklist',
          field: 'target',
        },
        'application/problem+json',
      ),
    );
    const error = (await api.post('/links', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.slug).toBe('target-blocked-domain');
    expect(error.fieldErrors()).toEqual({ target: 'the domain bad.example is on the blocklist' });
  });

  it('keeps Retry-After of a 429 in the message', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(
        429,
        { type: 'x/rate-limited', title: 'Too Many Requests', status: 429, detail: 'Slow down.' },
        'application/problem+json',
        { 'Retry-After': '30' },
      ),
    );
    const error = await api.post('/auth/login', {}).catch((e: unknown) => e);
    expect((error as ApiError).retryAfter).toBe(30);
    expect(errorMessage(error)).toBe('Slow down. Try again in 30 s.');
  });

  it('makes an error of a non-JSON failure (e.g. an HTML 502 from a proxy)', async () => {
    fetchMock.mockResolvedValue(
      new Response('<html>bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html' },
      }),
    );
    const error = (await api.get('/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.detail).toBe('Bad Gateway');
  });

  it('reports a network failure as status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = (await api.get('/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(errorMessage(error)).toMatch(/could not be reached/);
  });

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(api.delete('/links/1')).resolves.toBeUndefined();
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe('DELETE');
  });
});
