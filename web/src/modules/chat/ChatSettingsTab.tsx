// The chat's settings (administrators, /settings/chat; docs/design/chat.md): the script tag to
// put on the website, which websites may embed it, the default queue, the per-agent limit, when
// the chatbot answers, and the identity-verification secret (shown, rotated). The bot's guided
// flows are edited below it (BotFlowsEditor).
import { useState, type FormEvent } from 'react';
import { api, type Page } from '../../api/client';
import { useApi } from '../../api/useResource';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { ErrorNote, Loading } from '../../ui/States';
import { byRoot, placeErrors } from '../../ui/errors';
import { BotFlowsEditor } from './BotFlowsEditor';
import type { ChatSettings } from './types';

interface Queue { id: string; name: string }

const BOT_MODES = [
  { value: 'off', label: 'Off: every chat waits for a person' },
  { value: 'always', label: 'Always: the bot answers first, a person on request' },
  { value: 'offline', label: 'When nobody is available: out of hours or all agents busy' },
];

export function ChatSettingsTab() {
  const settings = useApi<ChatSettings>('/chat/settings');
  // Kept here: the form below starts afresh from each saved version.
  const [saved, setSaved] = useState<string | null>(null);
  if (settings.error !== undefined && !settings.data) return <ErrorNote error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading what="chat settings" />;
  return (
    <>
      <SettingsForm key={settings.data.version} value={settings.data} saved={saved} setSaved={setSaved} onSaved={(v) => settings.setData(() => v)} />
      <BotFlowsEditor />
    </>
  );
}

interface SettingsFormProps {
  value: ChatSettings;
  saved: string | null;
  setSaved: (notice: string | null) => void;
  onSaved: (v: ChatSettings) => void;
}

function SettingsForm({ value, saved, setSaved, onSaved }: SettingsFormProps) {
  const queues = useApi<Page<Queue>>('/queues?limit=100');
  const [form, setForm] = useState({
    allowed_origins: value.allowed_origins.join('\n'),
    queue_id: value.queue_id ?? '',
    max_concurrent: String(value.max_concurrent),
    bot_mode: value.bot_mode ?? 'off',
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const send = async (body: Record<string, unknown>, done: string) => {
    setFields({});
    setError(null);
    setSaved(null);
    try {
      const next = await api<ChatSettings>('PATCH', '/chat/settings', { body });
      setSaved(done);
      onSaved(next);
    } catch (err) {
      const placed = placeErrors(err, byRoot(['allowed_origins', 'queue_id', 'max_concurrent', 'bot_mode']));
      setFields(placed.fields);
      setError(placed.rest);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void send(
      {
        allowed_origins: form.allowed_origins.split(/\s+/).map((o) => o.trim()).filter(Boolean),
        queue_id: form.queue_id || null,
        max_concurrent: Number(form.max_concurrent),
        bot_mode: form.bot_mode,
      },
      'Saved.',
    );
  };
  const snippet = `<script async src="${location.origin}/widget/rapport-chat.js"${form.queue_id ? ` data-rapport-queue="${form.queue_id}"` : ''}></script>`;

  return (
    <section className="card" aria-labelledby="chat-settings-title">
      <h2 id="chat-settings-title">Chat on your website</h2>
      <p>Put this tag on every page of your website where the chat should appear:</p>
      <pre className="code-block">
        <code>{snippet}</code>
      </pre>
      <form onSubmit={save}>
        <FormError message={error} />
        {saved && (
          <p className="notice" role="status">
            {saved}
          </p>
        )}
        <TextAreaField
          label="Websites allowed to embed the chat"
          value={form.allowed_origins}
          onChange={set('allowed_origins')}
          rows={3}
          hint="One per line, scheme and host only, such as https://shop.example. Other websites are refused."
          error={fields.allowed_origins}
        />
        <SelectField
          label="Queue for new chats"
          value={form.queue_id}
          onChange={set('queue_id')}
          options={[{ value: '', label: 'No queue (every available agent)' }, ...(queues.data?.data ?? []).map((q) => ({ value: q.id, label: q.name }))]}
          error={fields.queue_id}
        />
        <Field label="Chats one agent may hold at once" type="number" min={1} max={50} value={form.max_concurrent} onChange={set('max_concurrent')} error={fields.max_concurrent} />
        <SelectField label="When the chatbot answers" value={form.bot_mode} onChange={set('bot_mode')} options={BOT_MODES} error={fields.bot_mode} />
        <div className="actions">
          <button type="submit" className="primary">
            Save chat settings
          </button>
        </div>
      </form>
      <h3>Identity verification</h3>
      <p>
        Your website’s server signs the signed-in customer’s id with this secret (HMAC-SHA256, or an HS256 JWT) so the chat joins their
        record. Keep it on the server, never in the page’s source.
      </p>
      <Field label="Identity secret" value={value.identity_secret} readOnly />
      <button type="button" onClick={() => void send({ rotate_identity_secret: true }, 'A new secret was made; the previous one stays valid until the next rotation.')}>
        Rotate the secret
      </button>
    </section>
  );
}
