import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { statsCsvUrl } from '../api/endpoints';
import { statsQuery } from '../api/queries';
import type { Rule, RuleClicks, VariantClicks } from '../api/types';
import { shapeStats, type BreakdownRow } from '../lib/chartData';
import { defaultRange } from '../lib/dates';
import { describeRule } from '../lib/routing';
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

const percent = (part: number, whole: number) =>
  whole ? `${Math.round((100 * part) / whole)} %` : '—';

/** Clicks per redirect rule (by its position in the link's rules) and per variant of the split. */
export function RoutingTables({
  rules,
  ruleClicks,
  variantClicks,
  total,
}: {
  rules: readonly Rule[];
  ruleClicks: readonly RuleClicks[];
  variantClicks: readonly VariantClicks[];
  total: number;
}) {
  if (ruleClicks.length === 0 && variantClicks.length === 0) return null;
  return (
    <div className="breakdowns">
      {ruleClicks.length ? (
        <div className="breakdown">
          <table>
            <caption>Clicks per rule</caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Sends to</th>
                <th scope="col" className="num">
                  Clicks
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {ruleClicks.map((row) => {
                const rule = rules[row.index];
                return (
                  <tr key={row.index}>
                    <th scope="row">
                      Rule {row.index + 1}
                      {rule ? <span className="hint"> ({describeRule(rule)})</span> : null}
                    </th>
                    <td className="break">{rule?.target ?? '—'}</td>
                    <td className="num">{row.clicks}</td>
                    <td className="num">{percent(row.clicks, total)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {variantClicks.length ? (
        <div className="breakdown">
          <table>
            <caption>Clicks per variant</caption>
            <thead>
              <tr>
                <th scope="col">Variant</th>
                <th scope="col">Target</th>
                <th scope="col" className="num">
                  Clicks
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {variantClicks.map((row) => (
                <tr key={row.index}>
                  <th scope="row">Variant {row.index + 1}</th>
                  <td className="break">{row.target}</td>
                  <td className="num">{row.clicks}</td>
                  <td className="num">{percent(row.clicks, total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

export default function LinkStats({
  linkId,
  rules = [],
}: {
  linkId: string;
  rules?: readonly Rule[];
}) {
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
          {query.data ? (
            <RoutingTables
              rules={rules}
              ruleClicks={query.data.rules}
              variantClicks={query.data.variants}
              total={shaped.totals.total}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
