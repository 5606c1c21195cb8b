// The domain form's values (strings, as inputs hold them) ↔ the admin API's domain bodies.
import { ApiError } from '../api/client';
import type { Domain, DomainCreate, DomainPatch } from '../api/types';
import { isHttpUrl } from './formErrors';

export const REDIRECT_FIELDS = ['root_redirect', 'not_found_redirect', 'expired_redirect'] as const;
export type RedirectField = (typeof REDIRECT_FIELDS)[number];
export const DOMAIN_FIELDS = ['host', ...REDIRECT_FIELDS] as const;
export type DomainField = (typeof DOMAIN_FIELDS)[number];
export type DomainFormValues = Record<DomainField, string>;
export type DomainFormErrors = Partial<Record<DomainField, string>>;

export const REDIRECT_LABELS: Record<RedirectField, { label: string; hint: string }> = {
  root_redirect: { label: 'Root redirect', hint: 'Where the bare domain (/) sends visitors.' },
  not_found_redirect: {
    label: 'Not-found redirect',
    hint: 'Where an unknown code sends visitors instead of the 404 page.',
  },
  expired_redirect: {
    label: 'Expired-link redirect',
    hint: 'Where an expired, disabled or used-up link sends visitors instead of 410 (a link’s own setting wins).',
  },
};

export const EMPTY_DOMAIN_FORM: DomainFormValues = {
  host: '',
  root_redirect: '',
  not_found_redirect: '',
  expired_redirect: '',
};

export function domainToForm(domain: Domain): DomainFormValues {
  return {
    host: domain.host,
    root_redirect: domain.root_redirect ?? '',
    not_found_redirect: domain.not_found_redirect ?? '',
    expired_redirect: domain.expired_redirect ?? '',
  };
}

export function validateDomainForm(values: DomainFormValues, withHost: boolean): DomainFormErrors {
  const errors: DomainFormErrors = {};
  const host = values.host.trim();
  if (withHost) {
    if (!host) errors.host = 'Enter a host name such as go.example.com.';
    else if (/[/:@\s*]/.test(host)) {
      errors.host = 'Give a bare host name (no scheme, port, path or wildcard).';
    } else if (!host.includes('.'))
      errors.host = 'Give a fully qualified name such as go.example.com.';
  }
  for (const name of REDIRECT_FIELDS) {
    const url = values[name].trim();
    if (url && !isHttpUrl(url)) errors[name] = 'Use a full http:// or https:// URL.';
  }
  return errors;
}

export function toDomainCreate(values: DomainFormValues): DomainCreate {
  const body: DomainCreate = { host: values.host.trim() };
  for (const name of REDIRECT_FIELDS) {
    const url = values[name].trim();
    if (url) body[name] = url;
  }
  return body;
}

/** Only the redirects that changed; an emptied one is `null` (removed). */
export function toDomainPatch(values: DomainFormValues, original: Domain): DomainPatch {
  const patch: DomainPatch = {};
  for (const name of REDIRECT_FIELDS) {
    const url = values[name].trim();
    if (url !== (original[name] ?? '')) patch[name] = url || null;
  }
  return patch;
}

/** Why a domain could not be deleted, in words (the API's 409 problems). */
export function deleteProblem(host: string, error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.slug === 'domain-has-links') {
    return `${host} still has links, so it cannot be deleted: delete its links first (a link cannot move to another domain).`;
  }
  if (error.slug === 'default-domain') {
    return `${host} is the default domain (the host of PUBLIC_BASE_URL) and cannot be deleted.`;
  }
  return null;
}
