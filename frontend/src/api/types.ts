// Shapes of the API's answers (see backend/flamingo/openapi/*.yaml). Optional fields are the
// ones the SPA can live without.

export interface User {
  id: string;
  email: string;
  role: 'user' | 'admin';
  disabled?: boolean;
  created_at?: string;
}

export type RedirectStatus = 301 | 302 | 307 | 308;

export interface Link {
  id: string;
  code: string;
  short_url: string;
  target: string;
  title: string | null;
  tags: string[];
  expires_at: string | null;
  max_clicks: number | null;
  has_password: boolean;
  redirect_status: RedirectStatus;
  disabled: boolean;
  disabled_by_admin?: boolean;
  clicks_used?: number | null; // GET /links/{id} only
  owner_id?: string;
  created_at?: string;
  updated_at?: string;
}

/** POST /links and PATCH /links/{id} both take `alias` (PATCH moves the link to the new code). */
export interface LinkInput {
  target?: string;
  alias?: string;
  title?: string | null;
  tags?: string[];
  expires_at?: string | null;
  max_clicks?: number | null;
  password?: string | null;
  redirect_status?: RedirectStatus;
  disabled?: boolean;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface DailyPoint {
  date: string;
  total: number;
  human: number;
  bot: number;
  unique: number;
}

/** A breakdown: `[{key, count}]`, largest first (`(other)` sums the tail). */
export type RawBreakdown = { key: string; count: number }[];

export interface Stats {
  series: DailyPoint[];
  referrers: RawBreakdown;
  countries: RawBreakdown;
  browsers: RawBreakdown;
  os: RawBreakdown;
  devices: RawBreakdown;
  from: string;
  to: string;
  totals?: { total: number; human: number; bot: number; unique: number };
}

export type Scope = 'links:read' | 'links:write' | 'stats:read';
export const SCOPES: Scope[] = ['links:read', 'links:write', 'stats:read'];

export interface ApiToken {
  id: string;
  name: string;
  scopes: Scope[];
  hint?: string;
  created_at?: string;
  expires_at?: string | null;
  last_used_at?: string | null;
}

export interface NewApiToken extends ApiToken {
  token: string;
}

export interface BatchItemResult {
  index: number;
  status: number; // 201 when created
  link?: Link;
  error?: { title?: string; detail?: string; errors?: { field: string; message: string }[] };
}

export interface BatchResult {
  created: number;
  failed: number;
  items: BatchItemResult[];
}

export interface Version {
  version: string;
  commit: string;
  built_at: string;
}

export interface BlockedDomain {
  domain: string;
  reason?: string | null;
  created_at?: string;
}

export interface Overview {
  from: string;
  to: string;
  totals: { total: number; human: number; bot: number };
  series: Omit<DailyPoint, 'unique'>[];
  top_links: { id: string; code: string; title: string | null; total: number }[];
}

/** `GET /auth/providers`: which sign-in methods this instance offers. */
export interface AuthProviders {
  password: boolean;
  signup: boolean;
  oidc: { name: string; login_url: string } | null;
}

/** One entry of the append-only audit log (`GET /admin/audit`). */
export interface AuditEntry {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target_type: 'user' | 'token' | 'link' | 'domain';
  target_id: string | null;
  workspace_id: string | null;
  ip: string | null;
  request_id: string | null;
  changes: Record<string, unknown>;
}
