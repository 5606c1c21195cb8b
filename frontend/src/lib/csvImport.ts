// Bulk import: CSV rows → link inputs → POST /links/batch in chunks, with per-row results.
import Papa from 'papaparse';
import { ApiError, errorMessage } from '../api/client';
import type { BatchItemResult, BatchResult, Link, LinkCreate, RedirectStatus } from '../api/types';

export const CHUNK_SIZE = 100; // the API takes ≤ 1,000 per call; smaller chunks move the bar

export const COLUMNS = [
  'target',
  'alias',
  'title',
  'tags',
  'expires_at',
  'max_clicks',
  'redirect_status',
] as const;

export interface ParsedRow {
  row: number; // 1-based line number of the data row (the header is line 1)
  input: LinkCreate;
  error?: string; // set when the row cannot be sent as it is
}

export interface RowResult {
  row: number;
  target: string;
  ok: boolean;
  link?: Link;
  message: string;
}

function rowToInput(record: Record<string, string | undefined>): {
  input: LinkCreate;
  error?: string;
} {
  const get = (name: string) => (record[name] ?? '').trim();
  const input: LinkCreate = { target: get('target') };
  if (get('alias')) input.alias = get('alias');
  if (get('title')) input.title = get('title');
  if (get('tags')) {
    input.tags = get('tags')
      .split(/[;,|]/)
      .map((t) => t.trim())
      .filter(Boolean);
  }
  if (get('expires_at')) input.expires_at = get('expires_at');
  if (get('max_clicks')) {
    const value = Number(get('max_clicks'));
    if (!Number.isInteger(value)) return { input, error: 'max_clicks: not a whole number' };
    input.max_clicks = value;
  }
  if (get('redirect_status')) {
    const value = Number(get('redirect_status'));
    if (![301, 302, 307, 308].includes(value)) {
      return { input, error: 'redirect_status: must be 301, 302, 307 or 308' };
    }
    input.redirect_status = value as RedirectStatus;
  }
  if (!input.target) return { input, error: 'target: required' };
  return { input };
}

export function parseCsv(text: string): { rows: ParsedRow[]; error?: string } {
  const parsed = Papa.parse<Record<string, string | undefined>>(text.trim(), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('target')) {
    return { rows: [], error: 'The first line must be a header with a "target" column.' };
  }
  const rows = parsed.data.map((record, i) => ({ row: i + 2, ...rowToInput(record) }));
  return { rows };
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function describe(result: BatchItemResult): string {
  const error = result.error;
  if (!error) return `HTTP ${result.status}`;
  const fields = (error.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  return fields.length ? fields.join('; ') : error.detail || error.title || `HTTP ${result.status}`;
}

type SendBatch = (items: LinkCreate[]) => Promise<BatchResult>;

/** Sends the valid rows chunk by chunk; a failed chunk marks its rows failed and goes on. */
export async function importRows(
  rows: ParsedRow[],
  send: SendBatch,
  onProgress: (done: number, total: number, results: RowResult[]) => void,
  size = CHUNK_SIZE,
): Promise<RowResult[]> {
  const results: RowResult[] = [];
  const valid: ParsedRow[] = [];
  for (const row of rows) {
    if (row.error) {
      results.push({ row: row.row, target: row.input.target, ok: false, message: row.error });
    } else valid.push(row);
  }
  let done = rows.length - valid.length;
  onProgress(done, rows.length, [...results]);
  for (const part of chunk(valid, size)) {
    try {
      const answer = (await send(part.map((r) => r.input))).items;
      // One result per item, in order; `index` is the item's position in this chunk.
      part.forEach((row, i) => {
        const item = answer.find((r) => r.index === i) ?? answer[i];
        const ok = item !== undefined && item.status >= 200 && item.status < 300;
        results.push({
          row: row.row,
          target: row.input.target,
          ok,
          ...(ok && item.link ? { link: item.link } : {}),
          message:
            item === undefined
              ? 'no result'
              : ok
                ? (item.link?.short_url ?? 'created')
                : describe(item),
        });
      });
    } catch (error) {
      const message = error instanceof ApiError ? errorMessage(error) : 'request failed';
      for (const row of part) {
        results.push({ row: row.row, target: row.input.target, ok: false, message });
      }
    }
    done += part.length;
    onProgress(
      done,
      rows.length,
      [...results].sort((a, b) => a.row - b.row),
    );
  }
  return results.sort((a, b) => a.row - b.row);
}
