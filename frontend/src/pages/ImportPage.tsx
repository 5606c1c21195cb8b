import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent } from 'react';
import { links } from '../api/endpoints';
import type { Workspace } from '../api/types';
import { Alert } from '../components/Alert';
import { usePageTitle } from '../components/usePageTitle';
import { WithWorkspace } from '../components/WithWorkspace';
import { can } from '../lib/roles';
import { workspaceLabel } from '../lib/workspaces';
import { COLUMNS, importRows, parseCsv, type ParsedRow, type RowResult } from '../lib/csvImport';
import { PEER_SOURCES } from '../lib/peerImport';
import { PeerImporter } from './PeerImporter';
import { ImportProgress } from '../components/ImportProgress';

export default function ImportPage() {
  usePageTitle('Bulk import');
  return (
    <section>
      <h1>Bulk import</h1>
      <WithWorkspace>
        {(workspace) =>
          can(workspace.role, 'links.write') ? (
            <SourcePicker key={workspace.id} workspace={workspace} />
          ) : (
            <Alert kind="info">
              You can see the links of {workspaceLabel(workspace)} but not import any: ask one of
              its admins for the member role, or switch to another workspace.
            </Alert>
          )
        }
      </WithWorkspace>
    </section>
  );
}

/** Our CSV (parsed here, sent in batches) or a peer's list answer (imported by the backend). */
function SourcePicker({ workspace }: { workspace: Workspace }) {
  const selectId = useId();
  const [source, setSource] = useState('csv');
  const peer = PEER_SOURCES.find((p) => p.value === source);
  return (
    <>
      <div className="field">
        <label htmlFor={selectId}>Import from</label>
        <select id={selectId} value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="csv">CSV (this app&apos;s columns)</option>
          {PEER_SOURCES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label} (JSON from its API)
            </option>
          ))}
        </select>
      </div>
      {peer ? (
        <PeerImporter key={peer.value} workspace={workspace} source={peer} />
      ) : (
        <Importer workspace={workspace} />
      )}
    </>
  );
}

/** Every row becomes a link of `workspace`. */
function Importer({ workspace }: { workspace: Workspace }) {
  const fileId = useId();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<ParsedRow[]>([]);
  const [parseError, setParseError] = useState<string>();
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [results, setResults] = useState<RowResult[]>([]);
  const [running, setRunning] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setResults([]);
    setProgress({ done: 0, total: 0 });
    if (!file) return;
    const parsed = parseCsv(await file.text());
    setParseError(parsed.error);
    setRows(parsed.rows);
  };

  const run = async () => {
    setRunning(true);
    try {
      const send = (items: Parameters<typeof links.batch>[0]) =>
        links.batch(items.map((item) => ({ ...item, workspace_id: workspace.id })));
      await importRows(rows, send, (done, total, partial) => {
        setProgress({ done, total });
        setResults(partial);
      });
    } finally {
      setRunning(false);
      void queryClient.invalidateQueries({ queryKey: ['links'] });
    }
  };

  const created = results.filter((r) => r.ok).length;
  const failed = results.length - created;
  const finished = !running && progress.total > 0 && progress.done === progress.total;
  return (
    <>
      <p className="hint" data-testid="import-workspace">
        Into {workspaceLabel(workspace)}
      </p>
      <p data-testid="import-help">
        Upload a CSV file whose first line names the columns: <code>{COLUMNS.join(', ')}</code> (any
        order, any case). Only <code>target</code> is required; empty cells are left out. Separate
        several tags with <code>|</code> or <code>,</code> (quote a cell that holds a comma).{' '}
        <code>expires_at</code> is ISO 8601 (<code>2030-01-31T18:00:00Z</code>); a row with a{' '}
        <code>password</code> becomes a protected link. A column not in this list refuses the whole
        file, so nothing is dropped without a word. The same format as <code>flamingo import</code>.
      </p>
      <div className="field">
        <label htmlFor={fileId}>CSV file</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          onChange={onFile}
          disabled={running}
        />
      </div>
      {parseError ? <Alert>{parseError}</Alert> : null}
      {rows.length > 0 ? (
        <p>
          {rows.length} row{rows.length === 1 ? '' : 's'} ready.{' '}
          <button type="button" onClick={run} disabled={running}>
            {running ? 'Importing…' : `Import ${rows.length} links`}
          </button>
        </p>
      ) : null}
      {progress.total > 0 ? (
        <ImportProgress done={progress.done} total={progress.total}>
          <p role="status" data-testid="import-status">
            {progress.done} of {progress.total} rows processed
            {finished ? ` — ${created} created, ${failed} failed` : ''}
          </p>
        </ImportProgress>
      ) : null}
      {results.length > 0 ? (
        <div className="table-scroll">
          <table data-testid="import-results">
            <caption>Per-row results</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Target</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.row} className={r.ok ? 'ok' : 'failed'}>
                  <th scope="row">{r.row}</th>
                  <td className="break">{r.target}</td>
                  <td className="break">
                    {r.ok ? '✓ ' : '✗ '}
                    {r.ok && r.link ? <a href={r.link.short_url}>{r.link.short_url}</a> : r.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
