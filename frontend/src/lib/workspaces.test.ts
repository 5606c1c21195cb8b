import { describe, expect, it } from 'vitest';
import { aSharedWorkspace, aWorkspace } from '../test/fixtures';
import { workspaceLabel } from './workspaces';

describe('workspace labels', () => {
  it('says "personal" once', () => {
    expect(workspaceLabel(aWorkspace())).toBe('Personal');
    expect(workspaceLabel({ ...aWorkspace(), name: 'Mine' })).toBe('Mine (personal)');
    expect(workspaceLabel(aSharedWorkspace('member'))).toBe('Team');
  });
});
