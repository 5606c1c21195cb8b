// Shapes of the API's requests and answers, named for the SPA. All of them come from the
// generated `schema.d.ts` (the served OpenAPI document; `make api-types`), none is written by hand.
import type { components, operations } from './schema';

type Schemas = components['schemas'];
type Json<
  Op extends keyof operations,
  Status extends keyof operations[Op]['responses'],
> = operations[Op]['responses'][Status] extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

export type User = Schemas['User'];
/** A user as administrators see them: with `disabled`. */
export type AdminUser = Schemas['AdminUser'];
export type AdminUserPage = Schemas['AdminUserPage'];

export type RedirectStatus = Schemas['RedirectStatus'];
export type Link = Schemas['Link'];
/** `GET /links/{id}`: the link with `clicks_used` (counted against `max_clicks`). */
export type LinkDetail = Json<'getLink', 200>;
export type LinkPage = Schemas['LinkPage'];
/** A link as the lists show it: with its `clicks` and its `state`. */
export type LinkListItem = Schemas['LinkListItem'];
export type LinkState = LinkListItem['state'];
export type LinkSort = 'newest' | 'clicks';
/** The body of `POST /links` (and of each item of `POST /links/batch`). */
export type LinkCreate = Schemas['LinkCreate'];
/** The body of `PATCH /links/{id}`: only the fields that change; `alias` moves the link. */
export type LinkPatch = Schemas['LinkPatch'];

export type BatchResult = Schemas['BatchResult'];
export type BatchItemResult = BatchResult['items'][number];

export type Stats = Schemas['LinkStats'];
export type DailyPoint = Schemas['DailyClicks'];
export type HourlyPoint = Schemas['HourlyClicks'];
/** `GET /workspaces/{id}/stats`: clicks across a workspace's links, with every breakdown. */
export type WorkspaceStats = Schemas['WorkspaceStats'];
export type Totals = Schemas['LinkTotals'];
export type TopLink = Schemas['TopLink'];
/** One click of the visit log (never an IP). */
export type Visit = Schemas['Visit'];
export type VisitPage = Schemas['VisitPage'];
/** A breakdown: `[{key, count}]`, largest first (`(other)` sums the tail). */
export type RawBreakdown = Schemas['Breakdown'];
export type Overview = Schemas['StatsOverview'];

export type Scope = Schemas['Scope'];
// A record, so a scope added to the API (or dropped from it) does not compile until listed here.
const SCOPE_SET: Record<Scope, true> = {
  'links:read': true,
  'links:write': true,
  'stats:read': true,
};
export const SCOPES = Object.keys(SCOPE_SET) as Scope[];
export type ApiToken = Schemas['ApiToken'];
export type ApiTokenCreate = Schemas['ApiTokenCreate'];
export type NewApiToken = Schemas['ApiTokenCreated'];

export type Version = Json<'getVersion', 200>;

export type BlockedDomain = Schemas['BlockedDomain'];
export type AuthProviders = Schemas['AuthProviders'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditAction = Schemas['AuditAction'];
export type AuditPage = Schemas['AuditPage'];

/** A branded short domain (admin); `default` is the host of PUBLIC_BASE_URL, always there. */
export type Domain = Schemas['Domain'];
export type DomainCreate = Schemas['DomainCreate'];
export type DomainPatch = Schemas['DomainPatch'];

/** A redirect rule of a link: the first whose every condition holds decides the target. */
export type Rule = Schemas['Rule'];
export type RuleCondition = Schemas['RuleCondition'];
/** One target of a link's weighted A/B split. */
export type Variant = Schemas['Variant'];
export type RuleClicks = Stats['rules'][number];
export type VariantClicks = Stats['variants'][number];

/** Visits of unknown codes on served domains (admin). */
export type OrphanVisits = Schemas['OrphanVisits'];

/** A workspace with the caller's `role` in it (null for an instance admin who is no member). */
export type Workspace = Schemas['Workspace'];
export type WorkspaceRole = Schemas['WorkspaceRole'];
export type Member = Schemas['Member'];
/** An open invitation (listed without its token). */
export type Invitation = Schemas['Invitation'];
/** `POST …/invitations`: the invitation with its `token`, in this answer only. */
export type NewInvitation = Schemas['InvitationCreated'];

/** `POST /api/v1/links/import`: a peer's list answer in, what became of each record out. */
export type ImportReport = Schemas['ImportReport'];
export type ImportRow = Schemas['ImportRow'];
export type ImportSource = operations['importLinks']['parameters']['query']['from'];
export type ImportBody = operations['importLinks']['requestBody']['content']['application/json'];

/** A workspace's webhook, as listed (never its secret). */
export type Webhook = Schemas['Webhook'];
/** `POST …/webhooks` and `…/rotate-secret`: the webhook with its `secret`, in this answer only. */
export type NewWebhookSecret = Schemas['WebhookCreated'];
export type WebhookCreate = Schemas['WebhookCreate'];
export type WebhookChange = Schemas['WebhookChange'];
export type WebhookEvent = Schemas['WebhookEvent'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
