import { useState, type SubmitEvent } from 'react';
import type { Link, LinkCreate, LinkPatch } from '../api/types';
import { serverFieldErrors } from '../lib/formErrors';
import {
  EMPTY_LINK_FORM,
  LINK_FIELDS,
  linkToForm,
  toLinkInput,
  validateLinkForm,
  type LinkFormErrors,
  type LinkFormValues,
} from '../lib/linkForm';
import { ErrorAlert } from './Alert';
import { Field, SelectField } from './Field';
import { UtmBuilder } from './UtmBuilder';

const STATUSES = [
  { value: '302', label: '302 Found (default)' },
  { value: '301', label: '301 Moved Permanently' },
  { value: '307', label: '307 Temporary Redirect' },
  { value: '308', label: '308 Permanent Redirect' },
];

/** A new link (its POST body) or an edit of `original` (its PATCH body: what changed). */
type Purpose =
  | { original?: undefined; onSubmit: (input: LinkCreate) => void }
  | { original: Link; onSubmit: (input: LinkPatch) => void };

type Props = Purpose & {
  submitLabel: string;
  pending: boolean;
  error: unknown;
  withUtm?: boolean;
};

export function LinkForm(props: Props) {
  const { original, submitLabel, pending, error, withUtm } = props;
  const [values, setValues] = useState<LinkFormValues>(
    original ? linkToForm(original) : EMPTY_LINK_FORM,
  );
  const [clientErrors, setClientErrors] = useState<LinkFormErrors>({});
  const server = serverFieldErrors(error, LINK_FIELDS);
  const errorOf = (name: keyof LinkFormErrors) => clientErrors[name] ?? server.byField[name];
  const set = <K extends keyof LinkFormValues>(name: K, value: LinkFormValues[K]) =>
    setValues((v) => ({ ...v, [name]: value }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const errors = validateLinkForm(values);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (props.original) props.onSubmit(toLinkInput(values, props.original));
    else props.onSubmit(toLinkInput(values));
  };

  const advancedError = LINK_FIELDS.some((f) => f !== 'target' && errorOf(f));
  return (
    <form onSubmit={submit} noValidate className="link-form">
      {server.unclaimed ? <ErrorAlert error={error} /> : null}
      <Field
        label={original ? 'Target URL' : 'Long URL'}
        name="target"
        type="url"
        inputMode="url"
        required
        placeholder="https://example.com/a/long/path"
        value={values.target}
        onChange={(e) => set('target', e.target.value)}
        error={errorOf('target')}
      />
      {withUtm ? <UtmBuilder target={values.target} onApply={(t) => set('target', t)} /> : null}
      <details className="options" open={Boolean(original) || advancedError}>
        <summary>{original ? 'Settings' : 'More options'}</summary>
        <div className="grid-2">
          <Field
            label={original ? 'Alias (code)' : 'Custom alias'}
            name="alias"
            value={values.alias}
            onChange={(e) => set('alias', e.target.value)}
            error={errorOf('alias')}
            hint={
              original
                ? 'Changing it moves the link: the old short URL stops working.'
                : '3–64 letters, digits, - or _'
            }
          />
          <Field
            label="Title"
            name="title"
            value={values.title}
            onChange={(e) => set('title', e.target.value)}
            error={errorOf('title')}
          />
          <Field
            label="Tags"
            name="tags"
            value={values.tags}
            onChange={(e) => set('tags', e.target.value)}
            error={errorOf('tags')}
            hint="Comma-separated"
          />
          <Field
            label="Expires at"
            name="expires_at"
            type="datetime-local"
            value={values.expires_at}
            onChange={(e) => set('expires_at', e.target.value)}
            error={errorOf('expires_at')}
          />
          <Field
            label="Max clicks"
            name="max_clicks"
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={values.max_clicks}
            onChange={(e) => set('max_clicks', e.target.value)}
            error={errorOf('max_clicks')}
          />
          <SelectField
            label="Redirect status"
            name="redirect_status"
            value={values.redirect_status}
            onChange={(v) => set('redirect_status', v)}
            options={STATUSES}
            error={errorOf('redirect_status')}
          />
          <Field
            label={original?.has_password ? 'New password' : 'Password'}
            name="password"
            type="password"
            autoComplete="new-password"
            value={values.password}
            disabled={values.remove_password}
            onChange={(e) => set('password', e.target.value)}
            error={errorOf('password')}
            hint={
              original?.has_password
                ? 'Protected. Leave empty to keep the current password.'
                : 'Visitors must enter it before they are redirected.'
            }
          />
          {original?.has_password ? (
            <div className="field checkbox">
              <input
                id="remove-password"
                type="checkbox"
                checked={values.remove_password}
                onChange={(e) => set('remove_password', e.target.checked)}
              />
              <label htmlFor="remove-password">Remove the password</label>
            </div>
          ) : null}
        </div>
      </details>
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
