// The public help center's look (administrators): its title, logo and colours.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { byRoot, placeErrors } from '../../ui/errors';
import type { KbSettings } from './types';

const KEYS = ['title', 'logo_url', 'accent_color', 'background_color', 'text_color'] as const;

export function KbSettingsTab() {
  const settings = useApi<KbSettings>('/kb/settings');
  if (settings.error !== undefined && !settings.data) return <ErrorNote error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading what="settings" />;
  return <SettingsForm key={settings.data.version ?? 0} value={settings.data} onSaved={(v) => settings.setData(() => v)} />;
}

function SettingsForm({ value, onSaved }: { value: KbSettings; onSaved: (v: KbSettings) => void }) {
  const [form, setForm] = useState({
    title: value.title ?? '',
    logo_url: value.logo_url ?? '',
    accent_color: value.accent_color ?? '#1f5fbf',
    background_color: value.background_color ?? '#ffffff',
    text_color: value.text_color ?? '#1b1b1f',
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (key: (typeof KEYS)[number]) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setSaved(false);
    try {
      const next = await api<KbSettings>('PUT', '/kb/settings', {
        body: { ...form, logo_url: form.logo_url.trim() || null },
        ifMatch: value.version,
      });
      setSaved(true);
      onSaved(next);
    } catch (err) {
      const placed = placeErrors(err, byRoot([...KEYS]));
      setFields(placed.fields);
      setError(placed.rest);
    }
  };
  return (
    <section aria-labelledby="kb-settings-title">
      <h2 id="kb-settings-title">Public pages</h2>
      <form onSubmit={(e) => void save(e)}>
        <FormError message={error} />
        {saved && (
          <p className="notice" role="status">
            Saved. The public pages show it within a minute.
          </p>
        )}
        <Field label="Title" value={form.title} onChange={set('title')} required maxLength={100} error={fields.title} />
        <Field label="Logo URL" value={form.logo_url} onChange={set('logo_url')} maxLength={500} hint="https://… or a path on this server; empty for none" error={fields.logo_url} />
        <Field label="Accent colour" type="color" value={form.accent_color} onChange={set('accent_color')} error={fields.accent_color} />
        <Field label="Background colour" type="color" value={form.background_color} onChange={set('background_color')} error={fields.background_color} />
        <Field label="Text colour" type="color" value={form.text_color} onChange={set('text_color')} error={fields.text_color} />
        <div className="actions">
          <button type="submit" className="primary">
            Save settings
          </button>
        </div>
      </form>
    </section>
  );
}
