import type { RawBreakdown } from '../../api/types';
import { namedBreakdown, type BreakdownRow } from '../../lib/chartData';
import { OTHER, type FilterParam } from '../../lib/statsView';
import type { Section } from './sections';

/** Adds a chip per key of a clicked row: `negate` for "not". */
export type OnFilter = (param: FilterParam, keys: readonly string[], negate?: boolean) => void;

/** A row's name; with `onFilter`, a button that filters by it and one that excludes it. */
export function RowName({
  name,
  title,
  onFilter,
}: {
  name: string;
  title: string;
  onFilter?: ((negate: boolean) => void) | undefined;
}) {
  if (!onFilter) return <>{name}</>;
  return (
    <span className="row-filter">
      <button
        type="button"
        className="link-button"
        aria-label={`Only ${title}: ${name}`}
        onClick={() => onFilter(false)}
      >
        {name}
      </button>{' '}
      <button
        type="button"
        className="link-button hint"
        aria-label={`Exclude ${title}: ${name}`}
        title="Exclude"
        onClick={() => onFilter(true)}
      >
        not
      </button>
    </span>
  );
}

/** One breakdown table; with `param`, each row (but `(other)`) filters by its value. */
export function BreakdownTable({
  title,
  rows,
  param,
  onFilter,
}: {
  title: string;
  rows: BreakdownRow[];
  param?: FilterParam;
  onFilter?: OnFilter;
}) {
  const filterable = (row: BreakdownRow) => param && onFilter && row.name !== OTHER;
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
                  <RowName
                    name={row.name}
                    title={title}
                    onFilter={
                      param && onFilter && filterable(row)
                        ? (negate) => onFilter(param, row.keys, negate)
                        : undefined
                    }
                  />
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

/** The breakdowns both a link's and a workspace's stats answer carry. */
export type Breakdowns = Record<BreakdownField, RawBreakdown>;
export type BreakdownField =
  | 'referrers'
  | 'countries'
  | 'browsers'
  | 'os'
  | 'devices'
  | 'languages'
  | 'utm_source'
  | 'utm_medium'
  | 'utm_campaign'
  | 'utm_term'
  | 'utm_content';

export function BreakdownGrid({
  stats,
  sections,
  onFilter,
}: {
  stats: Breakdowns;
  sections: readonly Section[];
  onFilter: OnFilter;
}) {
  return (
    <div className="breakdowns">
      {sections.map((s) => (
        <BreakdownTable
          key={s.field}
          title={s.title}
          rows={namedBreakdown(s.field, stats[s.field])}
          param={s.param}
          onFilter={onFilter}
        />
      ))}
    </div>
  );
}
