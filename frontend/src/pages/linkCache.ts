import type { QueryClient } from '@tanstack/react-query';
import type { Link, LinkDetail } from '../api/types';

/** A PATCH answers the link without `clicks_used`: keep the count the link's page has. */
export function storeUpdated(queryClient: QueryClient, updated: Link) {
  queryClient.setQueryData<LinkDetail>(['link', updated.id], (before) => ({
    ...updated,
    clicks_used: before?.clicks_used ?? null,
  }));
  void queryClient.invalidateQueries({ queryKey: ['links'] });
}
