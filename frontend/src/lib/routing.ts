// A link's redirect rules and A/B variants as the editors hold them (strings, as inputs do) ↔
// the API's `rules` and `variants`; the limits are the backend's (flamingo/links/rules.py).
import type { Rule, RuleCondition, Variant } from '../api/types';
import { isoToLocalInput, localInputToIso } from './dates';
import { isHttpUrl } from './formErrors';
import { osLabel } from './labels';

export const MAX_RULES = 20;
export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 10;
export const MAX_WEIGHT = 1_000_000;

type Device = Extract<NonNullable<RuleCondition['device']>, string>;
type Os = Extract<NonNullable<RuleCondition['os']>, string>;
// Records, so a value the contract adds (or drops) does not compile until listed here.
const DEVICE_LABELS: Record<Device, string> = {
  desktop: 'Desktop',
  mobile: 'Mobile',
  tablet: 'Tablet',
  bot: 'Bot',
};
// The same names as the stats show (lib/labels.ts: one mapping).
const OS_KEYS: Os[] = ['ios', 'android', 'windows', 'macos', 'linux', 'other'];
const OS_LABELS = Object.fromEntries(OS_KEYS.map((os) => [os, osLabel(os)])) as Record<Os, string>;
export const DEVICES = Object.entries(DEVICE_LABELS) as [Device, string][];
export const OSES = Object.entries(OS_LABELS) as [Os, string][];

export interface RuleValues {
  key: number; // stable React key while rules move
  device: Device[];
  os: Os[];
  language: string; // comma-separated primary subtags
  country: string; // comma-separated ISO 3166-1 alpha-2 codes
  query: string; // `name=value&other=value`
  after: string; // datetime-local
  before: string; // datetime-local
  target: string;
}

export interface VariantValues {
  key: number;
  target: string;
  weight: string;
}

let nextKey = 1;
const newKey = () => nextKey++;

export function emptyRule(): RuleValues {
  return {
    key: newKey(),
    device: [],
    os: [],
    language: '',
    country: '',
    query: '',
    after: '',
    before: '',
    target: '',
  };
}

export function emptyVariant(weight = '1'): VariantValues {
  return { key: newKey(), target: '', weight };
}

const listOf = <T extends string>(value: T | T[] | null | undefined): T[] =>
  value == null ? [] : Array.isArray(value) ? value : [value];

/** `a, B ,a` → `['a', 'B']`; `normalise` (e.g. lower-casing) applies before duplicates go. */
const commaList = (text: string, normalise: (t: string) => string = (t) => t): string[] => [
  ...new Set(
    text
      .split(',')
      .map((t) => normalise(t.trim()))
      .filter(Boolean),
  ),
];

export function ruleToValues(rule: Rule): RuleValues {
  const when = rule.if;
  return {
    key: newKey(),
    device: listOf(when.device),
    os: listOf(when.os),
    language: listOf(when.language).join(', '),
    country: listOf(when.country).join(', '),
    query: when.query ? new URLSearchParams(when.query).toString() : '',
    after: isoToLocalInput(when.after),
    before: isoToLocalInput(when.before),
    target: rule.target,
  };
}

export function variantToValues(variant: Variant): VariantValues {
  return { key: newKey(), target: variant.target, weight: String(variant.weight) };
}

/** `a=1&b=2` (a leading `?` allowed) → `{a: '1', b: '2'}`; null when nothing is named. */
export function parseQueryMatch(text: string): Record<string, string> | null {
  const params = new URLSearchParams(text.trim().replace(/^\?/, ''));
  const match: Record<string, string> = {};
  for (const [name, value] of params) if (name) match[name] = value;
  return Object.keys(match).length ? match : null;
}

export function toRule(values: RuleValues): Rule {
  const when: RuleCondition = {};
  if (values.device.length) when.device = values.device;
  if (values.os.length) when.os = values.os;
  const language = commaList(values.language, (l) => l.toLowerCase());
  if (language.length) when.language = language;
  const country = commaList(values.country, (c) => c.toUpperCase());
  if (country.length) when.country = country;
  const query = parseQueryMatch(values.query);
  if (query) when.query = query;
  const after = localInputToIso(values.after);
  if (after) when.after = after;
  const before = localInputToIso(values.before);
  if (before) when.before = before;
  return { if: when, target: values.target.trim() };
}

export function toVariant(values: VariantValues): Variant {
  return { target: values.target.trim(), weight: Number(values.weight) };
}

/** Each variant's share of the visits in % (0 for an unusable weight), e.g. 1:3 → 25, 75. */
export function variantShares(variants: readonly VariantValues[]): number[] {
  const weights = variants.map((v) => {
    const n = Number(v.weight);
    return Number.isInteger(n) && n >= 1 ? n : 0;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (sum ? (100 * w) / sum : 0));
}

/** A share for people: whole percent, one decimal under 10 % (so 1 of 30 is not “0 %”). */
export function formatShare(share: number): string {
  if (share === 0) return '0 %';
  const text = share < 10 ? share.toFixed(1) : String(Math.round(share));
  return `${text.replace(/\.0$/, '')} %`;
}

/** Errors keyed like the API's `errors[].field`: `rules.2.target`, `variants.0.weight`, … */
export type RoutingErrors = Record<string, string>;

const LANGUAGE = /^[A-Za-z]{1,8}$/;
const COUNTRY = /^[A-Za-z]{2}$/;

export function validateRules(rules: readonly RuleValues[]): RoutingErrors {
  const errors: RoutingErrors = {};
  if (rules.length > MAX_RULES) errors.rules = `Use at most ${MAX_RULES} rules.`;
  rules.forEach((rule, i) => {
    const at = `rules.${i}`;
    const target = rule.target.trim();
    if (!target) errors[`${at}.target`] = 'Give the URL this rule sends visitors to.';
    else if (!isHttpUrl(target)) errors[`${at}.target`] = 'Use a full http:// or https:// URL.';
    const built = toRule(rule).if;
    if (Object.keys(built).length === 0) {
      errors[`${at}.if`] = 'Set at least one condition.';
    }
    if (commaList(rule.language).some((l) => !LANGUAGE.test(l))) {
      errors[`${at}.if.language`] = 'Use primary language subtags such as de, fr.';
    }
    if (commaList(rule.country).some((c) => !COUNTRY.test(c))) {
      errors[`${at}.if.country`] = 'Use two-letter country codes such as DE, FR.';
    }
    if (rule.query.trim() && !parseQueryMatch(rule.query)) {
      errors[`${at}.if.query`] = 'Write parameters as name=value&other=value.';
    }
    if (rule.after && !built.after) errors[`${at}.if.after`] = 'Enter a valid date and time.';
    if (rule.before && !built.before) errors[`${at}.if.before`] = 'Enter a valid date and time.';
    if (built.after && built.before && built.after >= built.before) {
      errors[`${at}.if.before`] = 'Choose a time after “After”.';
    }
  });
  return errors;
}

export function validateVariants(variants: readonly VariantValues[]): RoutingErrors {
  const errors: RoutingErrors = {};
  if (variants.length === 0) return errors; // no split
  if (variants.length < MIN_VARIANTS || variants.length > MAX_VARIANTS) {
    errors.variants = `A split needs ${MIN_VARIANTS}–${MAX_VARIANTS} targets.`;
  }
  variants.forEach((variant, i) => {
    const target = variant.target.trim();
    if (!target) errors[`variants.${i}.target`] = 'Give this variant’s URL.';
    else if (!isHttpUrl(target))
      errors[`variants.${i}.target`] = 'Use a full http:// or https:// URL.';
    const n = Number(variant.weight);
    if (!variant.weight.trim() || !Number.isInteger(n) || n < 1 || n > MAX_WEIGHT) {
      errors[`variants.${i}.weight`] =
        `Use a whole number from 1 to ${MAX_WEIGHT.toLocaleString('en')}.`;
    }
  });
  return errors;
}

/**
 * The message for one input of the editors: the error of exactly that path, else the first of a
 * path below it (`rules.0.if.language.1` belongs to the language input of rule 0).
 */
export function errorAt(
  errors: Readonly<Record<string, string>>,
  path: string,
): string | undefined {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  const nested = Object.keys(errors).find((field) => field.startsWith(prefix));
  return nested ? errors[nested] : undefined;
}

/** The field errors the API names under `rules` or `variants` (`rules.2.target`, …). */
export function routingFieldErrors(all: Readonly<Record<string, string>>): RoutingErrors {
  const picked: RoutingErrors = {};
  for (const [field, message] of Object.entries(all)) {
    if (field === 'rules' || field === 'variants' || /^(rules|variants)\./.test(field)) {
      picked[field] = message;
    }
  }
  return picked;
}

/** Moves item `from` to `to` (a new array). */
export function move<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  const [item] = copy.splice(from, 1) as [T];
  copy.splice(to, 0, item);
  return copy;
}

/** A rule's conditions in a few words: `mobile; de, fr; after 1/5/2026, 10:00`. */
export function describeRule(rule: Rule): string {
  const when = rule.if;
  const parts: string[] = [];
  if (when.device) parts.push(listOf(when.device).join(', '));
  if (when.os) parts.push(listOf(when.os).join(', '));
  if (when.language) parts.push(`language ${listOf(when.language).join(', ')}`);
  if (when.country) parts.push(`country ${listOf(when.country).join(', ')}`);
  if (when.query) parts.push(`?${new URLSearchParams(when.query).toString()}`);
  if (when.after) parts.push(`after ${new Date(when.after).toLocaleString()}`);
  if (when.before) parts.push(`before ${new Date(when.before).toLocaleString()}`);
  return parts.join('; ') || 'always';
}
