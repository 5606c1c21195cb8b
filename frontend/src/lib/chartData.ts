import { deviceLabel, osLabel } from './labels';
// Shapes the stats answer for the chart and the tables: a point for every day of the range
// (days without clicks are zero, not gaps), totals, and breakdowns sorted by count.
import type { DailyPoint, HourlyPoint, OrphanVisits, RawBreakdown, Stats } from '../api/types';
import { daysBetween } from './dates';

export interface BreakdownRow {
  name: string;
  count: number;
  share: number; // 0..1 of the breakdown's total
  /** The API's keys behind the row (one, or several that meet under one display name): a
   * filter by this row asks for any of them. */
  keys: string[];
}

export interface Totals {
  total: number;
  human: number;
  bot: number;
  unique: number;
}

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

export function fillSeries(series: DailyPoint[], from: string, to: string): DailyPoint[] {
  const byDate = new Map<string, DailyPoint>();
  for (const point of series) {
    const date = point.date.slice(0, 10);
    const seen = byDate.get(date);
    byDate.set(date, {
      date,
      total: num(point.total) + (seen?.total ?? 0),
      human: num(point.human) + (seen?.human ?? 0),
      bot: num(point.bot) + (seen?.bot ?? 0),
      unique: num(point.unique) + (seen?.unique ?? 0),
    });
  }
  return daysBetween(from, to).map(
    (date) => byDate.get(date) ?? { date, total: 0, human: 0, bot: 0, unique: 0 },
  );
}

export function totals(series: DailyPoint[]): Totals {
  return series.reduce<Totals>(
    (sum, p) => ({
      total: sum.total + p.total,
      human: sum.human + p.human,
      bot: sum.bot + p.bot,
      // Daily uniques add up to "visitor-days": HyperLogLog counts per day cannot be unioned here.
      unique: sum.unique + p.unique,
    }),
    { total: 0, human: 0, bot: 0, unique: 0 },
  );
}

/** Rows under display names; rows that meet under one name (Mac OS X, macOS) add up. */
function relabel(rows: BreakdownRow[], label: (name: string) => string): BreakdownRow[] {
  const merged = new Map<string, BreakdownRow>();
  for (const row of rows) {
    const name = label(row.name);
    const seen = merged.get(name);
    merged.set(
      name,
      seen
        ? {
            name,
            count: seen.count + row.count,
            share: seen.share + row.share,
            keys: [...seen.keys, ...row.keys],
          }
        : { ...row, name },
    );
  }
  return [...merged.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export function breakdown(raw: RawBreakdown | null | undefined, limit = 10): BreakdownRow[] {
  const rows = (raw ?? []).map((row) => ({ name: row.key, count: num(row.count) }));
  const sum = rows.reduce((s, r) => s + r.count, 0);
  return rows
    .filter((r) => r.count > 0)
    .map((r) => {
      const name = r.name || '(none)';
      return { name, count: r.count, share: sum ? r.count / sum : 0, keys: [name] };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export interface ShapedStats {
  series: DailyPoint[];
  totals: Totals;
  referrers: BreakdownRow[];
  countries: BreakdownRow[];
  browsers: BreakdownRow[];
  os: BreakdownRow[];
  devices: BreakdownRow[];
}

/** Display names of a breakdown's keys, where they differ from the keys. */
export const BREAKDOWN_LABELS: Partial<Record<string, (name: string) => string>> = {
  os: osLabel,
  devices: deviceLabel,
};

/** A breakdown of the answer under its display names (operating systems, devices). */
export function namedBreakdown(field: string, raw: RawBreakdown | null | undefined, limit = 10) {
  const label = BREAKDOWN_LABELS[field];
  const rows = breakdown(raw, limit);
  return label ? relabel(rows, label) : rows;
}

/** Hourly points as the chart's points, each named by its UTC hour (`2026-12-01 13:00`). */
export function hourlySeries(hourly: readonly HourlyPoint[]): DailyPoint[] {
  return hourly.map((p) => ({
    date: `${p.at.slice(0, 10)} ${p.at.slice(11, 16)}`,
    total: num(p.total),
    human: num(p.human),
    bot: num(p.bot),
    unique: num(p.unique),
  }));
}

/** The chart's points: every hour with `interval=hour`, else every day of the range. */
export function chartSeries(
  series: DailyPoint[],
  hourly: readonly HourlyPoint[],
  view: { interval: 'day' | 'hour'; range: { from: string; to: string } },
): DailyPoint[] {
  return view.interval === 'hour' && hourly.length
    ? hourlySeries(hourly)
    : fillSeries(series, view.range.from, view.range.to);
}

export function shapeStats(stats: Stats, from: string, to: string): ShapedStats {
  const series = fillSeries(stats.series, from, to);
  return {
    series,
    totals: totals(series),
    referrers: breakdown(stats.referrers),
    countries: breakdown(stats.countries),
    browsers: breakdown(stats.browsers),
    os: relabel(breakdown(stats.os), osLabel),
    devices: relabel(breakdown(stats.devices), deviceLabel),
  };
}

/** Every day of the range, days without orphan visits as 0 (the API may leave them out). */
export function orphanSeries(data: OrphanVisits): { date: string; total: number }[] {
  const byDate = new Map<string, number>();
  for (const point of data.series) {
    const date = point.date.slice(0, 10);
    byDate.set(date, (byDate.get(date) ?? 0) + point.total);
  }
  return daysBetween(data.from, data.to).map((date) => ({ date, total: byDate.get(date) ?? 0 }));
}
