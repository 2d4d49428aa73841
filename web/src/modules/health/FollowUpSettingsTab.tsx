// Settings → Follow-ups (administrators): for each bad-experience cause, whether the rules open a
// follow-up and what it is — a task for the customer's owner, a ticket in the chosen queue, or
// both (docs/design/health.md § Follow-ups) — with the queue picker and the due time. Saved with
// the version it was shown (If-Match); the server's field errors show beside the field.
import { useState } from 'react';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { useApi } from '../../api/useResource';
import { Field, SelectField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { placeErrors } from '../../ui/errors';
import { useSubmit } from '../../ui/useSubmit';
import type { Queue } from '../support/types';

type HealthSettings = components['schemas']['HealthSettings'];
type Kind = 'off' | 'task' | 'ticket' | 'both';

const CAUSES: [string, string][] = [
  ['detractor', 'A detractor (NPS)'],
  ['low_csat', 'A low CSAT'],
  ['negative_review', 'A negative review'],
  ['negative_comment', 'A negative comment on a fair score or review'],
  ['negative_contact', 'A contact with negative sentiment'],
  ['low_rating', 'A bad ticket rating'],
  ['sla_breach', 'A missed response target'],
  ['ticket_reopened', 'A reopened ticket'],
  ['refund', 'A refund'],
  ['order_cancelled', 'A cancelled order'],
];

const KINDS = [
  { value: 'off', label: 'No follow-up' },
  { value: 'task', label: 'A task for the owner' },
  { value: 'ticket', label: 'A ticket in the queue' },
  { value: 'both', label: 'A task and a ticket' },
];

export function FollowUpSettingsTab() {
  const settings = useApi<HealthSettings>('/health/settings');
  const queues = useApi<{ data: Queue[] }>('/queues');
  const [saved, setSaved] = useState(false);
  if (settings.error) return <ErrorNote error={settings.error} onRetry={settings.reload} />;
  if (queues.error) return <ErrorNote error={queues.error} onRetry={queues.reload} />;
  if (!settings.data || !queues.data) return <Loading what="follow-up settings" />;
  return (
    <FollowUpForm
      key={settings.data.version}
      settings={settings.data}
      queues={queues.data.data}
      saved={saved}
      onSaving={() => setSaved(false)}
      onSaved={() => {
        setSaved(true);
        settings.reload();
      }}
    />
  );
}

interface FormProps {
  settings: HealthSettings;
  queues: Queue[];
  saved: boolean;
  onSaving: () => void;
  onSaved: () => void;
}

function FollowUpForm({ settings, queues, saved, onSaving, onSaved }: FormProps) {
  const [kinds, setKinds] = useState<Record<string, Kind>>(() =>
    Object.fromEntries(
      CAUSES.map(([cause]) => [
        cause,
        (settings.follow_up_causes ?? []).includes(cause) ? ((settings.follow_up_as?.[cause] as Kind | undefined) ?? 'task') : 'off',
      ]),
    ),
  );
  const [queueId, setQueueId] = useState(settings.follow_up_queue_id ?? '');
  const [hours, setHours] = useState(String(settings.follow_up_hours ?? 24));
  const save = useSubmit(
    async () => {
      onSaving();
      const on = CAUSES.map(([cause]) => cause).filter((cause) => kinds[cause] !== 'off');
      // Staff-recorded experiences keep whatever follow-up they had (not shown here).
      const staff = (settings.follow_up_causes ?? []).filter((c) => c === 'staff');
      // The server merges follow_up_as into what it has: every cause is sent, an off one as a task.
      const as = Object.fromEntries(CAUSES.map(([cause]) => [cause, kinds[cause] === 'off' ? 'task' : kinds[cause]]));
      const parsed = Number(hours);
      const body = {
        follow_up_causes: [...on, ...staff],
        follow_up_as: as,
        follow_up_queue_id: queueId || null,
        follow_up_hours: Number.isInteger(parsed) && hours.trim() !== '' ? parsed : hours,
      };
      await api<HealthSettings>('PUT', '/health/settings', { body, ifMatch: settings.version });
      onSaved();
    },
    (err) =>
      placeErrors(err, (path) => (path.startsWith('follow_up_as') ? 'follow_up_as' : ['follow_up_queue_id', 'follow_up_hours'].includes(path) ? path : null)),
  );
  return (
    <form className="card" aria-label="Follow-ups" onSubmit={(e) => void save.submit(e)}>
      <h2>Follow-ups</h2>
      <p className="muted">What the feedback rules open when they record a bad experience. A ticket carries the context, a link and the due time in an internal note.</p>
      <FormError message={save.error?.rest ?? null} />
      {CAUSES.map(([cause, label]) => (
        <SelectField
          key={cause}
          label={label}
          value={kinds[cause]}
          options={KINDS}
          onChange={(e) => setKinds({ ...kinds, [cause]: e.target.value as Kind })}
        />
      ))}
      {save.error?.fields.follow_up_as && (
        <p className="field-error" role="alert">
          {save.error.fields.follow_up_as}
        </p>
      )}
      <SelectField
        label="Queue for follow-up tickets"
        value={queueId}
        options={[{ value: '', label: 'None' }, ...queues.map((q) => ({ value: q.id, label: q.name }))]}
        onChange={(e) => setQueueId(e.target.value)}
        error={save.error?.fields.follow_up_queue_id}
      />
      <Field
        label="Due after (hours)"
        type="number"
        min={1}
        max={720}
        value={hours}
        onChange={(e) => setHours(e.target.value)}
        error={save.error?.fields.follow_up_hours}
      />
      <button type="submit" disabled={save.busy}>
        {save.busy ? 'Saving…' : 'Save'}
      </button>
      {saved && !save.busy && (
        <span role="status" className="muted">
          {' '}
          Saved.
        </span>
      )}
    </form>
  );
}
