import type { ReactNode } from 'react';
import { hourAllowed, MAX_HOURLY_DAYS, type StatsView } from '../../lib/statsView';
import { DateRangeForm } from '../DateRangeForm';
import { SelectField } from '../Field';

const AUDIENCE = [
  { value: '', label: 'Humans and bots' },
  { value: 'false', label: 'Only humans' },
  { value: 'true', label: 'Only bots' },
];

/** The range, the interval (hours only for short ranges) and humans/bots of a view. */
export function StatsToolbar({
  view,
  update,
  children,
}: {
  view: StatsView;
  update: (change: Partial<StatsView>) => void;
  children?: ReactNode;
}) {
  const hours = hourAllowed(view.range);
  return (
    <>
      {/* Keyed by the range: Back/Forward (a range from the URL) resets the inputs too. */}
      <DateRangeForm
        key={`${view.range.from}/${view.range.to}`}
        range={view.range}
        onChange={(range) =>
          update({ range, interval: hourAllowed(range) ? view.interval : 'day' })
        }
      >
        {children}
      </DateRangeForm>
      <div className="toolbar">
        <SelectField
          label="Interval"
          name="interval"
          value={view.interval}
          onChange={(value) => update({ interval: value === 'hour' && hours ? 'hour' : 'day' })}
          options={[
            { value: 'day', label: 'Per day' },
            ...(hours ? [{ value: 'hour', label: 'Per hour' }] : []),
          ]}
        />
        <SelectField
          label="Visitors"
          name="bot"
          value={view.bot === null ? '' : String(view.bot)}
          onChange={(value) => update({ bot: value === '' ? null : value === 'true' })}
          options={AUDIENCE}
        />
      </div>
      {hours ? null : (
        <p className="hint">Per hour is offered for ranges of up to {MAX_HOURLY_DAYS} days.</p>
      )}
    </>
  );
}
