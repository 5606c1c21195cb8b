import { links } from './endpoints';

/** The stats query of a link over a range: one definition for the page and its prefetch. */
export function statsQuery(linkId: string, range: { from: string; to: string }) {
  return {
    queryKey: ['stats', linkId, range.from, range.to] as const,
    queryFn: () => links.stats(linkId, range.from, range.to),
  };
}

/** One link with `clicks_used`: shared by its page and its edit page (one cache entry). */
export function linkQuery(id: string) {
  return { queryKey: ['link', id] as const, queryFn: () => links.get(id) };
}
