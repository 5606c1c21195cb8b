// UTM builder: adds campaign parameters to a target URL, replacing ones already there.

export const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export type UtmField = (typeof UTM_FIELDS)[number];
export type Utm = Partial<Record<UtmField, string>>;

export function withUtm(target: string, utm: Utm): string {
  const filled = UTM_FIELDS.filter((name) => (utm[name] ?? '').trim() !== '');
  if (filled.length === 0) return target;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return target; // not a URL yet: the form's own validation says so
  }
  for (const name of filled) url.searchParams.set(`utm_${name}`, (utm[name] ?? '').trim());
  return url.toString();
}

/** Reads back the UTM parameters of a URL (to pre-fill the builder). */
export function readUtm(target: string): Utm {
  try {
    const params = new URL(target).searchParams;
    const utm: Utm = {};
    for (const name of UTM_FIELDS) {
      const value = params.get(`utm_${name}`);
      if (value !== null) utm[name] = value;
    }
    return utm;
  } catch {
    return {};
  }
}
