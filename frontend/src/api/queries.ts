import { links, workspaces, type StatsQuery } from './endpoints';

/** The stats query of a link: one definition for the page and its prefetch. */
export function statsQuery(linkId: string, query: StatsQuery) {
  return {
    queryKey: ['stats', linkId, query] as const,
    queryFn: () => links.stats(linkId, query),
  };
}

/** A workspace's stats across its links. */
export function workspaceStatsQuery(workspaceId: string, query: StatsQuery) {
  return {
    queryKey: ['workspace-stats', workspaceId, query] as const,
    queryFn: () => workspaces.stats(workspaceId, query),
  };
}

/** One link with `clicks_used`: shared by its page and its edit page (one cache entry). */
export function linkQuery(id: string) {
  return { queryKey: ['link', id] as const, queryFn: () => links.get(id) };
}
