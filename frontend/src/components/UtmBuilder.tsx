import { useState } from 'react';
import { readUtm, UTM_FIELDS, withUtm, type Utm } from '../lib/utm';
import { Field } from './Field';

/** Adds utm_* parameters to the long URL. */
export function UtmBuilder({ target, onApply }: { target: string; onApply: (t: string) => void }) {
  const [utm, setUtm] = useState<Utm>(() => readUtm(target));
  const preview = withUtm(target, utm);
  return (
    <details className="options">
      <summary>UTM builder</summary>
      <div className="grid-2">
        {UTM_FIELDS.map((name) => (
          <Field
            key={name}
            label={`utm_${name}`}
            name={`utm_${name}`}
            value={utm[name] ?? ''}
            onChange={(e) => setUtm({ ...utm, [name]: e.target.value })}
          />
        ))}
      </div>
      <p className="hint" aria-live="polite">
        Result: <code className="break">{preview || '—'}</code>
      </p>
      <button
        type="button"
        className="secondary"
        disabled={preview === target}
        onClick={() => onApply(preview)}
      >
        Apply UTM parameters
      </button>
    </details>
  );
}
