// The link form's values (strings, as inputs hold them) ↔ the API's link fields.
import type { Link, LinkCreate, LinkPatch, RedirectStatus } from '../api/types';
import { isoToLocalInput, localInputToIso } from './dates';
import { isHttpUrl } from './formErrors';
import {
  ruleToValues,
  toRule,
  toVariant,
  validateRules,
  validateVariants,
  variantToValues,
  type RoutingErrors,
  type RuleValues,
  type VariantValues,
} from './routing';

export interface LinkFormValues {
  target: string;
  alias: string;
  title: string;
  tags: string;
  expires_at: string; // datetime-local
  max_clicks: string;
  password: string;
  remove_password: boolean;
  redirect_status: string;
  domain: string; // '' = the default domain
  rules: RuleValues[];
  variants: VariantValues[]; // empty: no split
  forward_query: boolean;
  valid_from: string; // datetime-local
  expired_redirect: string;
  alias_locked?: string; // editing: the current code (sent again only when it changes)
}

export const LINK_FIELDS = [
  'target',
  'alias',
  'title',
  'tags',
  'expires_at',
  'max_clicks',
  'password',
  'redirect_status',
  'domain',
  'forward_query',
  'valid_from',
  'expired_redirect',
] as const;
export type LinkField = (typeof LINK_FIELDS)[number];
export type LinkFormErrors = Partial<Record<LinkField, string>>;

export const EMPTY_LINK_FORM: LinkFormValues = {
  target: '',
  alias: '',
  title: '',
  tags: '',
  expires_at: '',
  max_clicks: '',
  password: '',
  remove_password: false,
  redirect_status: '302',
  domain: '',
  rules: [],
  variants: [],
  forward_query: false,
  valid_from: '',
  expired_redirect: '',
};

const ALIAS = /^[A-Za-z0-9_-]{3,64}$/;
export const MIN_LINK_PASSWORD = 4;

export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

export function linkToForm(link: Link): LinkFormValues {
  return {
    target: link.target,
    alias: link.code,
    title: link.title ?? '',
    tags: link.tags.join(', '),
    expires_at: isoToLocalInput(link.expires_at),
    max_clicks: link.max_clicks == null ? '' : String(link.max_clicks),
    password: '',
    remove_password: false,
    redirect_status: String(link.redirect_status),
    domain: link.domain,
    rules: link.rules.map(ruleToValues),
    variants: link.variants.map(variantToValues),
    forward_query: link.forward_query,
    valid_from: isoToLocalInput(link.valid_from),
    expired_redirect: link.expired_redirect ?? '',
    alias_locked: link.code,
  };
}

export function validateLinkForm(values: LinkFormValues, now: Date = new Date()): LinkFormErrors {
  const errors: LinkFormErrors = {};
  const target = values.target.trim();
  if (!target) errors.target = 'Paste the URL to shorten.';
  else if (!isHttpUrl(target)) errors.target = 'Use a full http:// or https:// URL.';
  const alias = values.alias.trim();
  if (values.alias_locked !== undefined && !alias) errors.alias = 'A link needs a code.';
  else if (alias && alias !== values.alias_locked && !ALIAS.test(alias)) {
    errors.alias = 'Use 3–64 letters, digits, “-” or “_”.';
  }
  if (values.expires_at) {
    const iso = localInputToIso(values.expires_at);
    if (!iso) errors.expires_at = 'Enter a valid date and time.';
    else if (new Date(iso) <= now) errors.expires_at = 'Choose a time in the future.';
  }
  if (values.max_clicks.trim()) {
    const n = Number(values.max_clicks);
    if (!Number.isInteger(n) || n < 1) errors.max_clicks = 'Enter a whole number of at least 1.';
  }
  if (values.title.length > 200) errors.title = 'Keep the title under 200 characters.';
  if (values.password && values.password.length < MIN_LINK_PASSWORD) {
    errors.password = `Use at least ${MIN_LINK_PASSWORD} characters.`;
  }
  if (values.valid_from && !localInputToIso(values.valid_from)) {
    errors.valid_from = 'Enter a valid date and time.';
  }
  const expiredRedirect = values.expired_redirect.trim();
  if (expiredRedirect && !isHttpUrl(expiredRedirect)) {
    errors.expired_redirect = 'Use a full http:// or https:// URL.';
  }
  const tags = parseTags(values.tags);
  if (tags.length > 20) errors.tags = 'Use at most 20 tags.';
  else if (tags.some((t) => t.length > 40)) errors.tags = 'Keep each tag under 40 characters.';
  return errors;
}

/** The rules' and variants' errors, keyed like the API's fields (`rules.2.target`). */
export function validateRouting(values: LinkFormValues): RoutingErrors {
  return { ...validateRules(values.rules), ...validateVariants(values.variants) };
}

function fullInput(values: LinkFormValues): LinkCreate {
  const input: LinkCreate = {
    target: values.target.trim(),
    redirect_status: Number(values.redirect_status) as RedirectStatus,
  };
  const tags = parseTags(values.tags);
  if (values.alias.trim()) input.alias = values.alias.trim();
  if (values.title.trim()) input.title = values.title.trim();
  if (tags.length) input.tags = tags;
  if (values.expires_at) input.expires_at = localInputToIso(values.expires_at);
  if (values.max_clicks.trim()) input.max_clicks = Number(values.max_clicks);
  if (values.password) input.password = values.password;
  if (values.domain) input.domain = values.domain;
  if (values.rules.length) input.rules = values.rules.map(toRule);
  if (values.variants.length) input.variants = values.variants.map(toVariant);
  if (values.forward_query) input.forward_query = true;
  if (values.valid_from) input.valid_from = localInputToIso(values.valid_from);
  if (values.expired_redirect.trim()) input.expired_redirect = values.expired_redirect.trim();
  return input;
}

/** The body for POST (everything set) or PATCH (only what changed; null clears a field; a new
 * alias moves the link to that code, and the old short URL stops working). */
export function toLinkInput(values: LinkFormValues): LinkCreate;
export function toLinkInput(values: LinkFormValues, original: Link): LinkPatch;
export function toLinkInput(values: LinkFormValues, original?: Link): LinkCreate | LinkPatch {
  if (!original) return fullInput(values);
  const before = linkToForm(original);
  const patch: LinkPatch = {};
  const text = (v: string) => (v.trim() ? v.trim() : null);
  if (values.target.trim() !== before.target) patch.target = values.target.trim();
  const alias = values.alias.trim();
  if (alias && alias !== before.alias) patch.alias = alias;
  if (values.title.trim() !== before.title) patch.title = text(values.title);
  if (parseTags(values.tags).join(',') !== parseTags(before.tags).join(',')) {
    patch.tags = parseTags(values.tags);
  }
  if (values.expires_at !== before.expires_at)
    patch.expires_at = localInputToIso(values.expires_at);
  if (values.max_clicks.trim() !== before.max_clicks) {
    patch.max_clicks = values.max_clicks.trim() ? Number(values.max_clicks) : null;
  }
  if (values.remove_password) patch.password = null;
  else if (values.password) patch.password = values.password;
  if (values.redirect_status !== before.redirect_status) {
    patch.redirect_status = Number(values.redirect_status) as RedirectStatus;
  }
  // The domain is not in LinkPatch: a link stays on the domain it was created on.
  const rules = values.rules.map(toRule);
  if (JSON.stringify(rules) !== JSON.stringify(before.rules.map(toRule))) patch.rules = rules;
  const variants = values.variants.map(toVariant);
  if (JSON.stringify(variants) !== JSON.stringify(before.variants.map(toVariant))) {
    patch.variants = variants.length ? variants : null;
  }
  if (values.forward_query !== before.forward_query) patch.forward_query = values.forward_query;
  if (values.valid_from !== before.valid_from)
    patch.valid_from = localInputToIso(values.valid_from);
  if (values.expired_redirect.trim() !== before.expired_redirect) {
    patch.expired_redirect = text(values.expired_redirect);
  }
  return patch;
}
