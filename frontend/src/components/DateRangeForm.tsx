import { useState, type ReactNode, type SubmitEvent } from 'react';
import { Field } from './Field';

interface Range {
  from: string;
  to: string;
}

/** From/to date inputs (UTC calendar days) applied together; a reversed range is refused. */
export function DateRangeForm({
  range,
  onChange,
  children,
}: {
  range: Range;
  onChange: (range: Range) => void;
  children?: ReactNode;
}) {
  const [draft, setDraft] = useState(range);
  const [error, setError] = useState<string>();
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    if (!draft.from || !draft.to || draft.from > draft.to) {
      setError('Choose a start date on or before the end date.');
      return;
    }
    setError(undefined);
    onChange(draft);
  };
  return (
    <form className="toolbar" onSubmit={apply} aria-label="Date range" noValidate>
      <Field
        label="From"
        name="from"
        type="date"
        value={draft.from}
        max={draft.to}
        onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        error={error}
      />
      <Field
        label="To"
        name="to"
        type="date"
        value={draft.to}
        min={draft.from}
        onChange={(e) => setDraft({ ...draft, to: e.target.value })}
      />
      <button type="submit">Show</button>
      {children}
    </form>
  );
}
