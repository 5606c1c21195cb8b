import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { ApiError } from '../api/client';
import { workspaces } from '../api/endpoints';
import type { Workspace, WorkspaceRole } from '../api/types';
import {
  currentOf,
  rememberWorkspace,
  storedWorkspaceId,
  subscribeWorkspaceId,
} from '../lib/workspaces';
import { useKnownUser } from './useMe';

export const WORKSPACES_KEY = ['workspaces'] as const;

export interface Workspaces {
  /** The caller's workspaces, personal first; `undefined` while loading. */
  list: Workspace[] | undefined;
  /** The one the pages work in: the remembered choice, else the personal workspace. */
  current: Workspace | undefined;
  error: unknown;
  select: (id: string) => void;
}

/** The signed-in user's workspaces and the current one (one query shared by every page). */
export function useWorkspaces(): Workspaces {
  const query = useQuery({
    queryKey: WORKSPACES_KEY,
    queryFn: workspaces.list,
    staleTime: 60_000,
  });
  const stored = useSyncExternalStore(subscribeWorkspaceId, storedWorkspaceId, () => null);
  return {
    list: query.data,
    current: query.data ? currentOf(query.data, stored) : undefined,
    error: query.error,
    select: rememberWorkspace,
  };
}

/**
 * The caller's role in the workspace `id` (a link's, say): `undefined` while unknown, `null`
 * when not a member. The API lets instance administrators act as owners anywhere.
 */
export function useRoleIn(id: string): WorkspaceRole | null | undefined {
  const { list } = useWorkspaces();
  const user = useKnownUser();
  if (!list) return undefined;
  const role = list.find((w) => w.id === id)?.role ?? null;
  return role ?? (user?.role === 'admin' ? 'owner' : null);
}

/**
 * When the API answers 404 for something of the current workspace, the user may have been
 * removed from it (or it was deleted) since the list was loaded: ask for the list again, so
 * the workspace drops out and the personal one becomes current.
 */
export function useRecheckWorkspaces(error: unknown): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (error instanceof ApiError && error.status === 404) {
      void queryClient.invalidateQueries({ queryKey: WORKSPACES_KEY, exact: true });
    }
  }, [error, queryClient]);
}
