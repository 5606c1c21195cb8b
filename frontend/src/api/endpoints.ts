// Typed calls, one per API operation the SPA uses. Paths and field names follow the contract in
// the README's API overview.
import { api } from './client';
import type {
  ApiToken,
  AuditEntry,
  AuthProviders,
  BatchResult,
  BlockedDomain,
  Link,
  LinkInput,
  NewApiToken,
  Overview,
  Page,
  Scope,
  Stats,
  User,
  Version,
} from './types';

export interface Credentials {
  email: string;
  password: string;
}

export interface LinkQuery {
  q?: string;
  tag?: string;
  cursor?: string | null;
  limit?: number;
}

/** Lists may come as a bare array or as a page; the SPA always sees a page. */
export function asPage<T>(
  data: T[] | Page<T> | { items: T[]; next_cursor?: string | null },
): Page<T> {
  if (Array.isArray(data)) return { items: data, next_cursor: null };
  return { items: data.items, next_cursor: data.next_cursor ?? null };
}

const enc = encodeURIComponent;

export const auth = {
  me: () => api.get<User>('/me'),
  login: (body: Credentials) => api.post<User>('/auth/login', body),
  signup: (body: Credentials) => api.post<User>('/auth/signup', body),
  logout: () => api.post<undefined>('/auth/logout'),
  providers: () => api.get<AuthProviders>('/auth/providers'),
};

export const links = {
  list: async (query: LinkQuery) =>
    asPage(
      await api.get<Page<Link>>('/links', {
        query: { q: query.q, tag: query.tag, cursor: query.cursor, limit: query.limit },
      }),
    ),
  get: (id: string) => api.get<Link>(`/links/${enc(id)}`),
  create: (body: LinkInput) => api.post<Link>('/links', body),
  update: (id: string, body: LinkInput) => api.patch<Link>(`/links/${enc(id)}`, body),
  remove: (id: string) => api.delete(`/links/${enc(id)}`),
  batch: (items: LinkInput[]) => api.post<BatchResult>('/links/batch', { items }),
  stats: (id: string, from: string, to: string) =>
    api.get<Stats>(`/links/${enc(id)}/stats`, { query: { from, to } }),
};

export const qrSvgUrl = (id: string) => `/api/v1/links/${enc(id)}/qr.svg`;
export const statsCsvUrl = (id: string, from: string, to: string) =>
  `/api/v1/links/${enc(id)}/stats.csv?from=${enc(from)}&to=${enc(to)}`;

export const tokens = {
  list: async () => asPage(await api.get<ApiToken[] | Page<ApiToken>>('/tokens')).items,
  create: (body: { name: string; scopes: Scope[]; expires_at?: string }) =>
    api.post<NewApiToken>('/tokens', body),
  revoke: (id: string) => api.delete(`/tokens/${enc(id)}`),
};

export const overview = (from: string, to: string) =>
  api.get<Overview>('/stats/overview', { query: { from, to } });

export const unlock = (code: string, password: string) =>
  api.post<{ target: string }>(`/unlock/${enc(code)}`, { password });

export const version = () => api.get<Version>('/version');

export const admin = {
  users: async (cursor?: string | null) =>
    asPage(await api.get<Page<User>>('/admin/users', { query: { cursor } })),
  setUserDisabled: (id: string, disabled: boolean) =>
    api.patch<User>(`/admin/users/${enc(id)}`, { disabled }),
  links: async (query: LinkQuery) =>
    asPage(
      await api.get<Page<Link>>('/admin/links', {
        query: { q: query.q, tag: query.tag, cursor: query.cursor, limit: query.limit },
      }),
    ),
  setLinkDisabled: (id: string, disabled: boolean) =>
    api.post<Link>(`/admin/links/${enc(id)}/${disabled ? 'disable' : 'enable'}`),
  blocklist: async () =>
    asPage(await api.get<BlockedDomain[] | Page<BlockedDomain>>('/admin/blocklist')).items,
  block: (domain: string, reason?: string) =>
    api.post<BlockedDomain>('/admin/blocklist', reason ? { domain, reason } : { domain }),
  unblock: (domain: string) => api.delete(`/admin/blocklist/${enc(domain)}`),
  audit: (cursor?: string | null, action?: string) =>
    api.get<Page<AuditEntry>>('/admin/audit', { query: { cursor, action } }),
};
