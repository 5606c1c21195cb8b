import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { admin } from '../api/endpoints';
import { AdminNav } from '../components/AdminNav';
import { Alert, ErrorAlert } from '../components/Alert';
import { DateRangeForm } from '../components/DateRangeForm';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import { orphanSeries } from '../lib/chartData';
import { defaultRange } from '../lib/dates';

export default function OrphansPage() {
  usePageTitle('Orphan visits · Admin');
  const [range, setRange] = useState(() => defaultRange());
  const query = useQuery({
    queryKey: ['admin', 'orphans', range.from, range.to],
    queryFn: () => admin.orphans(range.from, range.to),
    placeholderData: keepPreviousData,
  });
  const series = useMemo(() => (query.data ? orphanSeries(query.data) : []), [query.data]);
  const total = series.reduce((sum, p) => sum + p.total, 0);
  const peak = Math.max(1, ...series.map((p) => p.total));
  return (
    <div className="stack">
      <h1>Orphan visits</h1>
      <AdminNav />
      <p className="hint">
        Visits of codes that do not exist on a domain this service serves: mistyped, deleted or
        not-yet-valid links, or scanners.
      </p>
      <DateRangeForm range={range} onChange={setRange} />
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loading /> : null}
      {query.data ? (
        <>
          <p>
            <strong data-testid="orphan-total">{total}</strong> orphan visits from {query.data.from}{' '}
            to {query.data.to}.
          </p>
          {total === 0 ? <Alert kind="info">No orphan visits in this range.</Alert> : null}
          <div className="card table-scroll">
            <table data-testid="orphan-top">
              <caption>Most visited unknown codes</caption>
              <thead>
                <tr>
                  <th scope="col">Domain</th>
                  <th scope="col">Code</th>
                  <th scope="col" className="num">
                    Visits
                  </th>
                </tr>
              </thead>
              <tbody>
                {query.data.top.length === 0 ? (
                  <tr>
                    <td colSpan={3}>None</td>
                  </tr>
                ) : (
                  query.data.top.map((row) => (
                    <tr key={`${row.domain}/${row.code}`}>
                      <td className="break">{row.domain}</td>
                      <th scope="row" className="break">
                        <code>{row.code}</code>
                      </th>
                      <td className="num">{row.count}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <div className="card table-scroll">
            <table data-testid="orphan-series">
              <caption>Orphan visits per day</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">
                    Visits
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Bar</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {series.map((p) => (
                  <tr key={p.date}>
                    <th scope="row">{p.date}</th>
                    <td className="num">{p.total}</td>
                    <td className="bar-cell" aria-hidden="true">
                      <span className="bar" style={{ width: `${(100 * p.total) / peak}%` }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
