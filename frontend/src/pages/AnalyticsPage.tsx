import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import { workspaceStatsQuery } from '../api/queries';
import type { TopLink, Workspace } from '../api/types';
import { useRecheckWorkspaces } from '../auth/useWorkspaces';
import { Alert, ErrorAlert } from '../components/Alert';
import { BreakdownGrid } from '../components/analytics/Breakdowns';
import { AUDIENCE_SECTIONS, UTM_SECTIONS } from '../components/analytics/sections';
import { FilterChips } from '../components/analytics/FilterChips';
import { LivePanel } from '../components/analytics/LivePanel';
import { StatsToolbar } from '../components/analytics/StatsToolbar';
import { StatsTotals } from '../components/analytics/StatsTotals';
import { useStatsView } from '../components/analytics/useStatsView';
import { ClicksFigure } from '../components/ClicksFigure';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { WithWorkspace } from '../components/WithWorkspace';
import { previousApiQuery, previousRange, statsApiQuery } from '../lib/statsView';
import { workspaceLabel } from '../lib/workspaces';
import { chartSeries } from '../lib/chartData';

/** The current workspace's analytics across its links, with the link page's filters. */
export default function AnalyticsPage() {
  usePageTitle('Analytics');
  return (
    <WithWorkspace>
      {(workspace) => <WorkspaceAnalytics key={workspace.id} workspace={workspace} />}
    </WithWorkspace>
  );
}

function TopLinks({ items }: { items: readonly TopLink[] }) {
  return (
    <div className="table-scroll">
      <table data-testid="top-links">
        <caption>Top links</caption>
        <thead>
          <tr>
            <th scope="col">Link</th>
            <th scope="col" className="num">
              Clicks
            </th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={2}>No clicks in this range.</td>
            </tr>
          ) : (
            items.map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  <RouterLink to={`/links/${l.id}`}>{l.title ?? l.code}</RouterLink>
                </th>
                <td className="num">{l.total}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function WorkspaceAnalytics({ workspace }: { workspace: Workspace }) {
  const { view, update, filterBy, unfilter } = useStatsView();
  const apiQuery = useMemo(() => statsApiQuery(view), [view]);
  const query = useQuery({
    ...workspaceStatsQuery(workspace.id, apiQuery),
    placeholderData: keepPreviousData,
  });
  const previous = useQuery(workspaceStatsQuery(workspace.id, previousApiQuery(view)));
  useRecheckWorkspaces(query.error);
  const data = query.data;
  // The workspace's series has no uniques (they do not add up across links).
  const series = useMemo(
    () =>
      data
        ? chartSeries(
            data.series.map((p) => ({ ...p, unique: 0 })),
            data.hourly,
            view,
          )
        : [],
    [data, view],
  );
  return (
    <section className="stack" aria-labelledby="analytics-heading">
      <h1 id="analytics-heading">Analytics</h1>
      <p className="hint" data-testid="analytics-workspace">
        Of {workspaceLabel(workspace)}, across its links
      </p>
      <div className="card">
        <StatsToolbar view={view} update={update} />
        <FilterChips
          filters={view.filters}
          bot={view.bot}
          onRemove={unfilter}
          onRemoveBot={() => update({ bot: null })}
          onClear={() => update({ filters: [], bot: null })}
        />
        <LivePanel kind="workspace" id={workspace.id} title="Live clicks of the workspace" />
        <ErrorAlert error={query.error} />
        {query.isPending ? <Loading label="Loading analytics…" /> : null}
        {data ? (
          <>
            <StatsTotals
              totals={data.totals}
              previous={previous.error ? null : previous.data?.totals}
              previousRange={previousRange(view.range)}
            />
            {data.totals.total === 0 ? <Alert kind="info">No clicks in this range.</Alert> : null}
            <ClicksFigure series={series} withUnique={false} unit={view.interval} />
          </>
        ) : null}
      </div>
      {data ? (
        <div className="card stack">
          <TopLinks items={data.top_links} />
          <BreakdownGrid stats={data} sections={AUDIENCE_SECTIONS} onFilter={filterBy} />
          <h2>UTM</h2>
          <BreakdownGrid stats={data} sections={UTM_SECTIONS} onFilter={filterBy} />
        </div>
      ) : null}
    </section>
  );
}
