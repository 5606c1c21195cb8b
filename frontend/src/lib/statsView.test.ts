import { describe, expect, it } from 'vitest';
import {
  addFilter,
  filterQuery,
  parseView,
  percentChange,
  previousRange,
  removeFilter,
  viewSearch,
} from './statsView';

const TODAY = new Date('2026-12-07T12:00:00Z');

describe('an analytics view in the URL', () => {
  it('reads back the same view it was written as (range, interval, filters, bot, tab)', () => {
    const search =
      'from=2026-12-01&to=2026-12-07&interval=hour&country=DE&country=%21AT&referrer=%28none%29&bot=false&tab=visits';
    const view = parseView(search, TODAY);
    expect(view).toEqual({
      range: { from: '2026-12-01', to: '2026-12-07' },
      interval: 'hour',
      filters: [
        { param: 'country', value: 'DE' },
        { param: 'country', value: '!AT' },
        { param: 'referrer', value: '(none)' },
      ],
      bot: false,
      tab: 'visits',
    });
    expect(viewSearch(view).toString()).toBe(search);
    expect(parseView(viewSearch(view), TODAY)).toEqual(view);
  });

  it('falls back to the last 30 days by day, and drops unknown or malformed parts', () => {
    const view = parseView('from=2026-13&to=x&interval=minute&evil=1&tab=nope&bot=maybe', TODAY);
    expect(view).toEqual({
      range: { from: '2026-11-08', to: '2026-12-07' },
      interval: 'day',
      filters: [],
      bot: null,
      tab: 'overview',
    });
  });

  it('asks for hours only over ranges of up to 7 days', () => {
    expect(parseView('from=2026-12-01&to=2026-12-07&interval=hour', TODAY).interval).toBe('hour');
    expect(parseView('from=2026-11-30&to=2026-12-07&interval=hour', TODAY).interval).toBe('day');
  });
});

describe('filter chips', () => {
  it('adds a value once, lets "not" replace the value, and removes a chip', () => {
    let filters = addFilter([], 'country', 'DE');
    filters = addFilter(filters, 'country', 'AT');
    filters = addFilter(filters, 'country', 'DE');
    expect(filters).toEqual([
      { param: 'country', value: 'AT' },
      { param: 'country', value: 'DE' },
    ]);
    filters = addFilter(filters, 'country', 'AT', true);
    expect(filters).toEqual([
      { param: 'country', value: 'DE' },
      { param: 'country', value: '!AT' },
    ]);
    expect(removeFilter(filters, { param: 'country', value: 'DE' })).toEqual([
      { param: 'country', value: '!AT' },
    ]);
  });

  it('become the API’s repeated parameters', () => {
    expect(
      filterQuery({
        filters: [
          { param: 'country', value: 'DE' },
          { param: 'country', value: '!AT' },
          { param: 'rule', value: '0' },
        ],
        bot: true,
      }),
    ).toEqual({ country: ['DE', '!AT'], rule: ['0'], bot: true });
  });
});

describe('the previous period', () => {
  it('is as long as the range and ends the day before it starts', () => {
    expect(previousRange({ from: '2026-12-01', to: '2026-12-07' })).toEqual({
      from: '2026-11-24',
      to: '2026-11-30',
    });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
    });
  });

  it('gives the change in percent, none when the period before had no clicks', () => {
    expect(percentChange(150, 100)).toBe(50);
    expect(percentChange(50, 200)).toBe(-75);
    expect(percentChange(5, 0)).toBeNull();
  });
});
