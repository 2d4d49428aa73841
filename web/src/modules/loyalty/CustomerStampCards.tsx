// The customer's stamp cards on the Loyalty tab (docs/design/loyalty.md § Stamp cards): the open
// card's stamps (or the stamps owed after a refund), the cards filled and their vouchers. Stamps
// come only from orders, so there is nothing to edit here.
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { ErrorNote, Loading } from '../../ui/States';
import { formatDateTime } from '../../ui/format';
import { fillState, stampSlots, stampSummary, type CustomerStampCard } from './stamps';

export function CustomerStampCards({ customerId }: { customerId: string }) {
  const { me } = useSession();
  const cards = useApi<{ data: CustomerStampCard[] }>(`/customers/${customerId}/loyalty/stamp-cards`);
  if (!can(me, 'loyalty', 'read')) return null;
  if (cards.error !== undefined && !cards.data) return <ErrorNote error={cards.error} onRetry={cards.reload} />;
  if (!cards.data) return <Loading what="stamp cards" />;
  if (cards.data.data.length === 0) return null;
  return (
    <section aria-labelledby="stamps-title">
      <h3 id="stamps-title">Stamp cards</h3>
      {cards.data.data.map((c) => (
        <div key={c.card.id} className="card" data-testid={`stamp-card-${c.card.id}`}>
          <h4>{c.card.name}</h4>
          <p className="stamp-slots" aria-hidden="true">
            {stampSlots(c.stamps, c.required).map((on, i) => (
              <span key={i}>{on ? '●' : '○'}</span>
            ))}
          </p>
          <p data-testid={`stamp-summary-${c.card.id}`}>{stampSummary(c)}</p>
          {c.fills.length > 0 && (
            <ul className="plain-list">
              {c.fills.slice(0, 10).map((f) => (
                <li key={f.fill}>
                  Card {f.fill} filled {formatDateTime(f.filled_at)}: voucher <code>{f.code}</code>, {fillState(f)}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
