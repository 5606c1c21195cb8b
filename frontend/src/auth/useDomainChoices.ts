import { skipToken, useQuery } from '@tanstack/react-query';
import { domainHosts } from '../api/endpoints';
import type { User } from '../api/types';
import { ME_KEY } from './useMe';

export const DOMAINS_KEY = ['admin', 'domains'] as const;
/** Under `DOMAINS_KEY`, so the domains page's changes refresh the picker too. */
export const DOMAIN_HOSTS_KEY = [...DOMAINS_KEY, 'hosts'] as const;

/**
 * The hosts a new link may be put on, the default domain first; `undefined` when there is no
 * choice to offer (one domain, or not known yet). Every signed-in user may list them
 * (`GET /api/v1/domains`); the domains' redirects stay in the admin API.
 */
export function useDomainChoices(): string[] | undefined {
  // Only read the signed-in user: a protected page renders once `RequireAuth` has loaded them,
  // and this never asks the API a second time.
  const { data: user } = useQuery<User | null>({ queryKey: ME_KEY, queryFn: skipToken });
  const query = useQuery({
    queryKey: DOMAIN_HOSTS_KEY,
    queryFn: domainHosts,
    enabled: Boolean(user),
    staleTime: 60_000,
  });
  if (!user || !query.data || query.data.length < 2) return undefined;
  const hosts = [...query.data].sort((a, b) => Number(b.default) - Number(a.default));
  return hosts.map((d) => d.host);
}
