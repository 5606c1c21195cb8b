// The audited actions, for the audit log's filters.
import type { AuditAction } from '../api/types';

/** The audited actions (the API's `AuditAction`), for the filter. */
export const AUDIT_ACTIONS = [
  'auth.login.success',
  'auth.login.failure',
  'user.signup',
  'user.disable',
  'user.enable',
  'user.password_change',
  'user.verify_email',
  'token.create',
  'token.revoke',
  'link.create',
  'link.update',
  'link.delete',
  'link.disable',
  'link.enable',
  'link.visits.erase',
  'domain.create',
  'domain.update',
  'domain.delete',
  'blocklist.add',
  'blocklist.remove',
  'workspace.create',
  'workspace.update',
  'workspace.delete',
  'member.add',
  'member.update',
  'member.remove',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
] as const satisfies readonly AuditAction[];

// Fails to compile when the API's enum gains an action the filter does not offer.
type Unlisted = Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]>;
export const everyActionListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** What changes inside a workspace (its own log has no sign-ins, users, domains or blocklist). */
export const WORKSPACE_ACTIONS: readonly AuditAction[] = AUDIT_ACTIONS.filter((a) =>
  /^(link|token|workspace|member|invitation)\./.test(a),
);
