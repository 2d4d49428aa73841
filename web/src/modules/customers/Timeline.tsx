// The customer's timeline: every interaction across channels, newest first, filterable by
// channel and kind, loading more as the user scrolls; quick actions log a note, call, email or
// meeting, which appears at the top at once.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, query, type Page } from '../../api/client';
import type { Interaction } from '../../api/types';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ErrorNote } from '../../ui/States';

export const CHANNELS = ['email', 'phone', 'chat', 'social', 'in_person', 'web', 'sms', 'other'];

const QUICK: Record<string, { label: string; channel: string; direction: string; kind: string }> = {
  note: { label: 'Add note', channel: 'other', direction: 'internal', kind: 'note' },
  call: { label: 'Log call', channel: 'phone', direction: 'outbound', kind: 'call' },
  email: { label: 'Log email', channel: 'email', direction: 'outbound', kind: 'email' },
  meeting: { label: 'Log meeting or visit', channel: 'in_person', direction: 'outbound', kind: 'meeting' },
};

interface Props {
  customerId: string;
  canLog: boolean;
  onLogged?: () => void;
}

export function Timeline({ customerId, canLog, onLogged }: Props) {
  const [channel, setChannel] = useState('');
  const [kind, setKind] = useState('');
  const [entries, setEntries] = useState<Interaction[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [composer, setComposer] = useState<keyof typeof QUICK | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (after: string | null) => {
      const id = after ? generation.current : ++generation.current;
      setLoading(true);
      try {
        const page = await api<Page<Interaction>>(
          'GET',
          `/customers/${customerId}/timeline${query({ channel, kind: kind.trim(), limit: 25, cursor: after })}`,
        );
        if (id !== generation.current) return;
        setEntries((current) => (after ? [...current, ...page.data] : page.data));
        setCursor(page.next_cursor);
        setError(null);
      } catch (e) {
        if (id === generation.current) setError(e);
      } finally {
        if (id === generation.current) setLoading(false);
      }
    },
    [customerId, channel, kind],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  // Load the next page when the end of the list scrolls into view.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !cursor) return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((s) => s.isIntersecting) && !loading) void load(cursor);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [cursor, loading, load]);

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <div className="section-header">
        <h2 id="timeline-title">Timeline</h2>
        {canLog && (
          <div className="quick-actions" role="group" aria-label="Quick actions">
            {Object.entries(QUICK).map(([key, q]) => (
              <button key={key} type="button" aria-pressed={composer === key} onClick={() => setComposer(composer === key ? null : (key as keyof typeof QUICK))}>
                {q.label}
              </button>
            ))}
          </div>
        )}
      </div>
      {composer && (
        <Composer
          customerId={customerId}
          preset={QUICK[composer]}
          onCancel={() => setComposer(null)}
          onLogged={(entry) => {
            setEntries((current) => [entry, ...current]);
            setComposer(null);
            onLogged?.();
          }}
        />
      )}
      <div className="toolbar">
        <label>
          <span>Channel</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">All channels</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Kind</span>
          <input value={kind} placeholder="e.g. call, note, order" onChange={(e) => setKind(e.target.value)} />
        </label>
      </div>
      {error !== null && <ErrorNote error={error} onRetry={() => void load(null)} />}
      {!loading && !error && entries.length === 0 && <Empty>Nothing on the timeline{channel || kind ? ' for this filter' : ' yet'}.</Empty>}
      <ol className="timeline-list">
        {entries.map((entry) => (
          <li key={entry.id} className={`timeline-entry channel-${entry.channel}`}>
            <div className="entry-meta">
              <span className="entry-kind">{humanize(entry.kind)}</span>
              <span>{humanize(entry.channel)}</span>
              <span>{entry.direction}</span>
              <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at)}</time>
            </div>
            {entry.subject && <p className="entry-subject">{entry.subject}</p>}
            {entry.body && <p className="entry-body">{entry.body}</p>}
          </li>
        ))}
      </ol>
      <div ref={sentinel} />
      {loading && <p className="state state-loading" role="status">Loading the timeline…</p>}
      {cursor && !loading && (
        <button type="button" onClick={() => void load(cursor)}>
          Load more
        </button>
      )}
    </section>
  );
}

function Composer({
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
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
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
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Saving failed.'));
    } finally {
      setBusy(false);
    }
  };
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
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
