import { describe, expect, it } from 'vitest';
import type { Stats } from '../api/types';
import { breakdown, fillSeries, hourlySeries, orphanSeries, shapeStats, totals } from './chartData';
import { daysBetween, defaultRange } from './dates';
import { someStats } from '../test/fixtures';

const point = (date: string, human: number, bot: number, unique: number) => ({
  date,
  total: human + bot,
  human,
  bot,
  unique,
});

describe('chart data shaping', () => {
  it('has one point per day of the range, zero where there were no clicks', () => {
    const series = fillSeries([point('2026-03-02', 3, 1, 2)], '2026-03-01', '2026-03-04');
    expect(series.map((p) => p.date)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
    expect(series[0]).toEqual({ date: '2026-03-01', total: 0, human: 0, bot: 0, unique: 0 });
    expect(series[1]).toEqual(point('2026-03-02', 3, 1, 2));
  });

  it('crosses month and leap-day boundaries', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toEqual([
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(daysBetween('2026-03-05', '2026-03-01')).toEqual([]);
  });

  it('drops points outside the range and merges duplicates of a day', () => {
    const series = fillSeries(
      [
        point('2026-01-01', 1, 0, 1),
        point('2026-01-02T00:00:00Z', 1, 1, 1),
        point('2026-01-02', 2, 0, 1),
      ],
      '2026-01-02',
      '2026-01-02',
    );
    expect(series).toEqual([point('2026-01-02', 3, 1, 2)]);
  });

  it('sums totals over the series', () => {
    expect(totals([point('a', 2, 1, 1), point('b', 5, 0, 4)])).toEqual({
      total: 8,
      human: 7,
      bot: 1,
      unique: 5,
    });
  });

  it('sorts breakdowns by count, computes shares, hides zero rows and limits them', () => {
    const rows = breakdown(
      [
        { key: 'b.example', count: 1 },
        { key: 'a.example', count: 3 },
        { key: 'zero.example', count: 0 },
        { key: '(none)', count: 4 },
      ],
      2,
    );
    expect(rows).toEqual([
      { name: '(none)', count: 4, share: 0.5, keys: ['(none)'] },
      { name: 'a.example', count: 3, share: 0.375, keys: ['a.example'] },
    ]);
    expect(breakdown(undefined)).toEqual([]);
  });

  it('shapes a whole stats answer', () => {
    const stats: Stats = someStats({
      link_id: 'l1',
      code: 'promo',
      from: '2026-05-01',
      to: '2026-05-03',
      series: [point('2026-05-02', 4, 2, 3)],
      referrers: [{ key: 'news.example', count: 6 }],
      countries: [{ key: 'DE', count: 6 }],
      browsers: [
        { key: 'Chrome', count: 4 },
        { key: 'Other', count: 2 },
      ],
      os: [],
      devices: [{ key: 'desktop', count: 6 }],
      totals: { total: 6, human: 4, bot: 2, unique: 3 },
    });
    const shaped = shapeStats(stats, '2026-05-01', '2026-05-03');
    expect(shaped.series).toHaveLength(3);
    expect(shaped.totals).toEqual({ total: 6, human: 4, bot: 2, unique: 3 });
    expect(shaped.browsers.map((b) => b.name)).toEqual(['Chrome', 'Other']);
    expect(shaped.os).toEqual([]);
  });

  it('defaults to the last 30 days, today included', () => {
    expect(defaultRange(new Date('2026-03-10T12:00:00Z'))).toEqual({
      from: '2026-02-09',
      to: '2026-03-10',
    });
  });
});

describe('hourly points', () => {
  it('are named by their UTC hour', () => {
    expect(
      hourlySeries([{ at: '2026-12-01T13:00:00.000Z', total: 3, human: 2, bot: 1, unique: 2 }]),
    ).toEqual([{ date: '2026-12-01 13:00', total: 3, human: 2, bot: 1, unique: 2 }]);
  });
});

describe('orphan visits', () => {
  it('has a point for every day of the range, summing repeated days', () => {
    expect(
      orphanSeries({
        from: '2026-05-01',
        to: '2026-05-04',
        series: [
          { date: '2026-05-02', total: 3 },
          { date: '2026-05-04', total: 1 },
          { date: '2026-05-02', total: 2 },
        ],
        top: [],
      }),
    ).toEqual([
      { date: '2026-05-01', total: 0 },
      { date: '2026-05-02', total: 5 },
      { date: '2026-05-03', total: 0 },
      { date: '2026-05-04', total: 1 },
    ]);
  });
});

describe('display names', () => {
  it('shows one name per operating system and capitalised devices', () => {
    const shaped = shapeStats(
      someStats({
        os: [
          { key: 'Mac OS X', count: 3 },
          { key: 'macOS', count: 1 },
          { key: 'Windows', count: 2 },
        ],
        devices: [{ key: 'mobile', count: 5 }],
      }),
      '2026-05-01',
      '2026-05-01',
    );
    expect(shaped.os.map((r) => [r.name, r.count])).toEqual([
      ['macOS', 4],
      ['Windows', 2],
    ]);
    expect(shaped.devices.map((r) => r.name)).toEqual(['Mobile']);
    // A row filters by every key behind it: both spellings of macOS.
    expect(shaped.os[0]?.keys).toEqual(['Mac OS X', 'macOS']);
    expect(shaped.devices[0]?.keys).toEqual(['mobile']);
  });
});
