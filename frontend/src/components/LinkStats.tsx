import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { statsCsvUrl } from '../api/endpoints';
import { statsQuery } from '../api/queries';
import type { Rule, Stats } from '../api/types';
import { chartSeries } from '../lib/chartData';
import {
  previousApiQuery,
  previousRange,
  statsApiQuery,
  viewSearch,
  type StatsView,
  type Tab,
} from '../lib/statsView';
import { Alert, ErrorAlert } from './Alert';
import { BreakdownGrid, type OnFilter } from './analytics/Breakdowns';
import { AUDIENCE_SECTIONS, UTM_SECTIONS } from './analytics/sections';
import { EraseVisits } from './analytics/EraseVisits';
import { FilterChips } from './analytics/FilterChips';
import { LivePanel } from './analytics/LivePanel';
import { RoutingTables } from './analytics/RoutingTables';
import { StatsToolbar } from './analytics/StatsToolbar';
import { StatsTotals } from './analytics/StatsTotals';
import { Tabs } from './analytics/Tabs';
import { useStatsView } from './analytics/useStatsView';
import { VisitsLog } from './analytics/VisitsLog';
import { ClicksFigure } from './ClicksFigure';
import { Loading } from './Loading';

export { RoutingTables } from './analytics/RoutingTables';

const TAB_TITLES: { id: Tab; title: string }[] = [
  { id: 'overview', title: 'Overview' },
  { id: 'visits', title: 'Visits' },
  { id: 'utm', title: 'UTM' },
];

function Overview({
  linkId,
  data,
  view,
  rules,
  onFilter,
}: {
  linkId: string;
  data: Stats;
  view: StatsView;
  rules: readonly Rule[];
  onFilter: OnFilter;
}) {
  const previous = useQuery(statsQuery(linkId, previousApiQuery(view)));
  const series = useMemo(() => chartSeries(data.series, data.hourly, view), [data, view]);
  return (
    <>
      <StatsTotals
        totals={data.totals}
        previous={previous.error ? null : previous.data?.totals}
        previousRange={previousRange(view.range)}
      />
      {data.totals.total === 0 ? <Alert kind="info">No clicks in this range yet.</Alert> : null}
      <ClicksFigure series={series} unit={view.interval} />
      <BreakdownGrid stats={data} sections={AUDIENCE_SECTIONS} onFilter={onFilter} />
      <RoutingTables
        rules={rules}
        ruleClicks={data.rules}
        variantClicks={data.variants}
        total={data.totals.total}
        onFilter={onFilter}
      />
    </>
  );
}

/** A link's analytics: the view (range, interval, filters, tab) lives in the page's URL. */
export default function LinkStats({
  linkId,
  rules = [],
  canErase = false,
}: {
  linkId: string;
  rules?: readonly Rule[];
  /** Owners and admins of the link's workspace may erase its visits. */
  canErase?: boolean;
}) {
  const { view, update, filterBy, unfilter } = useStatsView();
  const apiQuery = useMemo(() => statsApiQuery(view), [view]);
  const query = useQuery({ ...statsQuery(linkId, apiQuery), placeholderData: keepPreviousData });
  // The visit log starts on its first page whenever the range or a filter changes.
  const visitsKey = viewSearch({ ...view, tab: 'overview', interval: 'day' }).toString();
  return (
    <section className="card" aria-labelledby="stats-heading">
      <h2 id="stats-heading">Analytics</h2>
      <StatsToolbar view={view} update={update}>
        <a className="button secondary" href={statsCsvUrl(linkId, apiQuery)} download>
          Export CSV
        </a>
      </StatsToolbar>
      <FilterChips
        filters={view.filters}
        bot={view.bot}
        onRemove={unfilter}
        onRemoveBot={() => update({ bot: null })}
        onClear={() => update({ filters: [], bot: null })}
      />
      <LivePanel kind="link" id={linkId} />
      <Tabs
        label="Analytics views"
        tabs={TAB_TITLES}
        selected={view.tab}
        onSelect={(tab) => update({ tab })}
      >
        {view.tab === 'visits' ? (
          <VisitsLog key={visitsKey} linkId={linkId} view={view} />
        ) : (
          <>
            <ErrorAlert error={query.error} />
            {query.isPending ? <Loading label="Loading analytics…" /> : null}
            {query.data && view.tab === 'overview' ? (
              <Overview
                linkId={linkId}
                data={query.data}
                view={view}
                rules={rules}
                onFilter={filterBy}
              />
            ) : null}
            {query.data && view.tab === 'utm' ? (
              <BreakdownGrid stats={query.data} sections={UTM_SECTIONS} onFilter={filterBy} />
            ) : null}
          </>
        )}
      </Tabs>
      {canErase ? <EraseVisits linkId={linkId} /> : null}
    </section>
  );
}
