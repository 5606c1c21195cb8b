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

/** Clicks per day: humans and bots stacked, uniques as a line (recharts: loaded on demand). */
export default function StatsChart({
  series,
  withUnique,
}: {
  series: DailyPoint[];
  withUnique: boolean;
}) {
  return (
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
        {withUnique ? (
          <Line
            dataKey="unique"
            name="Unique visitors"
            type="monotone"
            stroke="var(--chart-unique)"
            dot={false}
            strokeWidth={2}
          />
        ) : null}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
