// A customer's change history, from the audit trail: who changed which field, from what to what.
import type { Page } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { useApi } from '../../api/useResource';
import { formatDateTime, humanize } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/States';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function History({ customerId }: { customerId: string }) {
  const history = useApi<Page<AuditEntry>>(`/customers/${customerId}/history?limit=50`);
  if (history.loading) return <Loading what="the change history" />;
  if (history.error || !history.data) return <ErrorNote error={history.error} onRetry={history.reload} />;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Change history</h2>
      <ol className="history-list">
        {history.data.data.map((entry) => (
          <li key={entry.seq}>
            <p>
              <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at)}</time> — {humanize(entry.action)} by {entry.actor} via {entry.via}
            </p>
            {entry.changes.length > 0 && (
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before</th>
                    <th scope="col">After</th>
                  </tr>
                </thead>
                <tbody>
                  {entry.changes.map((change) => (
                    <tr key={change.field}>
                      <th scope="row">{humanize(change.field)}</th>
                      <td>{show(change.old)}</td>
                      <td>{show(change.new)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
