import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { BatchResult, LinkCreate } from '../api/types';
import { chunk, importRows, parseCsv } from './csvImport';
import { aLink } from '../test/fixtures';

// The files `flamingo import` is tested against too (tests/unit/test_import.py): one format.
// vitest runs in frontend/ (`npm test`, `make test-frontend`).
const FIXTURES = resolve(process.cwd(), '../tests/fixtures/import');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf-8');

interface Expected {
  rows: ({ line: number; item: object } | { line: number; error: string })[];
}

describe('the CSV format shared with the CLI', () => {
  it('parses the shared fixture exactly as the CLI does', () => {
    const expected = (JSON.parse(fixture('links.expected.json')) as Expected).rows;
    const { rows, error } = parseCsv(fixture('links.csv'));
    expect(error).toBeUndefined();
    const seen = rows.map((r) =>
      r.error ? { line: r.row, error: r.error } : { line: r.row, item: r.input },
    );
    expect(seen).toEqual(expected);
  });

  it("refuses the shared malformed files whole, with the CLI's message", () => {
    const { cases } = JSON.parse(fixture('errors.json')) as {
      cases: { csv: string; error: string }[];
    };
    expect(cases.length).toBeGreaterThan(0);
    for (const { csv, error } of cases) expect(parseCsv(csv)).toEqual({ rows: [], error });
  });
});

const CSV = `target,alias,title,tags,max_clicks,redirect_status
https://a.example/1,first,First,news|promo,10,301
https://a.example/2,,,,,
,missing,,,,
https://a.example/4,,,,abc,
https://a.example/5,,,,,3.5
`;

describe('CSV import', () => {
  it('parses rows into link inputs and flags rows that cannot be sent', () => {
    const { rows, error } = parseCsv(CSV);
    expect(error).toBeUndefined();
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(rows[0]?.input).toEqual({
      target: 'https://a.example/1',
      alias: 'first',
      title: 'First',
      tags: ['news', 'promo'],
      max_clicks: 10,
      redirect_status: 301,
    });
    expect(rows[1]?.input).toEqual({ target: 'https://a.example/2' });
    expect(rows[2]?.error).toBe('target: required');
    expect(rows[3]?.error).toMatch(/max_clicks/);
    expect(rows[4]?.error).toBe('redirect_status: not a whole number');
  });

  it('refuses a file without a target column', () => {
    expect(parseCsv('url\nhttps://x.example').error).toMatch(/target/);
  });

  it('chunks', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('sends valid rows in chunks and reports every row, in order', async () => {
    const { rows } = parseCsv(CSV);
    const send = vi.fn((items: LinkCreate[]): Promise<BatchResult> => {
      return Promise.resolve({
        created: 1,
        failed: items.length - 1,
        items: items.map((item, index) =>
          item.alias === 'first'
            ? {
                index,
                status: 409,
                error: {
                  type: 'https://flamingo.company.example/problems/alias-taken',
                  title: 'Conflict',
                  status: 409,
                  detail: 'the alias is taken',
                },
              }
            : {
                index,
                status: 201,
                link: aLink({
                  id: `id${index}`,
                  code: `c${index}`,
                  short_url: `https://f.example/c${index}`,
                  target: item.target,
                  title: null,
                  tags: [],
                  expires_at: null,
                  max_clicks: null,
                  has_password: false,
                  redirect_status: 302,
                  disabled: false,
                }),
              },
        ),
      });
    });
    const progress: [number, number][] = [];
    const results = await importRows(rows, send, (done, total) => progress.push([done, total]), 1);
    expect(send).toHaveBeenCalledTimes(2); // two valid rows, chunks of one
    expect(progress).toEqual([
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(results.map((r) => [r.row, r.ok])).toEqual([
      [2, false],
      [3, true],
      [4, false],
      [5, false],
      [6, false],
    ]);
    expect(results[0]?.message).toBe('the alias is taken');
    expect(results[1]?.message).toBe('https://f.example/c0');
  });

  it('marks a whole chunk failed when its request fails, and goes on', async () => {
    const { rows } = parseCsv('target\nhttps://a.example/1\nhttps://a.example/2\n');
    const send = vi
      .fn<(items: LinkCreate[]) => Promise<BatchResult>>()
      .mockRejectedValueOnce(
        new ApiError({ type: 'x', title: 'Too Many Requests', status: 429, detail: 'Slow down.' }),
      )
      .mockResolvedValueOnce({
        created: 0,
        failed: 1,
        items: [
          {
            index: 0,
            status: 422,
            error: {
              type: 'https://flamingo.company.example/problems/validation-error',
              title: 'Unprocessable Content',
              status: 422,
              detail: 'invalid',
              errors: [{ field: 'target', message: 'blocked domain' }],
            },
          },
        ],
      });
    const results = await importRows(rows, send, () => undefined, 1);
    expect(results.map((r) => r.message)).toEqual([
      'Too many attempts. Try again in a moment.',
      'target: blocked domain',
    ]);
  });
});
