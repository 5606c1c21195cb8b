import { percentChange, type Range } from '../../lib/statsView';

export interface TotalsShape {
  total: number;
  human: number;
  bot: number;
  unique?: number;
}

const LABELS: [keyof TotalsShape, string][] = [
  ['total', 'Clicks'],
  ['human', 'Humans'],
  ['bot', 'Bots'],
  ['unique', 'Unique visitors (sum of days)'],
];

function Delta({ now, before }: { now: number; before: number }) {
  const change = percentChange(now, before);
  const sign = change !== null && change > 0 ? '+' : '';
  const kind = change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down';
  return (
    <span className={`delta delta-${kind}`}>
      {change === null ? 'new' : `${sign}${change} %`} · {before} before
    </span>
  );
}

/** The totals of the range, each compared with the same filters over the period before. */
export function StatsTotals({
  totals,
  previous,
  previousRange,
}: {
  totals: TotalsShape;
  /** `undefined` while loading, `null` when the period before cannot be counted. */
  previous: TotalsShape | null | undefined;
  previousRange: Range;
}) {
  return (
    <>
      <dl className="totals" data-testid="stats-totals">
        {LABELS.filter(([key]) => totals[key] !== undefined).map(([key, label]) => (
          <div key={key} data-testid={`total-${key}`}>
            <dt>{label}</dt>
            <dd>
              <span data-testid={`count-${key}`}>{totals[key]}</span>
              {previous ? <Delta now={totals[key] ?? 0} before={previous[key] ?? 0} /> : null}
            </dd>
          </div>
        ))}
      </dl>
      <p className="hint" data-testid="compare-note">
        {previous === null
          ? 'The previous period cannot be compared (it reaches past the kept visits).'
          : `Compared with ${previousRange.from} to ${previousRange.to}, the same length just before.`}
      </p>
    </>
  );
}
