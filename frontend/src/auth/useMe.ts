import { skipToken, useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { auth } from '../api/endpoints';
import type { User } from '../api/types';

export const ME_KEY = ['me'] as const;

/** The signed-in user, `null` when signed out, `undefined` while unknown. */
export function useMe(): { user: User | null | undefined; error: unknown } {
  const query = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await auth.me();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  return { user: query.data, error: query.error };
}

/**
 * The signed-in user as `RequireAuth` loaded them, without asking the API again (`undefined`
 * before that): for components inside protected pages.
 */
export function useKnownUser(): User | null | undefined {
  return useQuery<User | null>({ queryKey: ME_KEY, queryFn: skipToken }).data;
}
