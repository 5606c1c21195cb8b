// The one way the SPA talks to the backend: same-origin `/api/v1`, cookies for the session, the
// CSRF header on every state-changing call, and RFC 9457 problems turned into `ApiError`.

export const API_BASE = '/api/v1';
export const CSRF_COOKIE = 'flamingo_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

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

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

async function toError(response: Response): Promise<ApiError> {
  const retryAfterHeader = response.headers.get('Retry-After');
  const retryAfter = retryAfterHeader === null ? null : Number(retryAfterHeader) || null;
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (isProblem(body)) {
        return new ApiError(
          { ...body, type: body.type || 'about:blank', detail: body.detail || body.title },
          retryAfter,
        );
      }
    } catch {
      // fall through to a generic problem
    }
  }
  const title = response.statusText || `HTTP ${response.status}`;
  return new ApiError(
    { type: 'about:blank', title, status: response.status, detail: title },
    retryAfter,
  );
}

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (!SAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      type: 'about:blank#network-error',
      title: 'Network error',
      status: 0,
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  delete: (path: string, options?: RequestOptions) =>
    request<undefined>('DELETE', path, undefined, options),
};

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
