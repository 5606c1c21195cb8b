// The one way the SPA talks to the backend: a client typed by the OpenAPI document the API serves
// (paths, methods, parameters, bodies and answers), same-origin, cookies for the session, the
// CSRF header on every state-changing call, and RFC 9457 problems turned into `ApiError`.

import createClient, { type ClientPathsWithMethod } from 'openapi-fetch';
import type { components, paths } from './schema';

export const CSRF_COOKIE = 'flamingo_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export type FieldError = components['schemas']['FieldError'];
/** RFC 9457 problem details (extra members allowed, e.g. the URL policy's `field`). */
export type Problem = components['schemas']['Problem'];

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly retryAfter: number | null;

  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    // Most problems list field errors in `errors`; some (the URL safety policy's) name one
    // `field` at the top level instead.
    this.errors =
      problem.errors ??
      (typeof problem.field === 'string'
        ? [{ field: problem.field, message: problem.detail || problem.title }]
        : []);
    this.retryAfter = retryAfter;
  }

  /** The problem's slug: the last segment of its `type` URI (`validation-error`, …). */
  get slug(): string {
    return this.type.split('/').pop() ?? '';
  }

  /** Field errors keyed by the request field they name (first message wins). */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, message } of this.errors) {
      // Nested paths ("items.3.target") keep their full name; a top-level field is its own key.
      byField[field] ??= message;
    }
    return byField;
  }
}

export function readCookie(name: string, cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A query string of the values that are set (`undefined`, `null` and `''` are left out);
 * a list repeats its parameter. */
export function queryString(query: Record<string, unknown> = {}): string {
  const params = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (value !== '') params.append(key, String(value));
    }
  };
  for (const [key, value] of Object.entries(query)) {
    // A list repeats its parameter (`country=DE&country=AT`), as the stats filters read it.
    if (Array.isArray(value)) for (const item of value) add(key, item);
    else add(key, value);
  }
  return params.toString();
}

/**
 * The typed client of the served OpenAPI document (`schema.d.ts`, `make api-types`): a path or
 * method the API lacks, a missing path parameter or a wrong body does not compile.
 */
export const client = createClient<paths>({
  // Same origin, spelled out: a Request needs an absolute URL outside a browser (the tests).
  baseUrl: globalThis.location.origin,
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  querySerializer: queryString,
  // Looked up on every call, so a test's stubbed `fetch` is the one used.
  fetch: (input) => globalThis.fetch(input),
});

client.use({
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method)) {
      const csrf = readCookie(CSRF_COOKIE);
      if (csrf) request.headers.set(CSRF_HEADER, csrf);
    }
    return request;
  },
});

type GetPath = ClientPathsWithMethod<typeof client, 'get'>;
type GetParams<P extends GetPath> = paths[P]['get'] extends { parameters: infer Params }
  ? Pick<Params, 'path' & keyof Params> & Partial<Pick<Params, 'query' & keyof Params>>
  : never;

/** Where a GET of the API lives, for `<img src>` and download links: typed like a call. */
export function apiHref<P extends GetPath>(path: P, params: GetParams<P>): string {
  const { path: values, query } = params as {
    path?: Record<string, string>;
    query?: Record<string, unknown>;
  };
  const filled = path.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = values?.[name];
    if (value === undefined) throw new Error(`${path}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const qs = queryString(query);
  return qs ? `${filled}?${qs}` : filled;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

function toError(response: Response, body: unknown): ApiError {
  const retryAfterHeader = response.headers.get('Retry-After');
  const retryAfter = retryAfterHeader === null ? null : Number(retryAfterHeader) || null;
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json') && isProblem(body)) {
    return new ApiError(
      { ...body, type: body.type || 'about:blank', detail: body.detail || body.title },
      retryAfter,
    );
  }
  const title = response.statusText || `HTTP ${response.status}`;
  return new ApiError(
    { type: 'about:blank', title, status: response.status, detail: title },
    retryAfter,
  );
}

/**
 * The answer of a client call: its data, or an `ApiError` thrown for an error status (its
 * problem details) and for a server that cannot be reached (status 0).
 */
export async function answer<D>(
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<D> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    if (cause instanceof SyntaxError) throw cause; // a success whose body is not JSON
    throw new ApiError({
      type: 'about:blank#network-error',
      title: 'Network error',
      status: 0,
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }
  if (!result.response.ok) throw toError(result.response, result.error);
  return result.data as D;
}

/** A message for a person: the problem's detail, or a fallback for anything else. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfter) {
      return `${error.detail} Try again in ${error.retryAfter} s.`;
    }
    return error.detail;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
