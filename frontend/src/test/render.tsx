import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import type { User, Workspace } from '../api/types';
import { ME_KEY } from '../auth/useMe';
import { WORKSPACES_KEY } from '../auth/useWorkspaces';
import { aWorkspace } from './fixtures';

export interface PageState {
  /** The caller's workspaces as if already loaded (default: only the personal one, owned);
   * `null` leaves them to be asked of the API. */
  workspaces?: Workspace[] | null;
  /** The signed-in user as `RequireAuth` would have loaded them (default: not loaded). */
  user?: User;
}

/** Renders `element` at `path` (matching `pattern`) with a fresh query client and router. */
export function renderPage(
  element: ReactElement,
  path = '/',
  pattern = path,
  { workspaces = [aWorkspace()], user }: PageState = {},
) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  if (workspaces) queryClient.setQueryData(WORKSPACES_KEY, workspaces);
  if (user) queryClient.setQueryData(ME_KEY, user);
  const router = createMemoryRouter(
    [
      { path: pattern, element },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [path] },
  );
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, queryClient };
}

export function problem(status: number, slug: string, detail: string, errors?: unknown[]) {
  return new Response(
    JSON.stringify({
      type: `https://flamingo.company.example/problems/${slug}`,
      title: slug,
      status,
      detail,
      ...(errors ? { errors } : {}),
    }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

export function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function mockFetch() {
  const fetchMock = vi.fn<typeof fetch>();
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The client sends `Request` objects; this is the one a stubbed `fetch` received. */
export function requestOf(input: RequestInfo | URL): Request {
  if (!(input instanceof Request)) throw new Error(`expected a Request, got ${String(input)}`);
  return input;
}

/** A same-origin request's path and query (`/api/v1/links?limit=20`); others in full. */
export function pathOf(input: RequestInfo | URL): string {
  const url = new URL(requestOf(input).url);
  return url.origin === window.location.origin ? url.pathname + url.search : url.href;
}

export interface Sent {
  method: string;
  url: string; // path and query, as pathOf
  headers: Headers;
  credentials: RequestCredentials;
  body: unknown; // the parsed JSON body, if any
}

/** Every request the stubbed `fetch` received, in order. */
export function sentRequests(fetchMock: ReturnType<typeof mockFetch>): Promise<Sent[]> {
  return Promise.all(
    fetchMock.mock.calls.map(async ([input]) => {
      const request = requestOf(input);
      const text = await request.clone().text();
      return {
        method: request.method,
        url: pathOf(request),
        headers: request.headers,
        credentials: request.credentials,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
    }),
  );
}

/** A stubbed `fetch` that answers by method and path (a 404 problem for anything else). */
export function mockApi(
  answer: (method: string, path: string, query: URLSearchParams) => Response | undefined,
) {
  const fetchMock = mockFetch();
  fetchMock.mockImplementation((input) => {
    const request = requestOf(input);
    const url = new URL(request.url);
    return Promise.resolve(
      answer(request.method, url.pathname, url.searchParams) ??
        problem(404, 'not-found', `no answer for ${request.method} ${url.pathname}`),
    );
  });
  return fetchMock;
}
