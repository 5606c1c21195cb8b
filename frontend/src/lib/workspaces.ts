// Workspaces in the SPA: the one the user works in, remembered in this browser (localStorage) across reloads and
// shared by every tab; which one is current when the remembered one is gone is `currentOf`.
import type { Workspace } from '../api/types';

export const STORAGE_KEY = 'flamingo.workspace';

const listeners = new Set<() => void>();

export function storedWorkspaceId(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage refused (privacy settings): the personal workspace it is
  }
}

export function rememberWorkspace(id: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // not remembered across reloads; this page still switches below
  }
  for (const listener of listeners) listener();
}

/** For `useSyncExternalStore`: changes here and in other tabs (`storage` events). */
export function subscribeWorkspaceId(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  };
  listeners.add(listener);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * The remembered workspace if the user is still a member of it, else the personal one (the
 * API lists it first), e.g. after they left or were removed from the remembered one.
 */
export function currentOf(list: readonly Workspace[], id: string | null): Workspace | undefined {
  return list.find((w) => w.id === id) ?? list.find((w) => w.personal) ?? list[0];
}

/** A workspace's name as the switcher and the pages show it: a personal workspace says so once
 * ("Personal", not "Personal (personal)"; a renamed one "Mine (personal)"). */
export function workspaceLabel(workspace: Workspace): string {
  if (!workspace.personal || /\bpersonal\b/i.test(workspace.name)) return workspace.name;
  return `${workspace.name} (personal)`;
}

/**
 * Where an invitee accepts: this SPA's accept page on this origin (`/app/invite/<token>`, the
 * link the API's invitation mail carries too).
 */
export function acceptUrl(token: string): string {
  return `${window.location.origin}${import.meta.env.BASE_URL}invite/${encodeURIComponent(token)}`;
}
