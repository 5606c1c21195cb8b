import { timeZone } from '../lib/labels';
import { useId } from 'react';
import {
  DEVICES,
  emptyRule,
  errorAt,
  MAX_RULES,
  move,
  OSES,
  type RoutingErrors,
  type RuleValues,
} from '../lib/routing';
import { Field } from './Field';

/** Focuses an element by id once React has rendered the move (keyboard users keep their place). */
function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  error,
}: {
  legend: string;
  options: [T, string][];
  value: T[];
  onChange: (value: T[]) => void;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset className="checkbox-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <span className="checkbox" key={option}>
          <input
            id={`${id}-${option}`}
            type="checkbox"
            checked={value.includes(option)}
            onChange={(e) =>
              onChange(
                e.target.checked
                  ? options.map(([o]) => o).filter((o) => o === option || value.includes(o))
                  : value.filter((v) => v !== option),
              )
            }
          />
          <label htmlFor={`${id}-${option}`}>{label}</label>
        </span>
      ))}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function RuleFieldset({
  rule,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  rule: RuleValues;
  index: number;
  count: number;
  errors: RoutingErrors;
  onChange: (rule: RuleValues) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const at = `rules.${index}`;
  const n = index + 1;
  const set = <K extends keyof RuleValues>(name: K, value: RuleValues[K]) =>
    onChange({ ...rule, [name]: value });
  // A problem of the rule as a whole (no condition, after ≥ before) rather than of one input.
  const ruleError = errors[`${at}.if`] ?? errors[at];
  const ruleErrorId = `rule-${rule.key}-error`;
  return (
    <fieldset
      className="rule"
      data-testid={`rule-${index}`}
      aria-describedby={ruleError ? ruleErrorId : undefined}
    >
      <legend>Rule {n}</legend>
      {ruleError ? (
        <p className="field-error" id={ruleErrorId}>
          {ruleError}
        </p>
      ) : null}
      <p className="hint">Every condition you set must hold; empty ones are ignored.</p>
      <div className="grid-2">
        <CheckboxGroup
          legend="Device"
          options={DEVICES}
          value={rule.device}
          onChange={(v) => set('device', v)}
          error={errorAt(errors, `${at}.if.device`)}
        />
        <CheckboxGroup
          legend="Operating system"
          options={OSES}
          value={rule.os}
          onChange={(v) => set('os', v)}
          error={errorAt(errors, `${at}.if.os`)}
        />
        <Field
          label="Languages"
          value={rule.language}
          onChange={(e) => set('language', e.target.value)}
          hint="Comma-separated primary tags from Accept-Language, e.g. de, fr"
          error={errorAt(errors, `${at}.if.language`)}
        />
        <Field
          label="Countries"
          value={rule.country}
          onChange={(e) => set('country', e.target.value)}
          hint="Comma-separated ISO codes, e.g. DE, AT"
          error={errorAt(errors, `${at}.if.country`)}
        />
        <Field
          label="Query parameters"
          value={rule.query}
          onChange={(e) => set('query', e.target.value)}
          hint="Exact values the visit must carry, e.g. utm_source=mail&lang=de"
          error={errorAt(errors, `${at}.if.query`)}
        />
        <Field
          label={`After (${timeZone()})`}
          type="datetime-local"
          value={rule.after}
          onChange={(e) => set('after', e.target.value)}
          error={errorAt(errors, `${at}.if.after`)}
        />
        <Field
          label={`Before (${timeZone()})`}
          type="datetime-local"
          value={rule.before}
          onChange={(e) => set('before', e.target.value)}
          error={errorAt(errors, `${at}.if.before`)}
        />
      </div>
      <Field
        label="Send to"
        type="url"
        inputMode="url"
        placeholder="https://example.com/for-these-visitors"
        value={rule.target}
        onChange={(e) => set('target', e.target.value)}
        error={errorAt(errors, `${at}.target`)}
      />
      <div className="actions">
        <button
          type="button"
          className="secondary"
          id={`rule-${rule.key}-up`}
          aria-label={`Move rule ${n} up`}
          disabled={index === 0}
          onClick={() => {
            onMove(index - 1);
            focusSoon(index - 1 === 0 ? `rule-${rule.key}-down` : `rule-${rule.key}-up`);
          }}
        >
          Move up
        </button>
        <button
          type="button"
          className="secondary"
          id={`rule-${rule.key}-down`}
          aria-label={`Move rule ${n} down`}
          disabled={index === count - 1}
          onClick={() => {
            onMove(index + 1);
            focusSoon(index + 1 === count - 1 ? `rule-${rule.key}-up` : `rule-${rule.key}-down`);
          }}
        >
          Move down
        </button>
        <button type="button" className="danger" aria-label={`Remove rule ${n}`} onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}

/** The ordered redirect rules of a link: the first whose conditions all hold decides. */
export function RulesEditor({
  rules,
  onChange,
  errors,
}: {
  rules: RuleValues[];
  onChange: (rules: RuleValues[]) => void;
  errors: RoutingErrors;
}) {
  const listError = errors.rules;
  return (
    <fieldset className="rules-editor">
      <legend>Redirect rules</legend>
      <p className="hint">
        Checked in order: the first rule whose conditions all hold sends the visitor to its URL; no
        match → the link’s own target (or its A/B split).
      </p>
      {listError ? <p className="field-error">{listError}</p> : null}
      {rules.map((rule, i) => (
        <RuleFieldset
          key={rule.key}
          rule={rule}
          index={i}
          count={rules.length}
          errors={errors}
          onChange={(changed) => onChange(rules.map((r, j) => (j === i ? changed : r)))}
          onMove={(to) => onChange(move(rules, i, to))}
          onRemove={() => {
            onChange(rules.filter((_, j) => j !== i));
            focusSoon('add-rule');
          }}
        />
      ))}
      <button
        type="button"
        className="secondary"
        id="add-rule"
        disabled={rules.length >= MAX_RULES}
        onClick={() => onChange([...rules, emptyRule()])}
      >
        Add a rule
      </button>
    </fieldset>
  );
}
