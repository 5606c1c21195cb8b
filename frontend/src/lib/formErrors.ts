import { ApiError } from '../api/client';

/** Server field errors by field name, and whether the error named any field of this form. */
export function serverFieldErrors(
  error: unknown,
  fields: readonly string[],
): { byField: Record<string, string>; unclaimed: boolean } {
  if (!(error instanceof ApiError)) return { byField: {}, unclaimed: Boolean(error) };
  const all = error.fieldErrors();
  const byField: Record<string, string> = {};
  for (const name of fields) {
    const message = all[name];
    if (message) byField[name] = message;
  }
  // Show the general alert when no field of this form carries the message.
  return { byField, unclaimed: Object.keys(byField).length === 0 };
}

/**
 * What a person means by a URL typed without its scheme: `example.com/page` → `https://example.com/page`
 * (a host-like start: a dot before any `/`, `?` or `#`, no spaces). Anything else is left as typed, so
 * `ftp://…` or a typo still meets its error.
 */
export function withScheme(value: string): string {
  const trimmed = value.trim();
  if (!trimmed || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || /\s/.test(trimmed)) return trimmed;
  const host = trimmed.replace(/^\/\//, '').split(/[/?#]/)[0] ?? '';
  if (!/^[^.:]+(\.[^.:]+)+(:\d+)?$/.test(host)) return trimmed;
  return `https://${trimmed.replace(/^\/\//, '')}`;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
