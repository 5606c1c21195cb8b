import { describe, expect, it } from 'vitest';
import type { WorkspaceRole } from '../api/types';
import { assignableRoles, can, canManageMember, type Capability } from './roles';

const CAPABILITIES: Capability[] = [
  'links.read',
  'links.write',
  'tokens.create',
  'members.manage',
  'workspace.update',
  'audit.read',
  'workspace.delete',
  'owners.manage',
];

const capabilitiesOf = (role: WorkspaceRole | null) => CAPABILITIES.filter((c) => can(role, c));

describe('roles', () => {
  it('gives each role what the contract gives it, and every lower role’s too', () => {
    expect(capabilitiesOf('viewer')).toEqual(['links.read', 'tokens.create']);
    expect(capabilitiesOf('member')).toEqual(['links.read', 'links.write', 'tokens.create']);
    expect(capabilitiesOf('admin')).toEqual([
      'links.read',
      'links.write',
      'tokens.create',
      'members.manage',
      'workspace.update',
      'audit.read',
    ]);
    expect(capabilitiesOf('owner')).toEqual(CAPABILITIES);
  });

  it('gives nothing without a role', () => {
    expect(capabilitiesOf(null)).toEqual([]);
    expect(can(undefined, 'links.read')).toBe(false);
  });

  it('lets only owners give the owner role, and nobody below admin give any', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'member', 'viewer']);
    expect(assignableRoles('admin')).toEqual(['admin', 'member', 'viewer']);
    expect(assignableRoles('member')).toEqual([]);
    expect(assignableRoles('viewer')).toEqual([]);
  });

  it('lets admins manage members but not owners', () => {
    expect(canManageMember('admin', 'member')).toBe(true);
    expect(canManageMember('admin', 'owner')).toBe(false);
    expect(canManageMember('owner', 'owner')).toBe(true);
    expect(canManageMember('member', 'viewer')).toBe(false);
  });
});
