// A customer's consent: the current state per channel and purpose, and how it came to be.
import type { ConsentHistory } from '../../api/types';
import { useApi } from '../../api/useResource';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';

export function Consent({ customerId }: { customerId: string }) {
  const consent = useApi<ConsentHistory>(`/customers/${customerId}/consent`);
  if (consent.loading) return <Loading what="consent" />;
  if (consent.error || !consent.data) return <ErrorNote error={consent.error} onRetry={consent.reload} />;
  const channels = Object.keys(consent.data.current);
  const purposes = [...new Set(channels.flatMap((c) => Object.keys(consent.data!.current[c])))];
  return (
    <section aria-labelledby="consent-title">
      <h2 id="consent-title">Consent</h2>
      <table className="data-table">
        <caption className="visually-hidden">Current consent per channel and purpose</caption>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            {purposes.map((p) => (
              <th key={p} scope="col">
                {humanize(p)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <tr key={c}>
              <th scope="row">{humanize(c)}</th>
              {purposes.map((p) => {
                const state = consent.data!.current[c][p];
                return (
                  <td key={p} className={`consent-${state?.status ?? 'unknown'}`}>
                    {humanize(state?.status ?? 'unknown')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>History</h3>
      {consent.data.history.length === 0 ? (
        <Empty>No consent has been recorded.</Empty>
      ) : (
        <ol className="history-list">
          {consent.data.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.recorded_at}>{formatDateTime(h.recorded_at)}</time> — {humanize(h.channel)} / {humanize(h.purpose)}:{' '}
              <strong>{h.status}</strong>
              {h.source ? ` (via ${h.source})` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
