// Answers of the API for tests, complete as the generated schema requires: a field the document
// adds is filled in here once, and a test names only the fields it is about.
import type { Link, LinkListItem, Stats, User, Workspace, WorkspaceStats } from '../api/types';

export function aLink(fields: Partial<Link> = {}): Link {
  const code = fields.code ?? 'promo';
  return {
    id: `id-${code}`,
    code,
    short_url: `https://f.example/${code}`,
    domain: 'f.example',
    target: `https://example.com/${code}`,
    title: null,
    tags: [],
    expires_at: null,
    valid_from: null,
    max_clicks: null,
    has_password: false,
    redirect_status: 302,
    expired_redirect: null,
    forward_query: false,
    rules: [],
    variants: [],
    disabled: false,
    disabled_by_admin: false,
    owner_id: 'u1',
    workspace_id: 'u1',
    created_at: '2026-05-01T00:00:00.000Z',
    updated_at: '2026-05-01T00:00:00.000Z',
    clicks_imported: 0,
    ...fields,
  };
}

/** A link as the lists show it (with its clicks and state). */
export function aListedLink(fields: Partial<LinkListItem> = {}): LinkListItem {
  return {
    ...aLink(fields),
    clicks: { total: 0, last_7_days: 0 },
    state: 'active',
    ...fields,
  };
}

export function someStats(fields: Partial<Stats> = {}): Stats {
  return {
    link_id: 'id-promo',
    code: 'promo',
    from: '2026-05-01',
    to: '2026-05-01',
    source: 'counters',
    interval: 'day',
    hourly: [],
    totals: { total: 0, human: 0, bot: 0, unique: 0 },
    series: [],
    referrers: [],
    countries: [],
    browsers: [],
    os: [],
    devices: [],
    languages: [],
    utm_source: [],
    utm_medium: [],
    utm_campaign: [],
    utm_term: [],
    utm_content: [],
    rules: [],
    variants: [],
    ...fields,
  };
}

/** A workspace as `GET /workspaces` lists it; by default the personal one of user `u1`. */
export function aWorkspace(fields: Partial<Workspace> = {}): Workspace {
  return {
    id: 'u1',
    name: 'Personal',
    personal: true,
    role: 'owner',
    created_at: '2026-05-01T00:00:00.000Z',
    updated_at: '2026-05-01T00:00:00.000Z',
    ...fields,
  };
}

/** A shared workspace where the caller has `role`. */
export function aSharedWorkspace(role: Workspace['role'], fields: Partial<Workspace> = {}) {
  return aWorkspace({ id: 'ws-team', name: 'Team', personal: false, role, ...fields });
}

export function aUser(fields: Partial<User> = {}): User {
  return {
    id: 'u1',
    email: 'ann@example.com',
    role: 'user',
    email_verified: true,
    created_at: '2026-05-01T00:00:00.000Z',
    ...fields,
  };
}

/** `GET /workspaces/{id}/stats` of the personal workspace `u1`, over one day by default. */
export function someWorkspaceStats(fields: Partial<WorkspaceStats> = {}): WorkspaceStats {
  return {
    workspace_id: 'u1',
    from: '2026-05-01',
    to: '2026-05-01',
    interval: 'day',
    source: 'events',
    totals: { total: 0, human: 0, bot: 0 },
    series: [],
    hourly: [],
    top_links: [],
    referrers: [],
    countries: [],
    browsers: [],
    os: [],
    devices: [],
    languages: [],
    utm_source: [],
    utm_medium: [],
    utm_campaign: [],
    utm_term: [],
    utm_content: [],
    ...fields,
  };
}
