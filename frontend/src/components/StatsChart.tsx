import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { DailyPoint } from '../api/types';

/** Clicks per day: humans and bots stacked, uniques as a line. A table carries the same data. */
export function StatsChart({ series }: { series: DailyPoint[] }) {
  const total = series.reduce((s, p) => s + p.total, 0);
  const first = series[0]?.date ?? '';
  const last = series[series.length - 1]?.date ?? '';
  return (
    <figure className="chart">
      <div
        className="chart-box"
        role="img"
        aria-label={`Clicks per day from ${first} to ${last}: ${total} in total`}
      >
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="date" tick={{ fill: 'var(--muted)', fontSize: 12 }} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fill: 'var(--muted)', fontSize: 12 }} />
            <Tooltip
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)' }}
            />
            <Legend />
            <Bar dataKey="human" name="Humans" stackId="clicks" fill="var(--chart-human)" />
            <Bar dataKey="bot" name="Bots" stackId="clicks" fill="var(--chart-bot)" />
            <Line
              dataKey="unique"
              name="Unique visitors"
              type="monotone"
              stroke="var(--chart-unique)"
              dot={false}
              strokeWidth={2}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <details>
          <summary>Clicks per day as a table</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  Humans
                </th>
                <th scope="col" className="num">
                  Bots
                </th>
                <th scope="col" className="num">
                  Unique
                </th>
              </tr>
            </thead>
            <tbody>
              {series.map((p) => (
                <tr key={p.date}>
                  <th scope="row">{p.date}</th>
                  <td className="num">{p.total}</td>
                  <td className="num">{p.human}</td>
                  <td className="num">{p.bot}</td>
                  <td className="num">{p.unique}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
