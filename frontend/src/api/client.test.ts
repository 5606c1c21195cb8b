import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, sentRequests } from '../test/render';
import { ApiError, apiHref, errorMessage, queryString, readCookie } from './client';
import { admin, auth, links, qrSvgUrl, statsCsvUrl } from './endpoints';

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

const USER = {
  id: 'u1',
  email: 'ann@example.com',
  role: 'user',
  created_at: '2026-05-01T00:00:00Z',
  disabled: true,
};

describe('api client', () => {
  let fetchMock: ReturnType<typeof mockFetch>;

  beforeEach(() => {
    fetchMock = mockFetch();
    document.cookie = 'flamingo_csrf=tok%2Fen-123; path=/';
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.cookie = 'flamingo_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('reads a cookie by name, decoded', () => {
    expect(readCookie('flamingo_csrf', 'a=1; flamingo_csrf=x%3Dy; b=2')).toBe('x=y');
    expect(readCookie('missing', 'a=1')).toBeUndefined();
  });

  it('drops empty query values', () => {
    expect(queryString({ q: 'a b', tag: '', cursor: null, limit: 20, x: undefined })).toBe(
      'q=a+b&limit=20',
    );
  });

  it('repeats a parameter for each value of a list (the stats filters’ “any of”)', () => {
    expect(queryString({ country: ['DE', '!AT'], os: [], bot: false })).toBe(
      'country=DE&country=%21AT&bot=false',
    );
  });

  it('builds same-origin /api/v1 URLs with the query that is set', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], next_cursor: null }));
    await links.list({ q: 'a b', tag: '', cursor: null, limit: 20 });
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.method).toBe('GET');
    expect(sent?.url).toBe('/api/v1/links?q=a+b&limit=20');
  });

  it('sends the CSRF header from the cookie on unsafe methods only', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: '1' }));
    await links.create({ target: 'https://example.com' });
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], next_cursor: null }));
    await links.list({});
    const [post, get] = await sentRequests(fetchMock);
    expect(post?.url).toBe('/api/v1/links');
    expect(post?.method).toBe('POST');
    expect(post?.headers.get('X-CSRF-Token')).toBe('tok/en-123');
    expect(post?.headers.get('Content-Type')).toBe('application/json');
    expect(post?.headers.get('Accept')).toBe('application/json');
    expect(post?.credentials).toBe('same-origin');
    expect(post?.body).toEqual({ target: 'https://example.com' });

    expect(get?.method).toBe('GET');
    expect(get?.headers.get('X-CSRF-Token')).toBeNull();
    expect(get?.credentials).toBe('same-origin');
  });

  it('fills path parameters, encoded', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await links.remove('a/b c');
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.method).toBe('DELETE');
    expect(sent?.url).toBe('/api/v1/links/a%2Fb%20c');
    expect(sent?.headers.get('X-CSRF-Token')).toBe('tok/en-123');
  });

  it('disables and enables a user with the API’s own POST …/disable and …/enable', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(jsonResponse(200, USER)));
    expect(await admin.setUserDisabled('u1', true)).toEqual(USER);
    await admin.setUserDisabled('u1', false);
    const sent = await sentRequests(fetchMock);
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /api/v1/admin/users/u1/disable',
      'POST /api/v1/admin/users/u1/enable',
    ]);
    expect(sent.every((s) => s.headers.get('X-CSRF-Token') === 'tok/en-123')).toBe(true);
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
    const error = await links.create({ target: '' }).catch((e: unknown) => e);
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
    const error = (await links
      .create({ target: 'https://bad.example' })
      .catch((e: unknown) => e)) as ApiError;
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
    const error = await auth.login({ email: 'a@b.c', password: 'x' }).catch((e: unknown) => e);
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
    const error = (await auth.me().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.detail).toBe('Bad Gateway');
  });

  it('reports a network failure as status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = (await auth.me().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(errorMessage(error)).toMatch(/could not be reached/);
  });

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(auth.logout()).resolves.toBeUndefined();
    const [sent] = await sentRequests(fetchMock);
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/api/v1/auth/logout');
  });

  it('spells the URLs of images and downloads like calls: path parameters and query filled', () => {
    expect(qrSvgUrl('l/1')).toBe('/api/v1/links/l%2F1/qr.svg');
    expect(
      statsCsvUrl('l1', { from: '2026-05-01', to: '2026-05-31', country: ['DE', '!AT'] }),
    ).toBe('/api/v1/links/l1/stats.csv?from=2026-05-01&to=2026-05-31&country=DE&country=%21AT');
    // A missing path parameter does not compile (contract.typecheck.ts); at run time it throws.
    const untyped = {} as Parameters<typeof apiHref<'/api/v1/links/{id}/qr.png'>>[1];
    expect(() => apiHref('/api/v1/links/{id}/qr.png', untyped)).toThrow(/\{id\}/);
  });
});
