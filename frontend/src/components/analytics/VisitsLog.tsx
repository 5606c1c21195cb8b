import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { links, visitsCsvUrl } from '../../api/endpoints';
import type { Visit } from '../../api/types';
import { formatDateTime } from '../../lib/dates';
import { deviceLabel, osLabel } from '../../lib/labels';
import { filterQuery, type StatsView } from '../../lib/statsView';
import { ErrorAlert } from '../Alert';
import { CursorPager } from '../CursorPager';
import { Loading } from '../Loading';
import { useCursorPages } from '../useCursorPages';

export const VISITS_PER_PAGE = 50;

const dash = (value: string | null | undefined) => value || '—';

function VisitRow({ visit }: { visit: Visit }) {
  return (
    <tr>
      <th scope="row">
        <time dateTime={visit.at}>{formatDateTime(visit.at)}</time>
      </th>
      <td>{dash(visit.country)}</td>
      <td>{deviceLabel(visit.device)}</td>
      <td>{dash(visit.browser)}</td>
      <td>{osLabel(visit.os)}</td>
      <td className="break">{dash(visit.referrer)}</td>
      <td>{dash(visit.language)}</td>
      <td className="break">{dash(visit.utm_source)}</td>
      <td>{visit.bot ? 'Bot' : 'Human'}</td>
    </tr>
  );
}

/**
 * The link's visits over the view's range and filters, newest first, a page at a time; the
 * same visits as a CSV download. The caller keys it by the filters: a new view starts on page 1.
 */
export function VisitsLog({ linkId, view }: { linkId: string; view: StatsView }) {
  const pages = useCursorPages();
  const query = { from: view.range.from, to: view.range.to, ...filterQuery(view) };
  const visits = useQuery({
    queryKey: ['visits', linkId, query, pages.cursor],
    queryFn: () =>
      links.visits(linkId, { ...query, cursor: pages.cursor ?? undefined, limit: VISITS_PER_PAGE }),
    placeholderData: keepPreviousData,
  });
  const items = visits.data?.items;
  return (
    <div className="stack">
      <p>
        <a className="button secondary" href={visitsCsvUrl(linkId, query)} download>
          Download visits (CSV)
        </a>
      </p>
      <ErrorAlert error={visits.error} />
      {visits.isPending ? <Loading label="Loading visits…" /> : null}
      {items ? (
        <div className="table-scroll">
          <table data-testid="visits">
            <caption>Visits, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Country</th>
                <th scope="col">Device</th>
                <th scope="col">Browser</th>
                <th scope="col">OS</th>
                <th scope="col">Referrer</th>
                <th scope="col">Language</th>
                <th scope="col">UTM source</th>
                <th scope="col">Visitor</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 ? (
                <tr>
                  <td colSpan={9}>No visits in this range.</td>
                </tr>
              ) : (
                items.map((visit) => <VisitRow key={visit.id} visit={visit} />)
              )}
            </tbody>
          </table>
        </div>
      ) : null}
      <CursorPager
        pages={pages}
        nextCursor={visits.data?.next_cursor}
        label="Visit pages"
        showPage
      />
    </div>
  );
}
