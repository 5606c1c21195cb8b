import { useId, useState, type SubmitEvent } from 'react';
import type { WebhookCreate, WebhookEvent } from '../api/types';
import { serverFieldErrors } from '../lib/formErrors';
import { WEBHOOK_EVENTS } from '../lib/webhooks';
import { ErrorAlert } from './Alert';
import { Field } from './Field';

export interface WebhookValues {
  url: string;
  events: WebhookEvent[];
  description: string;
}

/** A webhook's URL, events and description: creating one, or editing one. The API checks the
 * URL (the link-target policy); its refusal is shown next to the field. */
export function WebhookForm({
  initial = { url: '', events: ['link.created'], description: '' },
  submitLabel,
  onSubmit,
  pending,
  error,
}: {
  initial?: WebhookValues;
  submitLabel: string;
  onSubmit: (body: WebhookCreate) => void;
  pending: boolean;
  error: unknown;
}) {
  const id = useId();
  const [values, setValues] = useState<WebhookValues>(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const server = serverFieldErrors(error, ['url', 'events', 'description']);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!/^https?:\/\//i.test(values.url.trim())) errors.url = 'Enter an http(s) URL.';
    if (values.events.length === 0) errors.events = 'Choose at least one event.';
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const description = values.description.trim();
    onSubmit({
      url: values.url.trim(),
      events: values.events,
      enabled: true,
      ...(description ? { description } : {}),
    });
  };
  const toggle = (name: WebhookEvent, on: boolean) =>
    setValues((v) => ({
      ...v,
      events: on
        ? WEBHOOK_EVENTS.map(([e]) => e).filter((e) => e === name || v.events.includes(e))
        : v.events.filter((e) => e !== name),
    }));
  const eventsError = clientErrors.events ?? server.byField.events;
  return (
    <form onSubmit={submit} noValidate>
      {server.unclaimed ? <ErrorAlert error={error} /> : null}
      <Field
        label="Receiver URL"
        name="url"
        type="url"
        autoComplete="off"
        value={values.url}
        onChange={(e) => setValues((v) => ({ ...v, url: e.target.value }))}
        error={clientErrors.url ?? server.byField.url}
      />
      <fieldset
        className="checkbox-group"
        aria-describedby={eventsError ? `${id}-events-error` : undefined}
      >
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map(([name, label]) => (
          <span className="checkbox" key={name}>
            <input
              id={`${id}-${name}`}
              type="checkbox"
              checked={values.events.includes(name)}
              onChange={(e) => toggle(name, e.target.checked)}
            />
            <label htmlFor={`${id}-${name}`}>{label}</label>
          </span>
        ))}
        {eventsError ? (
          <p className="field-error" id={`${id}-events-error`}>
            {eventsError}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Description (optional)"
        name="description"
        maxLength={500}
        value={values.description}
        onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
        error={server.byField.description}
      />
      <button type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
