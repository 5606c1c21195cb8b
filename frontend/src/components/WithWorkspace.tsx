import type { ReactNode } from 'react';
import type { Workspace } from '../api/types';
import { ErrorAlert } from './Alert';
import { Loading } from './Loading';
import { useWorkspaces } from '../auth/useWorkspaces';

/** Renders `children` with the current workspace once it is known (its error otherwise). */
export function WithWorkspace({ children }: { children: (workspace: Workspace) => ReactNode }) {
  const { current, error } = useWorkspaces();
  if (error) return <ErrorAlert error={error} />;
  if (!current) return <Loading />;
  return <>{children(current)}</>;
}
