// One ticket (/support/tickets/:id): the conversation with the composer, the ticket's properties,
// who else is on it (presence over the live stream), the customer's rating once they answered,
// and the customer panel. Live: a reply, change or rating by anyone shows at once, new messages
// highlighted.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useLiveEvents, useLiveReset } from '../../api/useLive';
import { useApi } from '../../api/useResource';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { staffName, useStaff } from '../../app/staff';
import { formatDateTime, humanize } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/States';
import { Conversation } from './Conversation';
import { CustomerPanel } from './CustomerPanel';
import { describePresence, usePresence } from './presence';
import { TicketComposer } from './TicketComposer';
import { changedFields, newMessageIds } from './ticketChanges';
import { TicketFields } from './TicketFields';
import type { Queue, Ticket, TicketMessage } from './types';

export function TicketPage({ id }: { id: string }) {
  const { me } = useSession();
  const self = me.user?.id ?? '';
  const staff = useStaff();
  const ticket = useApi<Ticket>(`/tickets/${id}`);
  const messages = useApi<{ data: TicketMessage[] }>(`/tickets/${id}/messages`);
  const queues = useApi<{ data: Queue[] }>('/queues');
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const presence = usePresence(id, self);

  // What the agent has seen, to tell what is new when the ticket is reloaded.
  const seen = useRef<{ ticket?: Ticket; messages: TicketMessage[] }>({ messages: [] });
  useEffect(() => {
    if (ticket.data && !seen.current.ticket) seen.current.ticket = ticket.data;
  }, [ticket.data]);
  useEffect(() => {
    if (messages.data && seen.current.messages.length === 0) seen.current.messages = messages.data.data;
  }, [messages.data]);

  // What the page showed when the agent started the reply being written: a refused reply says
  // what changed since then, even if live updates showed some of it meanwhile.
  const draftBase = useRef<typeof seen.current | null>(null);

  /** Reloads both; highlights others' new messages; answers what changed since `base`. */
  const reloadAll = useCallback(async (base?: typeof seen.current): Promise<string[]> => {
    const [nextTicket, nextMessages] = await Promise.all([api<Ticket>('GET', `/tickets/${id}`), api<{ data: TicketMessage[] }>('GET', `/tickets/${id}/messages`)]);
    const before = base ?? seen.current;
    const authors = new Map(nextMessages.data.map((m) => [m.id, m.author_id]));
    const added = new Set([...newMessageIds(before.messages, nextMessages.data)].filter((mid) => authors.get(mid) !== self));
    const queueName = (qid: string | null | undefined) => queues.data?.data.find((q) => q.id === qid)?.name ?? qid ?? 'none';
    const changes = before.ticket
      ? changedFields(before.ticket, nextTicket, (field, value) => (field === 'queue_id' ? queueName(value) : staffName(staff, value, self)))
      : [];
    if (added.size) changes.push(added.size === 1 ? '1 new message' : `${added.size} new messages`);
    if (added.size) setFresh((current) => new Set([...current, ...added]));
    seen.current = { ticket: nextTicket, messages: nextMessages.data };
    ticket.setData(() => nextTicket);
    messages.setData(() => nextMessages);
    return changes;
  }, [id, queues.data, staff, self, ticket, messages]);

  useLiveEvents('ticket.', (event) => {
    if (event.aggregate_id === id) void reloadAll().catch(() => undefined);
  });
  useLiveReset(() => void reloadAll().catch(() => undefined));

  if (ticket.loading && !ticket.data) return <Loading what="the ticket" />;
  if (ticket.error || !ticket.data) return <ErrorNote error={ticket.error} onRetry={ticket.reload} />;
  const t = ticket.data;
  const others = describePresence(presence.entries, presence.now, (uid) => staffName(staff, uid));

  return (
    <article className="ticket-page" aria-labelledby="ticket-title">
      <p className="breadcrumb">
        <Link to="/support">Support</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 id="ticket-title">
            <span className="ticket-number">#{t.number}</span> {t.subject}
          </h1>
          <p className="subtitle">
            <span className={`status status-${t.status}`}>{humanize(t.status)}</span> · {humanize(t.channel)} · from {t.requester ?? 'unknown'}
            {t.merged_into && (
              <>
                {' · merged into '}
                <Link to={`/support/tickets/${t.merged_into}`}>another ticket</Link>
              </>
            )}
            {t.linked_ticket_id && (
              <>
                {' · follows '}
                <Link to={`/support/tickets/${t.linked_ticket_id}`}>an earlier ticket</Link>
              </>
            )}
          </p>
          {t.rating && (
            <p className="ticket-rating">
              The customer rated this ticket <strong>{t.rating.score}</strong>
              {t.rating.comment && <>: “{t.rating.comment}”</>} <time dateTime={t.rating.rated_at}>{formatDateTime(t.rating.rated_at)}</time>
            </p>
          )}
        </div>
      </div>
      <p className={`presence${others ? '' : ' presence-empty'}`} role="status" aria-live="polite">
        {others}
      </p>
      <div className="ticket-layout">
        <div className="ticket-main">
          {messages.error !== undefined && <ErrorNote error={messages.error} onRetry={messages.reload} />}
          {messages.data && <Conversation messages={messages.data.data} requester={t.requester} staff={staff} self={self} fresh={fresh} />}
          <TicketComposer
            ticket={t}
            onTyping={presence.typing}
            onDraftStart={() => {
              draftBase.current = seen.current;
            }}
            onStale={() => reloadAll(draftBase.current ?? undefined).catch(() => [])}
            onSent={() => {
              draftBase.current = null;
              void reloadAll().catch(() => undefined);
            }}
          />
        </div>
        <div className="ticket-side">
          <TicketFields
            ticket={t}
            staff={staff}
            self={self}
            onSaved={(saved) => {
              seen.current.ticket = saved;
              ticket.setData(() => saved);
            }}
            onStale={() => void reloadAll().catch(() => undefined)}
          />
          <CustomerPanel customerId={t.customer_id} ticketId={t.id} ticketNumber={t.number} />
        </div>
      </div>
    </article>
  );
}
