import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent } from 'react';
import { links } from '../api/endpoints';
import type { ImportBody, ImportReport, Workspace } from '../api/types';
import { Alert, ErrorAlert } from '../components/Alert';
import { mergeReports, pagesOf, parseJsonFile, type PeerSource } from '../lib/peerImport';
import { ImportProgress } from '../components/ImportProgress';

const RESULT: Record<ImportReport['rows'][number]['status'], string> = {
  created: '✓ created',
  skipped: '= already here',
  clash: '✗ clash',
  error: '✗ refused',
};

/** A peer's list-API answer, checked (dry run) then imported by the backend into `workspace`. */
export function PeerImporter({ workspace, source }: { workspace: Workspace; source: PeerSource }) {
  const fileId = useId();
  const queryClient = useQueryClient();
  const [body, setBody] = useState<ImportBody>();
  const [parseError, setParseError] = useState<string>();
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<unknown>();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0 });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setReport(undefined);
    setError(undefined);
    if (!file) return;
    const parsed = parseJsonFile(await file.text());
    setParseError(parsed.error);
    setBody(parsed.body);
  };

  const send = async (dryRun: boolean) => {
    if (!body) return;
    const pages = pagesOf(body);
    const paged = Array.isArray(body);
    const reports: ImportReport[] = [];
    setRunning(true);
    setError(undefined);
    setReport(undefined);
    setProgress({ done: 0, total: pages.length });
    try {
      const query = { dry_run: dryRun, workspace_id: workspace.id };
      for (const page of pages) {
        reports.push(await links.importFrom(source.value, page, query));
        setProgress({ done: reports.length, total: pages.length });
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(false);
      // What the pages before a refused one made stays, and shows (a re-run skips it).
      if (reports.length > 0) setReport(mergeReports(reports, paged));
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: ['links'] });
    }
  };

  const label = source.label;
  return (
    <>
      <p data-testid="import-help">
        Upload what {label} answers to <code>{source.call}</code> (JSON), one answer or a JSON array
        of them (pages). Codes, targets, titles, tags, creation times, expiry, click limits and
        visit counts are kept where {label} has them. A code that is already here with the same
        target is skipped, so importing again creates nothing twice; a code another link holds is
        reported as a clash and never overwritten. Check first: nothing is written.
      </p>
      <div className="field">
        <label htmlFor={fileId}>{label} JSON file</label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={onFile}
          disabled={running}
        />
      </div>
      {parseError ? <Alert>{parseError}</Alert> : null}
      {body ? (
        <p>
          <button type="button" onClick={() => void send(true)} disabled={running}>
            Check (dry run)
          </button>{' '}
          <button type="button" onClick={() => void send(false)} disabled={running}>
            {running ? 'Importing…' : 'Import'}
          </button>
        </p>
      ) : null}
      {progress.total > 1 ? (
        <ImportProgress done={progress.done} total={progress.total} testId="import-progress">
          <span>
            {progress.done} of {progress.total} pages sent
          </span>
        </ImportProgress>
      ) : null}
      {error ? (
        <>
          {progress.total > 1 ? (
            <Alert>
              Stopped at page {progress.done + 1} of {progress.total}: the pages before it are done,
              and importing the file again skips what they created.
            </Alert>
          ) : null}
          <ErrorAlert error={error} />
        </>
      ) : null}
      {report ? (
        <>
          <p role="status" data-testid="import-status">
            {report.dry_run ? 'Would create' : 'Created'} {report.created}, skipped {report.skipped}{' '}
            (already here), {report.clash} clashes, {report.error} refused
          </p>
          <div className="table-scroll">
            <table data-testid="import-results">
              <caption>Per-record results</caption>
              <thead>
                <tr>
                  <th scope="col">Record</th>
                  <th scope="col">Code</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={row.where} className={row.status === 'created' ? 'ok' : row.status}>
                    <th scope="row">{row.where}</th>
                    <td className="break">{row.code ?? '—'}</td>
                    <td className="break">
                      {RESULT[row.status]}
                      {row.detail ? `: ${row.detail}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
