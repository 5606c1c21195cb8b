// What a role in a workspace may do: the one table of the SPA, mirroring the API's
// (`backend/flamingo/workspaces/models.py` `ACTIONS`, docs/security.md). It only decides which
// controls are shown; the API still decides every request (403 `role-forbidden`).
import type { WorkspaceRole } from '../api/types';

/** Higher ranks can do everything the lower ones can. */
const RANK: Record<WorkspaceRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** The roles from the highest down, as a picker lists them. */
export const ROLES: readonly WorkspaceRole[] = ['owner', 'admin', 'member', 'viewer'];

export type Capability =
  | 'links.read' // see the links and their stats
  | 'links.write' // create (shorten, import), edit, disable and delete links
  | 'tokens.create' // create API tokens that act in the workspace
  | 'members.manage' // invite, revoke invitations, change roles, remove members
  | 'workspace.update' // settings (the name)
  | 'audit.read' // the workspace's audit log
  | 'visits.erase' // erase a link's raw click events (its visit log)
  | 'webhooks.manage' // the workspace's webhooks, their secrets and delivery logs
  | 'workspace.delete'
  | 'owners.manage'; // make, change or remove owners, invite owners

/** Capability → the lowest role that has it. */
const LOWEST: Record<Capability, WorkspaceRole> = {
  'links.read': 'viewer',
  // As the API: anyone may make a token of their own, and it can never do more than their
  // role (a viewer's token reads, whatever scopes it names).
  'tokens.create': 'viewer',
  'links.write': 'member',
  'members.manage': 'admin',
  'workspace.update': 'admin',
  'audit.read': 'admin',
  'visits.erase': 'admin',
  'webhooks.manage': 'admin',
  'workspace.delete': 'owner',
  'owners.manage': 'owner',
};

/** Whether `role` has `capability`; no role (not a member) has none. */
export function can(role: WorkspaceRole | null | undefined, capability: Capability): boolean {
  return role != null && RANK[role] >= RANK[LOWEST[capability]];
}

/** The roles `role` may give (to a member or an invitation): owners only by owners. */
export function assignableRoles(role: WorkspaceRole | null | undefined): WorkspaceRole[] {
  if (!can(role, 'members.manage')) return [];
  return ROLES.filter((r) => r !== 'owner' || can(role, 'owners.manage'));
}

/** Whether `role` may change or remove a member who is `target` (owners only by owners). */
export function canManageMember(
  role: WorkspaceRole | null | undefined,
  target: WorkspaceRole,
): boolean {
  return can(role, 'members.manage') && (target !== 'owner' || can(role, 'owners.manage'));
}

export const ROLE_LABELS: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};
