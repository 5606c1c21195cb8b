import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { webhooks } from '../api/endpoints';
import type { Webhook } from '../api/types';
import { formatDateTime } from '../lib/dates';
import { Alert, ErrorAlert } from './Alert';
import { DataTable } from './DataTable';
import { Loading } from './Loading';

/** A webhook's delivery log (its last 100), a test event, and redelivering one. Deliveries are
 * made by the worker: a queued one shows up as pending, then with the receiver's answer. */
export function WebhookDeliveries({ hook }: { hook: Webhook }) {
  const queryClient = useQueryClient();
  const key = ['workspaces', hook.workspace_id, 'webhooks', hook.id, 'deliveries'] as const;
  const log = useQuery({
    queryKey: key,
    queryFn: () => webhooks.deliveries(hook.workspace_id, hook.id),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const test = useMutation({
    mutationFn: () => webhooks.sendTest(hook.workspace_id, hook.id),
    onSuccess: refresh,
  });
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) => webhooks.redeliver(hook.workspace_id, hook.id, deliveryId),
    onSuccess: refresh,
  });
  return (
    <div className="stack" data-testid={`deliveries-${hook.id}`}>
      <div className="actions">
        <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
          Send a test event
        </button>
        <button type="button" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      {test.isSuccess ? <Alert kind="success">Test event queued.</Alert> : null}
      {redeliver.isSuccess ? <Alert kind="success">Queued again.</Alert> : null}
      <ErrorAlert error={log.error ?? test.error ?? redeliver.error} />
      {log.isPending ? <Loading /> : null}
      {log.data ? (
        <DataTable
          caption="Deliveries, newest first"
          columns={['Event', 'Status', 'Attempts', 'HTTP', 'Latency', 'Answer', 'Queued']}
          withActions
          rows={log.data}
          empty="No deliveries yet."
        >
          {(d) => (
            <tr key={d.id}>
              <th scope="row">
                {d.event_type}
                {d.events > 1 ? ` ×${d.events}` : ''}
              </th>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td>{d.status_code ?? '—'}</td>
              <td>{d.latency_ms != null ? `${d.latency_ms} ms` : '—'}</td>
              <td>
                <code className="break">{d.error ?? d.response_excerpt ?? ''}</code>
              </td>
              <td>{formatDateTime(d.created_at)}</td>
              <td>
                <button
                  type="button"
                  onClick={() => redeliver.mutate(d.id)}
                  disabled={redeliver.isPending}
                  aria-label={`Redeliver ${d.event_type} of ${formatDateTime(d.created_at)}`}
                >
                  Redeliver
                </button>
              </td>
            </tr>
          )}
        </DataTable>
      ) : null}
    </div>
  );
}
