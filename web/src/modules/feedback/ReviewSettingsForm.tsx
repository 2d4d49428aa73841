// The automatic review request on the reviews page (docs/design/reviews.md § Collecting): on or
// off, and how many days after an order is fulfilled it goes out. Saved with the version it was
// shown (If-Match); the server's field errors show beside the field.
import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { byRoot, placeErrors } from '../../ui/errors';
import { useSubmit } from '../../ui/useSubmit';

interface ReviewSettings {
  auto_request_days: number | null;
  expires_in_days: number;
  version: number;
}

export function ReviewSettingsForm() {
  const settings = useApi<ReviewSettings>('/reviews/settings');
  // Kept here: the form below starts again (keyed by version) once a save is read back.
  const [saved, setSaved] = useState(false);
  if (settings.error) return <ErrorNote error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading what="review settings" />;
  // Keyed by version: the form starts again from what was saved.
  return (
    <SettingsForm
      key={settings.data.version}
      settings={settings.data}
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
  settings: ReviewSettings;
  saved: boolean;
  onSaving: () => void;
  onSaved: () => void;
}

function SettingsForm({ settings, saved, onSaving, onSaved }: FormProps) {
  const [on, setOn] = useState(settings.auto_request_days !== null);
  const [days, setDays] = useState(settings.auto_request_days === null ? '7' : String(settings.auto_request_days));
  const save = useSubmit(
    async () => {
      onSaving();
      const parsed = Number(days);
      const body = { auto_request_days: on ? (Number.isInteger(parsed) && days.trim() !== '' ? parsed : days) : null };
      await api<ReviewSettings>('PUT', '/reviews/settings', { body, ifMatch: settings.version });
      onSaved();
    },
    (err) => placeErrors(err, byRoot(['auto_request_days'])),
  );
  return (
    <form className="card review-settings" aria-label="Automatic review requests" onSubmit={(e) => void save.submit(e)}>
      <h2>Ask after delivery</h2>
      <FormError message={save.error?.rest ?? null} />
      <label className="checkbox-field">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} /> Ask for a review by e-mail after an order
        is fulfilled
      </label>
      {on && (
        <Field
          label="Days after fulfilment"
          type="number"
          min={0}
          max={365}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={save.error?.fields.auto_request_days}
          hint="Once per order, about a product the customer has not reviewed; consent and the contact budget apply."
        />
      )}
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
