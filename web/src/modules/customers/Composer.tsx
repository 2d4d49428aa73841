// Logging an interaction from the timeline's quick actions: a note, a call, an email, a meeting.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Interaction } from '../../api/types';
import { FormActions } from '../../ui/FormActions';
import { useSubmit } from '../../ui/useSubmit';

export const QUICK: Record<string, { label: string; channel: string; direction: string; kind: string }> = {
  note: { label: 'Add note', channel: 'other', direction: 'internal', kind: 'note' },
  call: { label: 'Log call', channel: 'phone', direction: 'outbound', kind: 'call' },
  email: { label: 'Log email', channel: 'email', direction: 'outbound', kind: 'email' },
  meeting: { label: 'Log meeting or visit', channel: 'in_person', direction: 'outbound', kind: 'meeting' },
};

export function Composer({
  customerId,
  preset,
  onCancel,
  onLogged,
}: {
  customerId: string;
  preset: (typeof QUICK)[string];
  onCancel: () => void;
  onLogged: (entry: Interaction) => void;
}) {
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [minutes, setMinutes] = useState('');
  const { busy, error, submit } = useSubmit(
    async () => {
      const entry = await api<Interaction>('POST', `/customers/${customerId}/interactions`, {
        body: {
          channel: preset.channel,
          direction: preset.direction,
          kind: preset.kind,
          subject: subject.trim() || undefined,
          body: body.trim() || undefined,
          duration_seconds: minutes ? Math.round(Number(minutes) * 60) : undefined,
        },
      });
      onLogged(entry);
    },
    (err) => (err instanceof ApiError ? err : new ApiError(0, 'Saving failed.')),
  );
  return (
    <form className="composer card" onSubmit={submit} aria-label={preset.label}>
      {error && (
        <p className="notice notice-error" role="alert">
          {error.message}
        </p>
      )}
      <label>
        Subject
        <input value={subject} onChange={(e) => setSubject(e.target.value)} />
      </label>
      <label>
        {preset.kind === 'note' ? 'Note' : 'Notes'}
        <textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} required={preset.kind === 'note'} />
      </label>
      {(preset.kind === 'call' || preset.kind === 'meeting') && (
        <label>
          Duration (minutes)
          <input type="number" min="0" max="10080" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
      )}
      <FormActions busy={busy} label="Save" busyLabel="Saving…" onCancel={onCancel} cancelWhileBusy />
    </form>
  );
}
