import { useId } from 'react';
import { useWorkspaces } from '../auth/useWorkspaces';
import { ROLE_LABELS } from '../lib/roles';
import { workspaceLabel } from '../lib/workspaces';

/** Which workspace the pages work in: every workspace of the user, personal first. */
export function WorkspaceSwitcher() {
  const id = useId();
  const { list, current, select } = useWorkspaces();
  if (!list || !current) return null; // an error shows on the page that needs the workspace
  return (
    <span className="workspace-switcher">
      <label htmlFor={id} className="visually-hidden">
        Workspace
      </label>
      <select id={id} value={current.id} onChange={(e) => select(e.target.value)}>
        {list.map((w) => (
          <option key={w.id} value={w.id}>
            {workspaceLabel(w)}
            {w.role && !w.personal ? ` · ${ROLE_LABELS[w.role]}` : ''}
          </option>
        ))}
      </select>
    </span>
  );
}
