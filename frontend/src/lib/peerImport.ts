// The peers whose list-API answers the import page accepts, and reading such a file in the browser
// (only as far as "is it JSON": the backend's importer reads the records, one implementation).
import type { ImportBody, ImportSource } from '../api/types';

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
