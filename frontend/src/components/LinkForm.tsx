import { useState, type SubmitEvent } from 'react';
import { ApiError } from '../api/client';
import type { Link, LinkCreate, LinkPatch } from '../api/types';
import { serverFieldErrors, withScheme } from '../lib/formErrors';
import { timeZone } from '../lib/labels';
import {
  EMPTY_LINK_FORM,
  LINK_FIELDS,
  linkToForm,
  toLinkInput,
  validateLinkForm,
  validateRouting,
  type LinkFormErrors,
  type LinkFormValues,
} from '../lib/linkForm';
import { routingFieldErrors, type RoutingErrors } from '../lib/routing';
import { ErrorAlert } from './Alert';
import { Field, SelectField } from './Field';
import { RulesEditor } from './RulesEditor';
import { UtmBuilder } from './UtmBuilder';
import { VariantsEditor } from './VariantsEditor';

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
  /**
   * The hosts a new link may be on, the default domain first (`useDomainChoices`). The picker
   * shows only when there is a choice; an edit shows the link's domain read-only, since a link
   * cannot move to another domain (`LinkPatch` has no `domain`).
   */
  domains?: readonly string[] | undefined;
};

export function LinkForm(props: Props) {
  const { original, submitLabel, pending, error, withUtm, domains } = props;
  const [values, setValues] = useState<LinkFormValues>(
    original ? linkToForm(original) : EMPTY_LINK_FORM,
  );
  const [clientErrors, setClientErrors] = useState<LinkFormErrors>({});
  const [clientRouting, setClientRouting] = useState<RoutingErrors>({});
  const server = serverFieldErrors(error, LINK_FIELDS);
  const serverRouting = error instanceof ApiError ? routingFieldErrors(error.fieldErrors()) : {};
  const routingErrors = { ...serverRouting, ...clientRouting };
  const errorOf = (name: keyof LinkFormErrors) => clientErrors[name] ?? server.byField[name];
  const set = <K extends keyof LinkFormValues>(name: K, value: LinkFormValues[K]) =>
    setValues((v) => ({ ...v, [name]: value }));

  // `example.com` means https://example.com: completed on leaving the field and on submit, and
  // shown in the field (with a hint) so the person sees what will be saved.
  const [typedTarget, setTypedTarget] = useState('');
  const completeTarget = () => {
    const target = withScheme(values.target);
    if (target !== values.target.trim()) {
      setTypedTarget(values.target);
      set('target', target);
    }
    return target;
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const current = { ...values, target: completeTarget() };
    const errors = validateLinkForm(current);
    const routing = validateRouting(current);
    setClientErrors(errors);
    setClientRouting(routing);
    if (Object.keys(errors).length > 0 || Object.keys(routing).length > 0) return;
    if (props.original) props.onSubmit(toLinkInput(current, props.original));
    else props.onSubmit(toLinkInput(current));
  };

  const advancedError = LINK_FIELDS.some((f) => f !== 'target' && errorOf(f));
  const routingError = Object.keys(routingErrors).length > 0;
  const routed = values.rules.length > 0 || values.variants.length > 0;
  const showPicker = !original && domains !== undefined && domains.length > 1;
  return (
    <form onSubmit={submit} noValidate className="link-form">
      {server.unclaimed && Object.keys(serverRouting).length === 0 ? (
        <ErrorAlert error={error} />
      ) : null}
      {showPicker ? (
        <SelectField
          label="Domain"
          name="domain"
          value={values.domain || (domains[0] ?? '')}
          onChange={(v) => set('domain', v === domains[0] ? '' : v)}
          options={domains.map((host, i) => ({
            value: host,
            label: i === 0 ? `${host} (default)` : host,
          }))}
          error={errorOf('domain')}
        />
      ) : null}
      <Field
        label={original ? 'Target URL' : 'Long URL'}
        name="target"
        type="url"
        inputMode="url"
        required
        placeholder="https://example.com/a/long/path"
        value={values.target}
        onChange={(e) => set('target', e.target.value)}
        onBlur={completeTarget}
        error={errorOf('target')}
        hint={
          typedTarget && values.target === withScheme(typedTarget)
            ? 'https:// added to the address you typed.'
            : undefined
        }
      />
      {withUtm ? <UtmBuilder target={values.target} onApply={(t) => set('target', t)} /> : null}
      <details className="options" open={Boolean(original) || advancedError}>
        <summary>{original ? 'Settings' : 'More options'}</summary>
        {original ? (
          <p className="hint">
            Domain: <strong>{original.domain}</strong> (a link stays on its domain)
          </p>
        ) : null}
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
            label={`Expires at (${timeZone()})`}
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
          <Field
            label={`Valid from (${timeZone()})`}
            name="valid_from"
            type="datetime-local"
            value={values.valid_from}
            onChange={(e) => set('valid_from', e.target.value)}
            error={errorOf('valid_from')}
            hint="Before then the short URL answers 404, as if it did not exist yet."
          />
          <Field
            label="Expired redirect"
            name="expired_redirect"
            type="url"
            inputMode="url"
            placeholder="https://example.com/offer-ended"
            value={values.expired_redirect}
            onChange={(e) => set('expired_redirect', e.target.value)}
            error={errorOf('expired_redirect')}
            hint="Where an expired, disabled or used-up link sends visitors instead of 410."
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
      <details className="options" open={routed || routingError}>
        <summary>Redirect rules and A/B split</summary>
        <RulesEditor
          rules={values.rules}
          onChange={(rules) => set('rules', rules)}
          errors={routingErrors}
        />
        <VariantsEditor
          variants={values.variants}
          onChange={(variants) => set('variants', variants)}
          errors={routingErrors}
        />
        <div className="field checkbox">
          <input
            id="forward-query"
            type="checkbox"
            checked={values.forward_query}
            onChange={(e) => set('forward_query', e.target.checked)}
            aria-describedby="forward-query-hint"
          />
          <label htmlFor="forward-query">Forward the visitor’s query string</label>
        </div>
        <p className="hint" id="forward-query-hint">
          Appends e.g. <code>?utm_source=mail</code> of the short URL to whichever target is chosen.
        </p>
        {errorOf('forward_query') ? (
          <p className="field-error">{errorOf('forward_query')}</p>
        ) : null}
      </details>
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
