// One call per API operation the SPA uses, each through the typed `client`: its path and method
// must exist in the served OpenAPI document (`schema.d.ts`), or this file does not compile.
import { answer, apiHref, client } from './client';
import type { operations } from './schema';
import type {
  ApiTokenCreate,
  AuditAction,
  DomainCreate,
  DomainPatch,
  ImportBody,
  ImportSource,
  LinkCreate,
  LinkPatch,
  LinkSort,
  VisitPage,
  WebhookChange,
  WebhookCreate,
  WorkspaceRole,
} from './types';

export interface Credentials {
  email: string;
  password: string;
}

export interface LinkQuery {
  /** The workspace whose links to list (the API's default: the caller's personal one). */
  workspace_id?: string;
  q?: string;
  tag?: string;
  cursor?: string | null;
  limit?: number;
  /** Newest first (the API's default) or most clicked first. */
  sort?: LinkSort;
}

/** The query of a link list: empty values are left out (`q` and `tag` must not be blank). */
function listQuery({ workspace_id, q, tag, cursor, limit, sort }: LinkQuery) {
  // newest first is the API's default: left out, so the usual URL stays short
  return {
    workspace_id,
    q,
    tag,
    cursor: cursor ?? undefined,
    limit,
    sort: sort === 'clicks' ? sort : undefined,
  };
}

const byId = (id: string) => ({ params: { path: { id } } });

export const auth = {
  me: () => answer(client.GET('/api/v1/me')),
  login: (body: Credentials) => answer(client.POST('/api/v1/auth/login', { body })),
  signup: (body: Credentials) => answer(client.POST('/api/v1/auth/signup', { body })),
  /** Spend the token of a verification link (no session needed). */
  verifyEmail: (token: string) =>
    answer(client.POST('/api/v1/auth/verify-email', { body: { token } })),
  /** A new verification link for the signed-in user (older ones stop working). */
  resendVerification: () => answer(client.POST('/api/v1/auth/verify-email/resend')),
  logout: () => answer(client.POST('/api/v1/auth/logout')),
  providers: () => answer(client.GET('/api/v1/auth/providers')),
};

export const links = {
  list: (query: LinkQuery) =>
    answer(client.GET('/api/v1/links', { params: { query: listQuery(query) } })),
  get: (id: string) => answer(client.GET('/api/v1/links/{id}', byId(id))),
  create: (body: LinkCreate) => answer(client.POST('/api/v1/links', { body })),
  update: (id: string, body: LinkPatch) =>
    answer(client.PATCH('/api/v1/links/{id}', { ...byId(id), body })),
  remove: (id: string) => answer(client.DELETE('/api/v1/links/{id}', byId(id))),
  batch: (items: LinkCreate[]) => answer(client.POST('/api/v1/links/batch', { body: { items } })),
  /** A peer's list answer imported by the backend's importer (`flamingo import --from`). */
  importFrom: (
    from: ImportSource,
    body: ImportBody,
    query: { dry_run: boolean; workspace_id: string },
  ) => answer(client.POST('/api/v1/links/import', { params: { query: { from, ...query } }, body })),
  /** The link's stats over `view`'s range, with its filters and interval. */
  stats: (id: string, view: StatsQuery) =>
    answer(client.GET('/api/v1/links/{id}/stats', { params: { path: { id }, query: view } })),
  /** A page of the link's visits, newest first (the same filters as the stats). */
  visits: async (id: string, query: Omit<VisitsQuery, 'format'>) =>
    // JSON (no `format=csv`): the operation's other answer, text/csv, is the download link's.
    (await answer(
      client.GET('/api/v1/links/{id}/visits', { params: { path: { id }, query } }),
    )) as VisitPage,
  /** Erases the link's raw click events (owners and admins); its counters stay. */
  eraseVisits: (id: string) => answer(client.DELETE('/api/v1/links/{id}/visits', byId(id))),
};

/** A stats query: the range, the interval and the filters (`filterQuery` of lib/statsView). */
export type StatsQuery = NonNullable<operations['getLinkStats']['parameters']['query']>;
export type VisitsQuery = NonNullable<operations['listLinkVisits']['parameters']['query']>;

export const qrSvgUrl = (id: string) => apiHref('/api/v1/links/{id}/qr.svg', { path: { id } });
export const qrPngUrl = (id: string) =>
  apiHref('/api/v1/links/{id}/qr.png', { path: { id }, query: { scale: 10 } });
export const statsCsvUrl = (id: string, query: StatsQuery) =>
  apiHref('/api/v1/links/{id}/stats.csv', { path: { id }, query });
/** The link's visits as CSV (a plain download link): the same range and filters. */
export const visitsCsvUrl = (id: string, query: Omit<VisitsQuery, 'format'>) =>
  apiHref('/api/v1/links/{id}/visits', { path: { id }, query: { ...query, format: 'csv' } });

export const tokens = {
  list: async () => (await answer(client.GET('/api/v1/tokens'))).items,
  create: (body: ApiTokenCreate) => answer(client.POST('/api/v1/tokens', { body })),
  revoke: (id: string) => answer(client.DELETE('/api/v1/tokens/{id}', byId(id))),
};

/** Workspaces, their members and invitations: the API decides who may do what (roles). */
export const workspaces = {
  /** The caller's workspaces, personal first. */
  list: async () => (await answer(client.GET('/api/v1/workspaces'))).items,
  create: (name: string) => answer(client.POST('/api/v1/workspaces', { body: { name } })),
  rename: (id: string, name: string) =>
    answer(client.PATCH('/api/v1/workspaces/{id}', { ...byId(id), body: { name } })),
  /** 409 `personal-workspace`, or `workspace-not-empty` while it has links. */
  remove: (id: string) => answer(client.DELETE('/api/v1/workspaces/{id}', byId(id))),
  members: async (id: string) =>
    (await answer(client.GET('/api/v1/workspaces/{id}/members', byId(id)))).items,
  /** 409 `last-owner` when the last owner would be demoted. */
  setRole: (id: string, userId: string, role: WorkspaceRole) =>
    answer(
      client.PATCH('/api/v1/workspaces/{id}/members/{user_id}', {
        params: { path: { id, user_id: userId } },
        body: { role },
      }),
    ),
  /** Removes a member, or leaves (one's own id); 409 `last-owner` for the last owner. */
  removeMember: (id: string, userId: string) =>
    answer(
      client.DELETE('/api/v1/workspaces/{id}/members/{user_id}', {
        params: { path: { id, user_id: userId } },
      }),
    ),
  invitations: async (id: string) =>
    (await answer(client.GET('/api/v1/workspaces/{id}/invitations', byId(id)))).items,
  /** The answer's `token` is shown in this answer only. */
  invite: (id: string, email: string, role: WorkspaceRole) =>
    answer(
      client.POST('/api/v1/workspaces/{id}/invitations', { ...byId(id), body: { email, role } }),
    ),
  revokeInvitation: (id: string, invitationId: string) =>
    answer(
      client.DELETE('/api/v1/workspaces/{id}/invitations/{invitation_id}', {
        params: { path: { id, invitation_id: invitationId } },
      }),
    ),
  /** The workspace's audit log, newest first (owners and admins). */
  audit: (id: string, cursor?: string | null, action?: AuditAction) =>
    answer(
      client.GET('/api/v1/workspaces/{id}/audit', {
        params: { path: { id }, query: { cursor: cursor ?? undefined, action } },
      }),
    ),
  /** Clicks across the workspace's links: totals, series, top links, every breakdown. */
  stats: (id: string, query: StatsQuery) =>
    answer(client.GET('/api/v1/workspaces/{id}/stats', { params: { path: { id }, query } })),
  /** What accepting would do (workspace name, role); the same refusals as `accept`. */
  previewInvitation: (token: string) =>
    answer(client.GET('/api/v1/invitations/{token}', { params: { path: { token } } })),
  /** 403 wrong email or unverified, 404 unknown or revoked, 409 used (or a member), 410 expired. */
  accept: (token: string) =>
    answer(client.POST('/api/v1/invitations/{token}/accept', { params: { path: { token } } })),
};

const byHook = (id: string, hookId: string) => ({ params: { path: { id, hook_id: hookId } } });

/** A workspace's webhooks (owners and admins); deliveries are made by the worker, never here. */
export const webhooks = {
  list: async (id: string) =>
    (await answer(client.GET('/api/v1/workspaces/{id}/webhooks', byId(id)))).items,
  /** The answer's `secret` is shown in this answer only. */
  create: (id: string, body: WebhookCreate) =>
    answer(client.POST('/api/v1/workspaces/{id}/webhooks', { ...byId(id), body })),
  update: (id: string, hookId: string, body: WebhookChange) =>
    answer(
      client.PATCH('/api/v1/workspaces/{id}/webhooks/{hook_id}', { ...byHook(id, hookId), body }),
    ),
  remove: (id: string, hookId: string) =>
    answer(client.DELETE('/api/v1/workspaces/{id}/webhooks/{hook_id}', byHook(id, hookId))),
  /** A new secret (in this answer only); the old one keeps signing for 24 hours. */
  rotate: (id: string, hookId: string) =>
    answer(
      client.POST('/api/v1/workspaces/{id}/webhooks/{hook_id}/rotate-secret', byHook(id, hookId)),
    ),
  deliveries: async (id: string, hookId: string) =>
    (
      await answer(
        client.GET('/api/v1/workspaces/{id}/webhooks/{hook_id}/deliveries', byHook(id, hookId)),
      )
    ).items,
  sendTest: (id: string, hookId: string) =>
    answer(client.POST('/api/v1/workspaces/{id}/webhooks/{hook_id}/test', byHook(id, hookId))),
  redeliver: (id: string, hookId: string, deliveryId: string) =>
    answer(
      client.POST('/api/v1/workspaces/{id}/webhooks/{hook_id}/deliveries/{delivery_id}/redeliver', {
        params: { path: { id, hook_id: hookId, delivery_id: deliveryId } },
      }),
    ),
};

/** The clicks of one workspace's links (the API's default: the caller's personal one). */
export const overview = (workspaceId: string, from: string, to: string) =>
  answer(
    client.GET('/api/v1/stats/overview', {
      params: { query: { workspace_id: workspaceId, from, to } },
    }),
  );

/** Whether there is a link to unlock at `code` (404 / 410 otherwise); counts nothing. */
export const unlockStatus = (code: string) =>
  answer(client.GET('/api/v1/unlock/{code}', { params: { path: { code } } }));

/** `visit`: the signed `?visit=` the redirect gave the unlock page, passed back unchanged. */
export const unlock = (code: string, password: string, visit?: string) =>
  answer(
    client.POST('/api/v1/unlock/{code}', {
      params: { path: { code } },
      body: visit ? { password, visit } : { password },
    }),
  );

export const version = () => answer(client.GET('/api/v1/version'));

/** The hosts a new link may use, the default one first (any signed-in user). */
export const domainHosts = async () => (await answer(client.GET('/api/v1/domains'))).items;

export const admin = {
  users: (cursor?: string | null) =>
    answer(
      client.GET('/api/v1/admin/users', { params: { query: { cursor: cursor ?? undefined } } }),
    ),
  /** `POST …/disable` ends the user's sessions and stops their tokens; `…/enable` undoes it. */
  setUserDisabled: (id: string, disabled: boolean) =>
    answer(
      disabled
        ? client.POST('/api/v1/admin/users/{id}/disable', byId(id))
        : client.POST('/api/v1/admin/users/{id}/enable', byId(id)),
    ),
  links: (query: LinkQuery) =>
    answer(client.GET('/api/v1/admin/links', { params: { query: listQuery(query) } })),
  setLinkDisabled: (id: string, disabled: boolean) =>
    answer(
      disabled
        ? client.POST('/api/v1/admin/links/{id}/disable', byId(id))
        : client.POST('/api/v1/admin/links/{id}/enable', byId(id)),
    ),
  blocklist: async () => (await answer(client.GET('/api/v1/admin/blocklist'))).items,
  block: (domain: string, reason?: string) =>
    answer(
      client.POST('/api/v1/admin/blocklist', { body: reason ? { domain, reason } : { domain } }),
    ),
  unblock: (domain: string) =>
    answer(client.DELETE('/api/v1/admin/blocklist/{domain}', { params: { path: { domain } } })),
  audit: (cursor?: string | null, action?: AuditAction) =>
    answer(
      client.GET('/api/v1/admin/audit', {
        params: { query: { cursor: cursor ?? undefined, action } },
      }),
    ),
  /** Branded domains, the default one first (as the API lists them). */
  domains: async () => (await answer(client.GET('/api/v1/admin/domains'))).items,
  createDomain: (body: DomainCreate) => answer(client.POST('/api/v1/admin/domains', { body })),
  updateDomain: (host: string, body: DomainPatch) =>
    answer(client.PATCH('/api/v1/admin/domains/{host}', { params: { path: { host } }, body })),
  /** 409 `default-domain` for the default one, `domain-has-links` while links use it. */
  removeDomain: (host: string) =>
    answer(client.DELETE('/api/v1/admin/domains/{host}', { params: { path: { host } } })),
  orphans: (from: string, to: string) =>
    answer(client.GET('/api/v1/admin/stats/orphans', { params: { query: { from, to } } })),
};
