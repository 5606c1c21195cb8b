import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  addFilter,
  parseView,
  removeFilter,
  viewSearch,
  type Filter,
  type FilterParam,
  type StatsView,
} from '../../lib/statsView';

/** The analytics view of the page's URL and the ways to change it (each a new history entry,
 * so Back undoes a filter). */
export function useStatsView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  const update = useCallback(
    (change: Partial<StatsView>) => setParams(viewSearch({ ...view, ...change })),
    [view, setParams],
  );
  const filterBy = useCallback(
    (param: FilterParam, keys: readonly string[], negate = false) => {
      let filters = view.filters;
      for (const key of keys) filters = addFilter(filters, param, key, negate);
      update({ filters });
    },
    [view, update],
  );
  const unfilter = useCallback(
    (filter: Filter) => update({ filters: removeFilter(view.filters, filter) }),
    [view, update],
  );
  return { view, update, filterBy, unfilter };
}
