// Which breakdowns each analytics view shows, and the filter a row of each sets.
import type { FilterParam } from '../../lib/statsView';
import type { BreakdownField } from './Breakdowns';

export interface Section {
  field: BreakdownField;
  title: string;
  /** The filter a row sets; none for breakdowns the API does not filter by. */
  param?: FilterParam;
}

export const AUDIENCE_SECTIONS: readonly Section[] = [
  { field: 'referrers', title: 'Top referrers', param: 'referrer' },
  { field: 'countries', title: 'Countries', param: 'country' },
  { field: 'browsers', title: 'Browsers', param: 'browser' },
  { field: 'os', title: 'Operating systems', param: 'os' },
  { field: 'devices', title: 'Devices', param: 'device' },
  { field: 'languages', title: 'Languages', param: 'language' },
];

export const UTM_SECTIONS: readonly Section[] = [
  { field: 'utm_source', title: 'UTM source', param: 'utm_source' },
  { field: 'utm_medium', title: 'UTM medium', param: 'utm_medium' },
  { field: 'utm_campaign', title: 'UTM campaign', param: 'utm_campaign' },
  // The API filters by the first three tags only.
  { field: 'utm_term', title: 'UTM term' },
  { field: 'utm_content', title: 'UTM content' },
];
