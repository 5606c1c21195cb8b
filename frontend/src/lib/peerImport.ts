// The peers whose list-API answers the import page accepts, and reading such a file in the browser
// (only as far as "is it JSON": the backend's importer reads the records, one implementation).
import type { ImportBody, ImportReport, ImportSource } from '../api/types';

export interface PeerSource {
  value: ImportSource;
  label: string;
  /** The list call whose answer (or a JSON array of its pages) the file holds. */
  call: string;
}

export const PEER_SOURCES: readonly PeerSource[] = [
  { value: 'shlink', label: 'Shlink', call: 'GET /rest/v3/short-urls' },
  { value: 'yourls', label: 'YOURLS', call: 'yourls-api.php?action=stats&format=json' },
  { value: 'kutt', label: 'Kutt', call: 'GET /api/v2/links' },
  { value: 'bitly', label: 'Bitly', call: 'GET /v4/groups/{group}/bitlinks' },
];

export type ParsedFile =
  { body: ImportBody; error?: undefined } | { body?: undefined; error: string };

/** The file's JSON as the endpoint takes it (an object, or an array of objects), or why not. */
export function parseJsonFile(text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'This file is not JSON: save the API answer as it came.' };
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(value)) return { body: value };
  if (Array.isArray(value) && value.length > 0 && value.every(isObject)) return { body: value };
  return { error: 'Expected one API answer (a JSON object) or an array of them (pages).' };
}

export type ImportPage = Record<string, unknown>;

/** A file's pages: a long export is sent one page per request, so the page can show progress
 * and a refused page stops the run there (importing again skips what the earlier pages made). */
export function pagesOf(body: ImportBody): ImportPage[] {
  return Array.isArray(body) ? body : [body];
}

/** The pages' reports as one, each row named as the backend names it in a many-page file
 * (`page 2, shortUrls.data[3]`), so the table reads the same however the file was sent. */
export function mergeReports(reports: readonly ImportReport[], paged: boolean): ImportReport {
  const merged: ImportReport = {
    dry_run: reports[0]?.dry_run ?? true,
    created: 0,
    skipped: 0,
    clash: 0,
    error: 0,
    rows: [],
  };
  reports.forEach((report, index) => {
    merged.created += report.created;
    merged.skipped += report.skipped;
    merged.clash += report.clash;
    merged.error += report.error;
    const prefix = paged ? `page ${index + 1}, ` : '';
    merged.rows.push(...report.rows.map((row) => ({ ...row, where: prefix + row.where })));
  });
  return merged;
}
