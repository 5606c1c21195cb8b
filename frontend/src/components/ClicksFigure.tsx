import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { DailyPoint } from '../api/types';

// The chart library is the largest chunk: fetch it only when the chart scrolls into view.
const StatsChart = lazy(() => import('./StatsChart'));

function useInView<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const node = ref.current;
    if (seen || !node) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: '200px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [seen]);
  return [ref, seen];
}

/** Clicks per day (or hour) as a chart, with the same numbers as a table for screen readers and keyboards. */
export function ClicksFigure({
  series,
  withUnique = true,
  unit = 'day',
}: {
  series: DailyPoint[];
  withUnique?: boolean;
  /** What each point counts: a day (`date` is a day) or an hour (`date` names the hour). */
  unit?: 'day' | 'hour';
}) {
  const [ref, visible] = useInView<HTMLDivElement>();
  const total = series.reduce((s, p) => s + p.total, 0);
  const first = series[0]?.date ?? '';
  const last = series[series.length - 1]?.date ?? '';
  return (
    <figure className="chart">
      <div
        ref={ref}
        className="chart-box"
        role="img"
        aria-label={`Clicks per ${unit} from ${first} to ${last}: ${total} in total`}
      >
        {visible ? (
          <Suspense fallback={null}>
            <StatsChart series={series} withUnique={withUnique} />
          </Suspense>
        ) : null}
      </div>
      <figcaption>
        <details>
          <summary>Clicks per {unit} as a table</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{unit === 'hour' ? 'Hour (UTC)' : 'Date'}</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  Humans
                </th>
                <th scope="col" className="num">
                  Bots
                </th>
                {withUnique ? (
                  <th scope="col" className="num">
                    Unique
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {series.map((p) => (
                <tr key={p.date}>
                  <th scope="row">{p.date}</th>
                  <td className="num">{p.total}</td>
                  <td className="num">{p.human}</td>
                  <td className="num">{p.bot}</td>
                  {withUnique ? <td className="num">{p.unique}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
