// One analytics view as the URL's query string keeps it, so a view can be shared and reloads the
// same: the range (`from`, `to`), the `interval` (day | hour), the filters and the tab. Filter
// parameters are the API's own (backend/flamingo/stats/filters.py): a parameter repeats for
// "any of", a value starting with `!` means "not", `(none)` matches clicks without a value.
import { addDays, daysBetween, defaultRange } from './dates';

/** The filter parameters of the stats endpoints whose values are breakdown keys. */
export const FILTER_PARAMS = [
  'country',
  'device',
  'os',
  'browser',
  'referrer',
  'language',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'rule',
  'variant',
] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export const NOT = '!';
export const NONE = '(none)';
/** The tail of a breakdown summed into one row: no single value, so no filter. */
export const OTHER = '(other)';
/** `interval=hour` covers at most this many days (422 `interval-too-long` past it). */
export const MAX_HOURLY_DAYS = 7;

export type Interval = 'day' | 'hour';
export const TABS = ['overview', 'visits', 'utm'] as const;
export type Tab = (typeof TABS)[number];

export interface Range {
  from: string;
  to: string;
}

/** One chip: a parameter and one of its values (`!DE` excludes DE). */
export interface Filter {
  param: FilterParam;
  value: string;
}

export interface StatsView {
  range: Range;
  interval: Interval;
  filters: Filter[];
  /** `bot=true` only bots, `false` only humans, `null` both. */
  bot: boolean | null;
  tab: Tab;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isParam = (name: string): name is FilterParam =>
  (FILTER_PARAMS as readonly string[]).includes(name);

/** Whether hourly points may be asked for over `range` (both days included). */
export function hourAllowed(range: Range): boolean {
  return daysBetween(range.from, range.to).length <= MAX_HOURLY_DAYS;
}

/** The view a query string describes; what is missing or malformed takes its default. */
export function parseView(search: URLSearchParams | string, today?: Date): StatsView {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const fallback = defaultRange(today);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const range = DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : { ...fallback };
  const interval: Interval =
    params.get('interval') === 'hour' && hourAllowed(range) ? 'hour' : 'day';
  const filters: Filter[] = [];
  for (const [name, value] of params) {
    if (isParam(name) && value && value !== NOT && !hasFilter(filters, { param: name, value })) {
      filters.push({ param: name, value });
    }
  }
  const botParam = params.get('bot');
  const bot = botParam === 'true' ? true : botParam === 'false' ? false : null;
  const tabParam = params.get('tab') ?? '';
  const tab = (TABS as readonly string[]).includes(tabParam) ? (tabParam as Tab) : 'overview';
  return { range, interval, filters, bot, tab };
}

/** The query string of a view: defaults are left out (the shortest URL for the same view). */
export function viewSearch(view: StatsView): URLSearchParams {
  const params = new URLSearchParams();
  params.set('from', view.range.from);
  params.set('to', view.range.to);
  if (view.interval === 'hour') params.set('interval', 'hour');
  for (const f of view.filters) params.append(f.param, f.value);
  if (view.bot !== null) params.set('bot', String(view.bot));
  if (view.tab !== 'overview') params.set('tab', view.tab);
  return params;
}

function hasFilter(filters: readonly Filter[], filter: Filter): boolean {
  return filters.some((f) => f.param === filter.param && f.value === filter.value);
}

/** The value a filter is about, without its "not". */
export const filterKey = (filter: Filter) =>
  filter.value.startsWith(NOT) ? filter.value.slice(1) : filter.value;
export const isNegated = (filter: Filter) => filter.value.startsWith(NOT);

/**
 * Adds a chip for `value` of `param` (negated: "not value"). A value is either kept or left
 * out, so its opposite chip gives way; a chip that is already there stays once.
 */
export function addFilter(
  filters: readonly Filter[],
  param: FilterParam,
  value: string,
  negate = false,
): Filter[] {
  const wanted: Filter = { param, value: negate ? `${NOT}${value}` : value };
  const rest = filters.filter((f) => !(f.param === param && filterKey(f) === value));
  return [...rest, wanted];
}

export function removeFilter(filters: readonly Filter[], filter: Filter): Filter[] {
  return filters.filter((f) => !(f.param === filter.param && f.value === filter.value));
}

/** The API's query parameters of a view's filters: `{country: ['DE', '!AT'], bot: true}`. */
export function filterQuery(view: Pick<StatsView, 'filters' | 'bot'>) {
  const query: Partial<Record<FilterParam, string[]>> & { bot?: boolean } = {};
  for (const f of view.filters) (query[f.param] ??= []).push(f.value);
  if (view.bot !== null) query.bot = view.bot;
  return query;
}

/** The period of the same length just before `range` (for "compared with the previous …"). */
export function previousRange(range: Range): Range {
  const days = daysBetween(range.from, range.to).length;
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/** Change from `before` to `now` in percent, rounded; `null` when there was nothing before. */
export function percentChange(now: number, before: number): number | null {
  if (before === 0) return null;
  return Math.round(((now - before) / before) * 100);
}

/** The API's stats query of a view: range, filters, and `interval` only when it is `hour`. */
export function statsApiQuery(view: Omit<StatsView, 'tab'>) {
  return {
    from: view.range.from,
    to: view.range.to,
    ...(view.interval === 'hour' ? { interval: 'hour' as const } : {}),
    ...filterQuery(view),
  };
}

/** The same filters over the previous period, by day: only its totals are compared. */
export function previousApiQuery(view: Omit<StatsView, 'tab'>) {
  return { ...statsApiQuery({ ...view, interval: 'day' }), ...previousRange(view.range) };
}

/** How a chip or a row names a parameter. */
export const FILTER_LABELS: Record<FilterParam, string> = {
  country: 'Country',
  device: 'Device',
  os: 'OS',
  browser: 'Browser',
  referrer: 'Referrer',
  language: 'Language',
  utm_source: 'UTM source',
  utm_medium: 'UTM medium',
  utm_campaign: 'UTM campaign',
  rule: 'Rule',
  variant: 'Variant',
};

/** A chip's words: `Country is DE`, `Country is not AT`, `Rule is 1` (rules count from 1). */
export function describeFilter(filter: Filter): string {
  const key = filterKey(filter);
  const shown =
    (filter.param === 'rule' || filter.param === 'variant') && /^\d+$/.test(key)
      ? String(Number(key) + 1)
      : key;
  return `${FILTER_LABELS[filter.param]} is ${isNegated(filter) ? 'not ' : ''}${shown}`;
}
