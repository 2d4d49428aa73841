// The customer's timeline: every interaction across channels, newest first, filterable by
// channel and kind, loading more as the user scrolls; quick actions log a note, call, email or
// meeting, which appears at the top at once.
import { useEffect, useRef, useState } from 'react';
import { api, query, type Page } from '../../api/client';
import type { Interaction } from '../../api/types';
import { usePages } from '../../api/usePages';
import { Link } from '../../app/router';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ErrorNote } from '../../ui/States';
import { Composer, QUICK } from './Composer';

/** The ticket a timeline entry is about (the service desk's entries carry metadata.ticket_id). */
export function ticketOf(entry: Interaction): string | null {
  const id = (entry.metadata as Record<string, unknown> | undefined)?.ticket_id;
  return typeof id === 'string' ? id : null;
}

export const CHANNELS = ['email', 'phone', 'chat', 'social', 'in_person', 'web', 'sms', 'other'];


interface Props {
  customerId: string;
  canLog: boolean;
  onLogged?: () => void;
}

export function Timeline({ customerId, canLog, onLogged }: Props) {
  const [channel, setChannel] = useState('');
  const [kind, setKind] = useState('');
  const [composer, setComposer] = useState<keyof typeof QUICK | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const timeline = usePages<Interaction>(
    (cursor, signal) =>
      api<Page<Interaction>>('GET', `/customers/${customerId}/timeline${query({ channel, kind: kind.trim(), limit: 25, cursor })}`, { signal }),
    `${customerId}\n${channel}\n${kind.trim()}`,
  );
  const { items: entries, hasMore, loadMore } = timeline;
  const loading = timeline.loading || timeline.moreBusy;
  const error = timeline.error ?? timeline.moreError;

  // Load the next page when the end of the list scrolls into view.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore || loading) return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((s) => s.isIntersecting)) loadMore();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, loading, loadMore]);

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
            timeline.setItems((current) => [entry, ...current]);
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
      {error !== undefined && <ErrorNote error={error} onRetry={timeline.error !== undefined ? timeline.reload : loadMore} />}
      {!loading && error === undefined && entries.length === 0 && <Empty>Nothing on the timeline{channel || kind ? ' for this filter' : ' yet'}.</Empty>}
      <ol className="timeline-list">
        {entries.map((entry) => (
          <li key={entry.id} className={`timeline-entry channel-${entry.channel}`}>
            <div className="entry-meta">
              <span className="entry-kind">{humanize(entry.kind)}</span>
              <span>{humanize(entry.channel)}</span>
              <span>{entry.direction}</span>
              <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at)}</time>
            </div>
            {entry.subject && <p className="entry-subject">{ticketOf(entry) ? <Link to={`/support/tickets/${ticketOf(entry)}`}>{entry.subject}</Link> : entry.subject}</p>}
            {entry.body && <p className="entry-body">{entry.body}</p>}
          </li>
        ))}
      </ol>
      <div ref={sentinel} />
      {loading && <p className="state state-loading" role="status">Loading the timeline…</p>}
      {hasMore && !loading && (
        <button type="button" onClick={loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}
