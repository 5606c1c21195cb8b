import { skipToken, useQuery } from '@tanstack/react-query';
import { admin } from '../api/endpoints';
import type { User } from '../api/types';
import { ME_KEY } from './useMe';

export const DOMAINS_KEY = ['admin', 'domains'] as const;

/**
 * The hosts a new link may be put on, the default domain first; `undefined` when there is no
 * choice to offer. Only administrators can list the domains (`GET /api/v1/admin/domains` is an
 * admin endpoint and the API has no list for other users), so only they get the picker; anyone
 * else's links go on the default domain, which the API picks when `domain` is left out.
 */
export function useDomainChoices(): string[] | undefined {
  // Only read the signed-in user: a protected page renders once `RequireAuth` has loaded them,
  // and this never asks the API a second time.
  const { data: user } = useQuery<User | null>({ queryKey: ME_KEY, queryFn: skipToken });
  const isAdmin = user?.role === 'admin';
  const query = useQuery({
    queryKey: DOMAINS_KEY,
    queryFn: admin.domains,
    enabled: isAdmin,
    staleTime: 60_000,
  });
  if (!isAdmin || !query.data) return undefined;
  const hosts = [...query.data].sort((a, b) => Number(b.default) - Number(a.default));
  return hosts.map((d) => d.host);
}
