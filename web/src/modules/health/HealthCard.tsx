// The customer page's health card: the score and churn risk with the reasons the score gives
// for itself, and the customer's bad experiences — record one, close the loop with an outcome.
// The score is kept current by the server on every event; this card only reads it.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { BadExperience, CustomerHealth } from '../../api/types';
import { useApi } from '../../api/useResource';
import { Link } from '../../app/router';
import { can, useSession } from '../../app/session';
import { formatDate, humanize } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/States';

const CAUSES: Record<string, string> = {
  staff: 'Recorded by staff',
  sla_breach: 'Missed response target',
  ticket_reopened: 'Ticket reopened',
  detractor: 'Detractor',
  low_csat: 'Low CSAT',
  low_rating: 'Bad ticket rating',
  negative_review: 'Negative review',
  negative_comment: 'Negative comment',
  negative_contact: 'Negative contact',
  refund: 'Refund',
  order_cancelled: 'Order cancelled',
};

export function HealthCard({ customerId }: { customerId: string }) {
  const { me } = useSession();
  const health = useApi<CustomerHealth>(`/customers/${customerId}/health`);
  const [adding, setAdding] = useState(false);
  const mayRecord = can(me, 'interactions', 'create');

  if (health.loading && !health.data) return <Loading what="health" />;
  if (health.error || !health.data) return <ErrorNote error={health.error} onRetry={health.reload} />;
  const h = health.data;
  const open = h.bad_experiences.filter((e) => e.state === 'open');
  const closed = h.bad_experiences.filter((e) => e.state !== 'open');
  return (
    <section className="card health-card" aria-labelledby="health-title">
      <h2 id="health-title">Health</h2>
      {h.score === null ? (
        <p>Not scored yet.</p>
      ) : (
        <p className="health-score">
          <strong data-testid="health-score">{h.score}</strong> / 100{' '}
          <span className={`badge risk-${h.risk ?? 'none'}`} data-testid="churn-risk">
            {humanize(h.risk ?? '')} risk
          </span>
        </p>
      )}
      {h.reasons.length > 0 && (
        <ul className="health-reasons" aria-label="Why this score">
          {h.reasons.map((r) => (
            <li key={`${r.code}-${r.text}`}>
              {r.text} <span className="muted">({r.points > 0 ? `−${r.points}` : `+${-r.points}`})</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Bad experiences</h3>
      {open.length === 0 && <p className="muted">None open.</p>}
      <ul className="bad-experiences">
        {open.map((e) => (
          <Experience key={e.id} experience={e} mayResolve={mayRecord} onChanged={health.reload} />
        ))}
      </ul>
      {closed.length > 0 && (
        <details>
          <summary>{closed.length} closed</summary>
          <ul className="bad-experiences">
            {closed.map((e) => (
              <Experience key={e.id} experience={e} mayResolve={mayRecord} onChanged={health.reload} />
            ))}
          </ul>
        </details>
      )}
      {mayRecord &&
        (adding ? (
          <RecordForm customerId={customerId} onDone={() => { setAdding(false); health.reload(); }} />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            Record a bad experience
          </button>
        ))}
    </section>
  );
}

function Experience({ experience: e, mayResolve, onChanged }: { experience: BadExperience; mayResolve: boolean; onChanged: () => void }) {
  const [closing, setClosing] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<string | null>(null);
  const resolve = async (state: 'recovered' | 'lost') => {
    setError(null);
    try {
      await api('PATCH', `/bad-experiences/${e.id}`, { body: { state, outcome: outcome || undefined }, ifMatch: e.version });
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Saving failed.');
    }
  };
  return (
    <li>
      <span className={`badge ${e.state === 'open' ? 'risk-medium' : 'risk-low'}`}>{CAUSES[e.cause] ?? humanize(e.cause)}</span> {e.summary}{' '}
      <span className="muted">{formatDate(e.occurred_at)}</span>{' '}
      {e.follow_up_ticket_id && (
        <>
          <Link to={`/support/tickets/${e.follow_up_ticket_id}`}>Follow-up ticket</Link>{' '}
        </>
      )}
      {e.state !== 'open' && (
        <span>
          {' '}
          — {humanize(e.state)}
          {e.outcome ? `: ${e.outcome}` : ''}
        </span>
      )}
      {e.state === 'open' && mayResolve && !closing && (
        <button type="button" className="link" onClick={() => setClosing(true)}>
          Close the loop
        </button>
      )}
      {closing && (
        <div className="inline-form">
          <label>
            Outcome
            <input value={outcome} maxLength={1000} onChange={(ev) => setOutcome(ev.target.value)} placeholder="Called, refunded shipping" />
          </label>
          <button type="button" className="primary" onClick={() => void resolve('recovered')}>
            Recovered
          </button>
          <button type="button" onClick={() => void resolve('lost')}>
            Lost
          </button>
          <button type="button" className="link" onClick={() => setClosing(false)}>
            Cancel
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

function RecordForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await api('POST', `/customers/${customerId}/bad-experiences`, { body: { summary } });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Saving failed.');
    }
  };
  return (
    <form
      className="inline-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit();
      }}
    >
      <label>
        What went wrong
        <input value={summary} maxLength={500} required onChange={(ev) => setSummary(ev.target.value)} />
      </label>
      <button type="submit" className="primary">
        Record
      </button>
      <button type="button" className="link" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
