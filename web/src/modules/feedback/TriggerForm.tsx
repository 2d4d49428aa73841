// A survey's trigger: sent by itself, by e-mail, after an event (docs/design/surveys.md
// § Triggers) — a ticket solved, an order fulfilled, a first purchase (each after N days), or N
// days without a purchase. Saved with If-Match; the server names a field it refuses.
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorNote } from '../../ui/States';
import { useSubmit } from '../../ui/useSubmit';
import type { Survey, SurveyTrigger } from './types';

const TRIGGERS: { value: string; label: string; days: string; min: number; max: number }[] = [
  { value: '', label: 'Never: only when staff send it', days: '', min: 0, max: 0 },
  { value: 'ticket_solved', label: 'After a ticket is solved', days: 'Days after solving', min: 0, max: 30 },
  { value: 'order_fulfilled', label: 'After an order is fulfilled', days: 'Days after fulfilment', min: 0, max: 365 },
  { value: 'first_purchase', label: 'After a customer’s first purchase', days: 'Days after the purchase', min: 0, max: 365 },
  { value: 'no_purchase', label: 'When a customer stops buying', days: 'Days without a purchase', min: 7, max: 730 },
];

export function TriggerForm({ survey, onSaved }: { survey: Survey; onSaved: () => void }) {
  const [on, setOn] = useState(survey.trigger?.on ?? '');
  const [days, setDays] = useState(String(survey.trigger?.days ?? 7));
  const [saved, setSaved] = useState(false);
  const kind = TRIGGERS.find((t) => t.value === on) ?? TRIGGERS[0];
  const { busy, error, submit } = useSubmit(
    async () => {
      const trigger: SurveyTrigger | null = on ? { on: on as SurveyTrigger['on'], days: Number(days) } : null;
      await api<Survey>('PATCH', `/surveys/${survey.id}`, { body: { trigger }, ifMatch: survey.version });
      setSaved(true);
      onSaved();
    },
    (err) => err,
  );
  return (
    <form className="card" onSubmit={submit} aria-labelledby="trigger-title">
      <h2 id="trigger-title">Send by itself</h2>
      <label>
        When{' '}
        <select
          value={on}
          onChange={(e) => {
            setOn(e.target.value);
            setSaved(false);
          }}
        >
          {TRIGGERS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {on && (
        <label>
          {kind.days}{' '}
          <input type="number" min={kind.min} max={kind.max} value={days} required onChange={(e) => setDays(e.target.value)} />
        </label>
      )}
      <button type="submit" disabled={busy}>
        Save
      </button>
      {saved && <p role="status">Saved.</p>}
      {error !== null && <ErrorNote error={error} />}
    </form>
  );
}
