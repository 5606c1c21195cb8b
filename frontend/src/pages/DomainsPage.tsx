import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { admin } from '../api/endpoints';
import type { Domain } from '../api/types';
import { DOMAINS_KEY } from '../auth/useDomainChoices';
import { AdminNav } from '../components/AdminNav';
import { Alert, ErrorAlert } from '../components/Alert';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field } from '../components/Field';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/usePageTitle';
import {
  deleteProblem,
  DOMAIN_FIELDS,
  domainToForm,
  EMPTY_DOMAIN_FORM,
  REDIRECT_FIELDS,
  REDIRECT_LABELS,
  toDomainCreate,
  toDomainPatch,
  validateDomainForm,
  type DomainFormErrors,
  type DomainFormValues,
} from '../lib/domainForm';
import { serverFieldErrors } from '../lib/formErrors';

/** The three redirects of a domain, with the host when adding one. */
function DomainFields({
  values,
  onChange,
  errors,
  withHost,
}: {
  values: DomainFormValues;
  onChange: (values: DomainFormValues) => void;
  errors: DomainFormErrors;
  withHost: boolean;
}) {
  return (
    <div className="grid-2">
      {withHost ? (
        <Field
          label="Host"
          name="host"
          required
          placeholder="go.example.com"
          autoCapitalize="none"
          spellCheck={false}
          value={values.host}
          onChange={(e) => onChange({ ...values, host: e.target.value })}
          error={errors.host}
          hint="Point its DNS at this service first; IDN names are stored as punycode."
        />
      ) : null}
      {REDIRECT_FIELDS.map((name) => (
        <Field
          key={name}
          label={REDIRECT_LABELS[name].label}
          name={name}
          type="url"
          inputMode="url"
          placeholder="https://example.com/"
          value={values[name]}
          onChange={(e) => onChange({ ...values, [name]: e.target.value })}
          error={errors[name]}
          hint={REDIRECT_LABELS[name].hint}
        />
      ))}
    </div>
  );
}

/** Client errors first, then the API's (`errors[].field`, or the URL policy's `field`). */
function useFormErrors(error: unknown) {
  const [client, setClient] = useState<DomainFormErrors>({});
  const server = serverFieldErrors(error, DOMAIN_FIELDS);
  const errors: DomainFormErrors = { ...server.byField, ...client };
  return { errors, setClient, unclaimed: server.unclaimed };
}

function AddDomain() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY_DOMAIN_FORM);
  const add = useMutation({
    mutationFn: admin.createDomain,
    onSuccess: () => {
      setValues(EMPTY_DOMAIN_FORM);
      return queryClient.invalidateQueries({ queryKey: DOMAINS_KEY });
    },
  });
  const { errors, setClient, unclaimed } = useFormErrors(add.error);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found = validateDomainForm(values, true);
    setClient(found);
    if (Object.keys(found).length === 0) add.mutate(toDomainCreate(values));
  };
  return (
    <section className="card" aria-labelledby="add-domain-heading">
      <h2 id="add-domain-heading">Add a domain</h2>
      <form onSubmit={submit} noValidate>
        {unclaimed ? <ErrorAlert error={add.error} /> : null}
        {add.isSuccess ? <Alert kind="success">Added {add.data.host}.</Alert> : null}
        <DomainFields values={values} onChange={setValues} errors={errors} withHost />
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add domain'}
        </button>
      </form>
    </section>
  );
}

function EditDomain({ domain, onDone }: { domain: Domain; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => domainToForm(domain));
  const save = useMutation({
    mutationFn: (patch: Parameters<typeof admin.updateDomain>[1]) =>
      admin.updateDomain(domain.host, patch),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: DOMAINS_KEY });
      onDone();
    },
  });
  const { errors, setClient, unclaimed } = useFormErrors(save.error);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found = validateDomainForm(values, false);
    setClient(found);
    if (Object.keys(found).length > 0) return;
    const patch = toDomainPatch(values, domain);
    if (Object.keys(patch).length === 0) onDone();
    else save.mutate(patch);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Redirects of ${domain.host}`}>
      {unclaimed ? <ErrorAlert error={save.error} /> : null}
      <DomainFields values={values} onChange={setValues} errors={errors} withHost={false} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save redirects'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DomainRow({ domain }: { domain: Domain }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () => admin.removeDomain(domain.host),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DOMAINS_KEY }),
  });
  const why = deleteProblem(domain.host, remove.error);
  return (
    <li className="card domain">
      <h3 className="break">
        {domain.host} {domain.default ? <span className="badge">default</span> : null}
      </h3>
      {editing ? (
        <EditDomain domain={domain} onDone={() => setEditing(false)} />
      ) : (
        <>
          <dl className="redirects">
            {REDIRECT_FIELDS.map((name) => (
              <div key={name}>
                <dt>{REDIRECT_LABELS[name].label}</dt>
                <dd className="break">{domain[name] ?? '—'}</dd>
              </div>
            ))}
          </dl>
          <div className="actions">
            <button
              type="button"
              className="secondary"
              aria-label={`Edit the redirects of ${domain.host}`}
              onClick={() => setEditing(true)}
            >
              Edit redirects
            </button>
            {domain.default ? (
              <p className="hint">
                The default domain (the host of <code>PUBLIC_BASE_URL</code>) cannot be deleted.
              </p>
            ) : (
              <ConfirmButton
                label="Delete"
                question={`Delete ${domain.host}?`}
                confirmLabel="Yes, delete"
                pending={remove.isPending}
                onConfirm={() => remove.mutate()}
              />
            )}
          </div>
        </>
      )}
      {why ? <Alert>{why}</Alert> : <ErrorAlert error={remove.error} />}
    </li>
  );
}

export default function DomainsPage() {
  usePageTitle('Domains · Admin');
  const list = useQuery({ queryKey: DOMAINS_KEY, queryFn: admin.domains });
  return (
    <div className="stack">
      <h1>Domains</h1>
      <AdminNav />
      <p className="hint">
        Short links can live on several domains; a code is unique per domain. Each domain has its
        own redirects for its root, unknown codes and expired links.
      </p>
      <AddDomain />
      <section aria-labelledby="domains-heading">
        <h2 id="domains-heading">Domains</h2>
        <ErrorAlert error={list.error} />
        {list.isPending ? <Loading /> : null}
        <ul className="plain-list stack" data-testid="domain-list">
          {list.data?.map((d) => (
            <DomainRow key={d.host} domain={d} />
          ))}
        </ul>
      </section>
    </div>
  );
}
