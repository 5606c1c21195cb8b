import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { statsCsvUrl } from '../api/endpoints';
import { statsQuery } from '../api/queries';
import { shapeStats, type BreakdownRow } from '../lib/chartData';
import { defaultRange } from '../lib/dates';
import { Alert, ErrorAlert } from './Alert';
import { DateRangeForm } from './DateRangeForm';
import { Loading } from './Loading';
import { ClicksFigure } from './ClicksFigure';

function BreakdownTable({ title, rows }: { title: string; rows: BreakdownRow[] }) {
  return (
    <div className="breakdown">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Clicks
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3}>No data</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.name}>
                <th scope="row" className="break">
                  {row.name}
                </th>
                <td className="num">{row.count}</td>
                <td className="num">{Math.round(row.share * 100)} %</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export default function LinkStats({ linkId }: { linkId: string }) {
  const [range, setRange] = useState(() => defaultRange());
  const query = useQuery({ ...statsQuery(linkId, range), placeholderData: keepPreviousData });
  const shaped = useMemo(
    () => (query.data ? shapeStats(query.data, range.from, range.to) : null),
    [query.data, range],
  );
  return (
    <section className="card" aria-labelledby="stats-heading">
      <h2 id="stats-heading">Analytics</h2>
      <DateRangeForm range={range} onChange={setRange}>
        <a className="button secondary" href={statsCsvUrl(linkId, range.from, range.to)} download>
          Export CSV
        </a>
      </DateRangeForm>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading label="Loading analytics…" /> : null}
      {shaped ? (
        <>
          <dl className="totals" data-testid="stats-totals">
            <div>
              <dt>Clicks</dt>
              <dd data-testid="total-clicks">{shaped.totals.total}</dd>
            </div>
            <div>
              <dt>Humans</dt>
              <dd data-testid="human-clicks">{shaped.totals.human}</dd>
            </div>
            <div>
              <dt>Bots</dt>
              <dd data-testid="bot-clicks">{shaped.totals.bot}</dd>
            </div>
            <div>
              <dt>Unique visitors (sum of days)</dt>
              <dd data-testid="unique-visitors">{shaped.totals.unique}</dd>
            </div>
          </dl>
          {shaped.totals.total === 0 ? (
            <Alert kind="info">No clicks in this range yet.</Alert>
          ) : null}
          <ClicksFigure series={shaped.series} />
          <div className="breakdowns">
            <BreakdownTable title="Top referrers" rows={shaped.referrers} />
            <BreakdownTable title="Countries" rows={shaped.countries} />
            <BreakdownTable title="Browsers" rows={shaped.browsers} />
            <BreakdownTable title="Operating systems" rows={shaped.os} />
            <BreakdownTable title="Devices" rows={shaped.devices} />
          </div>
        </>
      ) : null}
    </section>
  );
}
