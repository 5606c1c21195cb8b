// Bulk import: CSV rows → link inputs → POST /links/batch in chunks, with per-row results.
import Papa from 'papaparse';
import { ApiError } from '../api/client';
import { messageText } from './messages';
import type { BatchItemResult, BatchResult, Link, LinkCreate } from '../api/types';

export const CHUNK_SIZE = 100; // the API takes ≤ 1,000 per call; smaller chunks move the bar

// The one CSV format of Flamingo, shared with `flamingo import` (backend/flamingo/links/importer.py):
// both parsers are checked against the same files (tests/fixtures/import/). A header row names
// the columns (case-insensitive, spaces ignored, a UTF-8 BOM allowed); `target` is required;
// tags are separated by `|` or `,`; unknown or repeated columns refuse the whole file, naming
// them (a `password` column must never be dropped without a word); blank rows are skipped; rows
// are named by the line they end on.
export const COLUMNS = [
  'target',
  'alias',
  'title',
  'tags',
  'expires_at',
  'max_clicks',
  'password',
  'redirect_status',
] as const;
type Column = (typeof COLUMNS)[number];
const INTEGER_COLUMNS: readonly Column[] = ['max_clicks', 'redirect_status'];
export const EXTRA_CELLS = 'more cells than the header has columns';

export interface ParsedRow {
  row: number; // the line the data row ends on (the header is line 1)
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

function rowToInput(record: Partial<Record<Column, string>>): {
  input: LinkCreate;
  error?: string;
} {
  const input: LinkCreate = { target: '' };
  const item = input as unknown as Record<string, unknown>;
  for (const name of COLUMNS) {
    const value = (record[name] ?? '').trim();
    if (!value) continue;
    if (name === 'tags') {
      item.tags = value
        .split(/[|,]/)
        .map((t) => t.trim())
        .filter(Boolean);
    } else if (INTEGER_COLUMNS.includes(name)) {
      if (!/^-?[0-9]+$/.test(value)) return { input, error: `${name}: not a whole number` };
      item[name] = Number(value);
    } else {
      item[name] = value;
    }
  }
  if (!input.target) return { input, error: 'target: required' };
  return { input };
}

function checkHeader(names: string[]): { header: Column[]; error?: string } {
  const header = names.map((n) =>
    n
      .replace(/\uFEFF/g, '')
      .trim()
      .toLowerCase(),
  );
  const unique = (list: string[]) => list.filter((n, i) => list.indexOf(n) === i);
  const fail = (error: string) => ({ header: [], error });
  if (!header.some(Boolean)) {
    return fail('the file is empty; the first line must name the columns');
  }
  const unknown = unique(header.filter((n) => !(COLUMNS as readonly string[]).includes(n)));
  if (unknown.length) {
    return fail(`unknown column(s): ${unknown.join(', ')}; known: ${COLUMNS.join(', ')}`);
  }
  const repeated = unique(header.filter((n, i) => header.indexOf(n) !== i));
  if (repeated.length) return fail(`duplicate column(s): ${repeated.join(', ')}`);
  if (!header.includes('target')) return fail('the header has no "target" column');
  return { header: header as Column[] };
}

const newlines = (cells: string[]) => cells.join('').split('\n').length - 1;

export function parseCsv(text: string): { rows: ParsedRow[]; error?: string } {
  const records = Papa.parse<string[]>(text, { skipEmptyLines: false }).data;
  const [names = [], ...data] = records;
  const { header, error } = checkHeader(names);
  if (error) return { rows: [], error };
  const rows: ParsedRow[] = [];
  let line = 1 + newlines(names);
  for (const cells of data) {
    line += 1 + newlines(cells); // a quoted cell may span lines: count where the row ends
    if (!cells.some((cell) => cell.trim())) continue;
    if (cells.length > header.length) {
      rows.push({ row: line, input: { target: '' }, error: EXTRA_CELLS });
      continue;
    }
    const record: Partial<Record<Column, string>> = {};
    header.forEach((name, i) => (record[name] = cells[i]));
    rows.push({ row: line, ...rowToInput(record) });
  }
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
      const message = error instanceof ApiError ? messageText(error) : 'Request failed.';
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
