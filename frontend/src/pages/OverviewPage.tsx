import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { overview } from '../api/endpoints';
import { useRecheckWorkspaces } from '../auth/useWorkspaces';
import { ErrorAlert } from '../components/Alert';
import { ClicksFigure } from '../components/ClicksFigure';
import { DateRangeForm } from '../components/DateRangeForm';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { WithWorkspace } from '../components/WithWorkspace';
import type { Workspace } from '../api/types';
import { workspaceLabel } from '../lib/workspaces';
import { fillSeries } from '../lib/chartData';
import { defaultRange } from '../lib/dates';

/** The clicks over time across the current workspace's links, and its most-clicked links. */
export default function OverviewPage() {
  usePageTitle('Overview');
  return (
    <WithWorkspace>
      {(workspace) => <WorkspaceOverview key={workspace.id} workspace={workspace} />}
    </WithWorkspace>
  );
}

function WorkspaceOverview({ workspace }: { workspace: Workspace }) {
  const [range, setRange] = useState(() => defaultRange());
  const query = useQuery({
    queryKey: ['overview', workspace.id, range.from, range.to],
    queryFn: () => overview(workspace.id, range.from, range.to),
    placeholderData: keepPreviousData,
  });
  useRecheckWorkspaces(query.error);
  const series = useMemo(
    () =>
      query.data
        ? fillSeries(
            query.data.series.map((p) => ({ ...p, unique: 0 })),
            range.from,
            range.to,
          )
        : [],
    [query.data, range],
  );
  const data = query.data;
  return (
    <section className="stack">
      <h1>Overview</h1>
      <p className="hint" data-testid="overview-workspace">
        Of {workspaceLabel(workspace)}
      </p>
      <div className="card">
        <DateRangeForm range={range} onChange={setRange} />
        <ErrorAlert error={query.error} />
        {query.isPending ? <Loading /> : null}
        {data ? (
          <>
            <dl className="totals">
              <div>
                <dt>Clicks</dt>
                <dd data-testid="overview-total">{data.totals.total}</dd>
              </div>
              <div>
                <dt>Humans</dt>
                <dd>{data.totals.human}</dd>
              </div>
              <div>
                <dt>Bots</dt>
                <dd>{data.totals.bot}</dd>
              </div>
            </dl>
            <ClicksFigure series={series} withUnique={false} />
          </>
        ) : null}
      </div>
      {data ? (
        <div className="card table-scroll">
          <table data-testid="top-links">
            <caption>Most-clicked links</caption>
            <thead>
              <tr>
                <th scope="col">Link</th>
                <th scope="col" className="num">
                  Clicks
                </th>
              </tr>
            </thead>
            <tbody>
              {data.top_links.length === 0 ? (
                <tr>
                  <td colSpan={2}>No clicks in this range yet.</td>
                </tr>
              ) : (
                data.top_links.map((l) => (
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
      ) : null}
    </section>
  );
}
